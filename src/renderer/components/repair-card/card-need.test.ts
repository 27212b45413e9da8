/** What a card asks of the person, from the findings main sent (RepairCard's cardNeed). */
import { describe, expect, it } from 'vitest';
import type { RepairStepId } from '../../../shared/repairs';
import { finding } from '../../../../testing/renderer/fake-data';
import { cardNeed } from './RepairCard';
import type { CardNeed } from './card-context';

type Status = 'ok' | 'problem' | 'warning';

const certificate = (status: Status, repairs: RepairStepId[]) =>
  finding(
    'personal-certificate',
    status,
    'additional-personal-certificate',
    'summary',
    [],
    repairs,
  );

const cases: Array<[string, Status | undefined, RepairStepId[], RepairStepId, CardNeed]> = [
  [
    'a problem asks for a fix',
    'problem',
    ['remove-personal-certificate'],
    'remove-personal-certificate',
    'fix',
  ],
  ['an unsure finding asks for a look', 'warning', [], 'remove-personal-certificate', 'optional'],
  ['a card without findings offers its change', undefined, [], 'remove-distrusted-root', 'fix'],
  [
    'healthy, with something to change',
    'ok',
    ['remove-personal-certificate'],
    'remove-personal-certificate',
    'none',
  ],
  ['healthy, with nothing to change', 'ok', [], 'remove-personal-certificate', 'nothing-to-change'],
  [
    "another step's finding",
    'ok',
    ['remove-personal-certificate'],
    'flush-dns-cache',
    'nothing-to-change',
  ],
  // By parts: Lync 2013's composite names the certificate the Lync 2010 card's composite clears.
  [
    "the other client path's composite",
    'ok',
    ['delete-sign-in-info'],
    'clear-cached-sign-in',
    'none',
  ],
  [
    'a part of the card’s composite',
    'ok',
    ['remove-personal-certificate'],
    'delete-sign-in-info',
    'none',
  ],
];

describe('cardNeed', () => {
  it.each(cases)('%s', (_, status, repairs, step, need) => {
    const findings = status === undefined ? [] : [certificate(status, repairs)];
    expect(cardNeed(findings, [step])).toBe(need);
  });
});

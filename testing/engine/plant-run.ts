/**
 * Test support: plants a run folder in an engine's data folder the way an attacker with the
 * user's rights could: a journal that stops after `apply-start` (so it looks interrupted) and
 * backup files of the attacker's choosing. With `key` the journal is sealed as the engine
 * seals it (an attacker who could read the protected key); without, it is plain JSON lines.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IntegrityKey } from '../../src/main/journal/integrity';
import { JournalWriter } from '../../src/main/journal/journal';

export interface PlantedAction {
  id: string;
  stepId: string;
  description: string;
  undoable: boolean;
  internal: Record<string, unknown>;
}

export interface PlantedRun {
  runId: string;
  steps: string[];
  actions: PlantedAction[];
  /** Per action id: file name → contents (JSON documents as objects). */
  backups?: Record<string, Record<string, unknown>>;
}

export async function plantRun(
  dataDir: string,
  run: PlantedRun,
  key?: IntegrityKey,
): Promise<string> {
  const runDir = join(dataDir, 'runs', run.runId);
  mkdirSync(runDir, { recursive: true });
  const digests: Record<string, Record<string, string>> = {};
  for (const [actionId, files] of Object.entries(run.backups ?? {})) {
    const dir = join(runDir, 'backup', actionId);
    mkdirSync(dir, { recursive: true });
    digests[actionId] = {};
    for (const [name, contents] of Object.entries(files)) {
      const bytes =
        contents instanceof Uint8Array
          ? contents
          : Buffer.from(`${JSON.stringify(contents)}\n`, 'utf8');
      writeFileSync(join(dir, name), bytes);
      digests[actionId][name] = createHash('sha256').update(bytes).digest('hex');
    }
  }
  const entries: object[] = [
    {
      type: 'run-start',
      runId: run.runId,
      planId: 'p-planted',
      startedAt: '2026-12-01T10:00:00.000Z',
      steps: run.steps,
      actions: run.actions,
    },
    ...run.actions.map((action) => ({
      type: 'backed-up',
      actionId: action.id,
      digests: digests[action.id] ?? {},
    })),
    ...run.actions.map((action) => ({ type: 'apply-start', actionId: action.id })),
  ];
  const path = join(runDir, 'journal.jsonl');
  if (key) {
    const journal = JournalWriter.open(path, key, run.runId);
    for (const entry of entries) await journal.append(entry);
    journal.close();
  } else {
    writeFileSync(path, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  }
  return run.runId;
}

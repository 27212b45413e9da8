import { describe, expect, it } from 'vitest';
import { REPAIR_STEP_IDS } from '../../shared/repairs';
import { isPerUserStep } from '../../renderer/profile-view';
import { perUserSteps } from '../engine/profile-guard';

describe('per-user steps', () => {
  it('are the same in the wizard (switched off) and in the engine (refused)', () => {
    expect(REPAIR_STEP_IDS.filter(isPerUserStep)).toEqual(perUserSteps(REPAIR_STEP_IDS));
    expect(REPAIR_STEP_IDS.filter((step) => !isPerUserStep(step)).length).toBeGreaterThan(0);
  });
});

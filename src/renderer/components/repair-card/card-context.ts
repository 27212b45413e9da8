import type { RepairStepId } from '../../../shared/repairs';
import type { RepairFlow } from '../../store/wizard-state';

/** What every phase of a card needs: which card, its steps, its flow, and whether it is blocked. */
export interface CardPhaseProps {
  cardKey: string;
  steps: RepairStepId[];
  flow: RepairFlow;
  /** Spread on the card's change buttons: disabled (with the reason) while the profile is wrong. */
  blockedProps: { disabled?: boolean; 'aria-describedby'?: string };
}

/**
 * What a card asks of the person: `fix` a problem (the primary action), an `optional` step the
 * scan cannot judge (worth doing), `none` when nothing is wrong (the change behind a caution), or
 * `nothing-to-change` when nothing is wrong and no finding lists the card's change, because there
 * is nothing it could change (no certificate, no saved password, no braces to remove).
 */
export type CardNeed = 'fix' | 'optional' | 'none' | 'nothing-to-change';

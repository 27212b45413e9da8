import { useEffect, useRef, type ReactNode } from 'react';
import type { KbStepId } from '../../../shared/findings';
import { expandRepairSteps, type RepairStepId } from '../../../shared/repairs';
import type { Finding } from '../../diagnosis-view';
import { PUTTING_BACK_NEWER } from '../../../shared/wording';
import { clientNameIn } from '../../diagnosis-view';
import { isPerUserStep, wrongProfile } from '../../profile-view';
import { useWizard } from '../../store/wizard-context';
import type { RepairFlow } from '../../store/wizard-state';
import { ClientRunningPanel } from '../ClientRunningPanel';
import { FindingList } from '../FindingList';
import { KbRef } from '../KbRef';
import { ProgressLine } from '../ProgressLine';
import { WrongProfileCardNote } from '../WrongProfileNotice';
import type { CardNeed } from './card-context';
import { FailedPhase } from './FailedPhase';
import { ResultPhase } from './ResultPhase';
import { ReviewPhase } from './ReviewPhase';
import { StartPhase } from './StartPhase';
import { UndonePhase } from './UndonePhase';

interface Props {
  cardKey: string;
  steps: RepairStepId[];
  title: string;
  kbStep: KbStepId;
  findings: Finding[];
  /**
   * The findings are the reason for this card's change, not what it changes (the Tracing folder's
   * card shows the endpoint cache's finding): they are not said to be fixed when that is.
   */
  findingsAreReason?: boolean;
  /** Said on the card when the change needs an administrator's approval. */
  adminNote?: ReactNode;
  /** What changing a healthy item anyway would cost (shown behind "Change it anyway"). */
  caution?: string;
  children?: ReactNode;
}

const FOCUS_PHASES: ReadonlyArray<RepairFlow['phase']> = [
  'review',
  'client-running',
  'result',
  'undone',
  'failed',
];

/** What the card's findings ask for; a card without findings (admin, history) offers its step. */
export function cardNeed(findings: Finding[], steps: readonly RepairStepId[]): CardNeed {
  if (findings.length === 0 || findings.some((finding) => finding.status === 'problem')) {
    return 'fix';
  }
  const unsure = findings.some((f) => f.status === 'warning' || f.status === 'unknown');
  if (unsure) return 'optional';
  // By parts: a finding may name the change as a composite step of the other client's path.
  const parts = new Set(expandRepairSteps(steps));
  const changeable = findings.some((finding) =>
    expandRepairSteps(finding.repairs).some((part) => parts.has(part)),
  );
  return changeable ? 'none' : 'nothing-to-change';
}

/** One change the user can make: preview, confirm, close the client if needed, result, undo. */
export function RepairCard({
  cardKey,
  steps,
  title,
  kbStep,
  findings,
  findingsAreReason = false,
  adminNote,
  caution,
  children,
}: Props) {
  const flow = useWizard((state) => state.repairs[cardKey]);
  const closeClient = useWizard((state) => state.closeClient);
  const recheckClient = useWizard((state) => state.recheckClient);
  const cancelRepair = useWizard((state) => state.cancelRepair);
  const diagnosis = useWizard((state) => state.diagnosis);
  const profile = wrongProfile(diagnosis);
  const perUser = steps.some(isPerUserStep);
  // Main refuses these too; switching them off here says why before anyone tries.
  const blocked = profile !== undefined && perUser;
  const phase = flow?.phase;
  const areaRef = useRef<HTMLDivElement>(null);
  const headingId = `repair-${cardKey}`;
  const profileNoteId = `profile-${cardKey}`;
  const blockedProps = blocked ? { disabled: true, 'aria-describedby': profileNoteId } : {};
  const phaseProps = flow ? { cardKey, steps, flow, blockedProps } : undefined;

  // Moving focus to what just appeared keeps keyboard and screen-reader users where the action is.
  useEffect(() => {
    if (phase && FOCUS_PHASES.includes(phase)) areaRef.current?.focus();
  }, [phase]);

  return (
    <section className="repair-card" aria-labelledby={headingId} data-card={cardKey}>
      <h3 id={headingId}>{title}</h3>
      <KbRef kbStep={kbStep} />
      {adminNote && <p className="tag-admin">{adminNote}</p>}
      {profile && (
        <WrongProfileCardNote
          profile={profile}
          perUser={perUser}
          origin={cardKey}
          id={profileNoteId}
        />
      )}
      {children}
      <FindingList findings={findings} sinceFirstScan={!findingsAreReason} />
      <div className="repair-flow" ref={areaRef} tabIndex={-1} aria-live="polite">
        {!flow && (
          <StartPhase
            cardKey={cardKey}
            steps={steps}
            need={cardNeed(findings, steps)}
            blockedProps={blockedProps}
            {...(caution ? { caution } : {})}
          />
        )}
        {phase === 'planning' && <p role="status">Working out what would change…</p>}
        {phase === 'review' && phaseProps && <ReviewPhase {...phaseProps} />}
        {phase === 'checking-client' && (
          <p role="status">Checking whether {clientNameIn(diagnosis)} is running…</p>
        )}
        {(phase === 'client-running' || phase === 'closing') && flow && (
          <ClientRunningPanel
            flow={flow}
            onClose={(force) => void closeClient(cardKey, force)}
            onRecheck={() => void recheckClient(cardKey)}
            onCancel={() => cancelRepair(cardKey)}
          />
        )}
        {phase === 'applying' && <ProgressLine label="Making the change…" />}
        {phase === 'undoing' && (
          <ProgressLine
            label={
              flow?.pending?.kind === 'undo' && flow.pending.putBackNewer
                ? PUTTING_BACK_NEWER
                : 'Putting things back…'
            }
          />
        )}
        {phase === 'result' && phaseProps && <ResultPhase {...phaseProps} />}
        {phase === 'undone' && phaseProps && <UndonePhase {...phaseProps} />}
        {phase === 'failed' && phaseProps && <FailedPhase {...phaseProps} />}
      </div>
    </section>
  );
}

import { useEffect, useRef, type ReactNode } from 'react';
import type { KbStepId } from '../../shared/findings';
import type { RepairStepId } from '../../shared/repairs';
import { isRepairStep, repairStepTitle } from '../../shared/wording';
import type { Finding } from '../diagnosis-view';
import { isPerUserStep, wrongProfile } from '../profile-view';
import { useWizard } from '../store/wizard-context';
import type { RepairFlow } from '../store/wizard-state';
import { ClientRunningPanel } from './ClientRunningPanel';
import { ErrorNotice } from './ErrorNotice';
import { FindingList } from './FindingList';
import { KbRef } from './KbRef';
import { PlanReview, planActionCount } from './PlanReview';
import { ProgressLine } from './ProgressLine';
import { RunOutcome } from './RunOutcome';
import { StartClientOffer } from './StartClientOffer';
import { WrongProfileCardNote } from './WrongProfileNotice';

interface Props {
  cardKey: string;
  steps: RepairStepId[];
  title: string;
  kbStep: KbStepId;
  findings: Finding[];
  needsAdmin?: boolean;
  children?: ReactNode;
}

const FOCUS_PHASES: ReadonlyArray<RepairFlow['phase']> = [
  'review',
  'client-running',
  'result',
  'undone',
  'failed',
];

/** One change the user can make: preview, confirm, close the client if needed, result, undo. */
export function RepairCard({
  cardKey,
  steps,
  title,
  kbStep,
  findings,
  needsAdmin,
  children,
}: Props) {
  const flow = useWizard((state) => state.repairs[cardKey]);
  const elevated = useWizard((state) => state.session?.elevated);
  const previewRepair = useWizard((state) => state.previewRepair);
  const confirmRepair = useWizard((state) => state.confirmRepair);
  const cancelRepair = useWizard((state) => state.cancelRepair);
  const closeClient = useWizard((state) => state.closeClient);
  const recheckClient = useWizard((state) => state.recheckClient);
  const undoRepair = useWizard((state) => state.undoRepair);
  // A change whose backups the user deleted (report screen) no longer offers an undo here.
  const backupsDeleted = useWizard(
    (state) =>
      flow?.run !== undefined &&
      state.history.runs?.some((run) => run.id === flow.run?.id && run.backupsPurgedAt) === true,
  );
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

  // Moving focus to what just appeared keeps keyboard and screen-reader users where the action is.
  useEffect(() => {
    if (phase && FOCUS_PHASES.includes(phase)) areaRef.current?.focus();
  }, [phase]);

  const preview = () => void previewRepair(cardKey, steps);

  return (
    <section className="repair-card" aria-labelledby={headingId} data-card={cardKey}>
      <h3 id={headingId}>{title}</h3>
      <KbRef kbStep={kbStep} />
      {needsAdmin && (
        <p className="tag-admin">
          Needs administrator rights
          {elevated === false &&
            ': this app is not running as administrator, so Windows will refuse it.'}
        </p>
      )}
      {profile && (
        <WrongProfileCardNote
          profile={profile}
          perUser={perUser}
          origin={cardKey}
          id={profileNoteId}
        />
      )}
      {children}
      <FindingList findings={findings} />
      <div className="repair-flow" ref={areaRef} tabIndex={-1} aria-live="polite">
        {!flow && (
          <div className="actions">
            <button type="button" onClick={preview} {...blockedProps}>
              Show what will change
            </button>
          </div>
        )}
        {phase === 'planning' && <p role="status">Working out what would change…</p>}
        {phase === 'review' && flow?.plan && (
          <>
            <PlanReview plan={flow.plan} />
            <div className="actions">
              {planActionCount(flow.plan) > 0 && (
                <button
                  type="button"
                  className="primary"
                  onClick={() => void confirmRepair(cardKey)}
                  {...blockedProps}
                >
                  Make this change
                </button>
              )}
              <button type="button" onClick={() => cancelRepair(cardKey)}>
                {planActionCount(flow.plan) > 0 ? 'Cancel' : 'Close'}
              </button>
            </div>
          </>
        )}
        {phase === 'checking-client' && <p role="status">Checking whether Lync is running…</p>}
        {(phase === 'client-running' || phase === 'closing') && flow && (
          <ClientRunningPanel
            flow={flow}
            onClose={(force) => void closeClient(cardKey, force)}
            onRecheck={() => void recheckClient(cardKey)}
            onCancel={() => cancelRepair(cardKey)}
          />
        )}
        {phase === 'applying' && <ProgressLine label="Making the change…" />}
        {phase === 'undoing' && <ProgressLine label="Putting things back…" />}
        {phase === 'result' && flow?.run && (
          <>
            <RunOutcome run={flow.run} />
            {backupsDeleted ? (
              <p>Its backups were deleted, so this change can no longer be undone.</p>
            ) : (
              <div className="actions">
                <button type="button" onClick={() => void undoRepair(cardKey)} {...blockedProps}>
                  Undo this change
                </button>
                {flow.run.steps.length > 1 &&
                  flow.run.steps.filter(isRepairStep).map((stepId) => (
                    <button
                      key={stepId}
                      type="button"
                      onClick={() => void undoRepair(cardKey, stepId)}
                      {...blockedProps}
                    >
                      Undo only: {repairStepTitle(stepId)}
                    </button>
                  ))}
              </div>
            )}
            <StartClientOffer cardKey={cardKey} />
          </>
        )}
        {phase === 'undone' && flow?.undoRun && (
          <>
            <RunOutcome run={flow.undoRun} />
            <div className="actions">
              {flow.undoRun.status === 'partly-undone' && !backupsDeleted && (
                <button type="button" onClick={() => void undoRepair(cardKey)} {...blockedProps}>
                  Undo the rest of this change
                </button>
              )}
              <button type="button" onClick={preview} {...blockedProps}>
                Show what will change
              </button>
            </div>
            <StartClientOffer cardKey={cardKey} />
          </>
        )}
        {phase === 'failed' && flow?.error && (
          <>
            <ErrorNotice error={flow.error} />
            <div className="actions">
              {flow.run ? (
                <button
                  type="button"
                  {...blockedProps}
                  onClick={() =>
                    void undoRepair(
                      cardKey,
                      flow.pending?.kind === 'undo' ? flow.pending.stepId : undefined,
                    )
                  }
                >
                  Try the undo again
                </button>
              ) : (
                <button type="button" onClick={preview} {...blockedProps}>
                  Show the changes again
                </button>
              )}
              <button type="button" onClick={() => cancelRepair(cardKey)}>
                Cancel
              </button>
            </div>
          </>
        )}
      </div>
    </section>
  );
}

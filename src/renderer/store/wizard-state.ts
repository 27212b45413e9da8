import type { ExternalLinkId } from '../../shared/external-links';
import type { ProgressEvent } from '../../shared/operations';
import type { RepairStepId } from '../../shared/repairs';
import type {
  AdminFindings,
  BackupInfo,
  ClientStartAnswer,
  PurgeResult,
  RunSummary,
  ClientError,
  Diagnosis,
  Plan,
  ReportFile,
  RestartAnswer,
  Run,
  SessionInfo,
} from '../client/client-types';
import type { ScreenId } from './screens';

export type RepairPhase =
  | 'planning'
  | 'review'
  | 'checking-client'
  | 'client-running'
  | 'closing'
  | 'applying'
  | 'result'
  | 'undoing'
  | 'undone'
  | 'failed';

/**
 * What to do once the running client is out of the way. `putBackNewer`: the run's undo kept
 * newer data, so undoing it again makes the change again and puts that data back.
 */
export type PendingChange =
  { kind: 'apply' } | { kind: 'undo'; stepId?: RepairStepId; putBackNewer?: true };

/** One repair card's journey: preview, confirm, (close the client), apply, result, undo. */
export interface RepairFlow {
  steps: RepairStepId[];
  phase: RepairPhase;
  plan?: Plan;
  run?: Run;
  /** A change made earlier (another session) that this flow undoes; known only by its id. */
  earlierRunId?: string;
  undoRun?: Run;
  pending?: PendingChange;
  /** Names of the client processes still running when a change needs them closed. */
  running?: string[];
  /** Set after a polite close request (or a forced one) left the client running. */
  closeRefused?: 'polite' | 'forced';
  /** The user said they closed the client, and it still runs. */
  recheckedStillRunning?: boolean;
  /** "Put back what was newer" undid the undo: the change is made again, the newer data back. */
  newerPutBack?: boolean;
  error?: ClientError;
}

export type OtherAccountsAnswer = 'yes' | 'no' | 'not-tried';

export interface WizardState {
  screen: ScreenId;
  helpdesk: boolean;
  session?: SessionInfo;
  sessionError?: ClientError;
  /** The latest scan: after every change and undo the PC is scanned again. */
  diagnosis?: Diagnosis;
  /** The last scan before any change in this session: the "before" of each finding. */
  before?: Diagnosis;
  scanning: boolean;
  scanCount: number;
  scanError?: ClientError;
  /** The SIP address repairs act for (the client's current one unless the user picks another). */
  address?: string;
  repairs: Record<string, RepairFlow>;
  /** The latest progress of a long change, cleared when it finishes. */
  progress?: ProgressEvent;
  /** The administrators' checks: they may reach servers on the network, so only when asked. */
  admin: {
    busy: boolean;
    findings?: AdminFindings;
    error?: ClientError;
  };
  outcome: { fixed?: boolean; otherAccounts?: OtherAccountsAnswer };
  /** Changes made with this app on this PC, earlier sessions included. */
  history: { runs?: RunSummary[]; error?: ClientError };
  /** "Put it back" of an interrupted change: which run, and main's answer. */
  recovery: { runId?: string; busy: boolean; run?: Run; error?: ClientError };
  report: { busy: boolean; file?: ReportFile; error?: ClientError };
  /** "Restart normally": asked from `origin` (the scan screen or a card), and main's answer. */
  restart: { busy: boolean; origin?: string; answer?: RestartAnswer; error?: ClientError };
  /** The last download page asked for, and whether main could open the browser. */
  externalLink?: { link: ExternalLinkId; opened: boolean };
  /**
   * Starting Lync again after a change: set once a change was made, on the card that made it,
   * with whether the client ran right afterwards and main's answer to "Start it again".
   */
  clientStart: {
    cardKey?: string;
    /** The app closed the client for a change in this session. */
    closedByApp: boolean;
    runningAfterChange?: boolean;
    busy: boolean;
    answer?: ClientStartAnswer;
    error?: ClientError;
  };
  /**
   * "Break the lock" of another computer's copy, asked from the notice `cardKey` (a card's key,
   * or where recovering a change or deleting backups was stopped).
   */
  lockBreak: { busy: boolean; cardKey?: string };
  /** The backups that keep earlier changes undoable, and the last purge the user made. */
  backups: {
    list?: BackupInfo[];
    busy: boolean;
    purging?: boolean;
    error?: ClientError;
    lastPurge?: PurgeResult;
    /** The age asked for in the last purge, so one stopped by a lock can go on after it. */
    askedDays?: number;
  };
}

export interface WizardActions {
  start(): Promise<void>;
  goTo(screen: ScreenId): void;
  setHelpdesk(on: boolean): void;
  scan(): Promise<void>;
  chooseAddress(address: string): void;
  previewRepair(key: string, steps: RepairStepId[]): Promise<void>;
  confirmRepair(key: string): Promise<void>;
  cancelRepair(key: string): void;
  closeClient(key: string, force: boolean): Promise<void>;
  recheckClient(key: string): Promise<void>;
  undoRepair(key: string, stepId?: RepairStepId): Promise<void>;
  /**
   * After card `key`'s undo kept newer data (`undoUndoable`): undoes that undo, so the change
   * is made again and what the client saved since the repair is put back.
   */
  putBackNewer(key: string): Promise<void>;
  loadHistory(): Promise<void>;
  /** Puts back what an interrupted change did: only ever on the user's click. */
  recoverRun(runId: string): Promise<void>;
  /**
   * Undoes a change listed in the history (or, when its undo kept newer data, that undo); its
   * progress lives in `repairs[historyKey(runId)]`.
   */
  undoEarlierRun(runId: string): Promise<void>;
  runAdminCheck(domain: string, targets: string[]): Promise<void>;
  setFixed(fixed: boolean): void;
  setOtherAccounts(answer: OtherAccountsAnswer): void;
  buildReport(format: 'html' | 'json'): Promise<void>;
  loadBackups(): Promise<void>;
  /** After a change on card `key`: whether the client runs, so the card can offer to start it. */
  noteClientAfterChange(key: string): Promise<void>;
  /** Starts the detected client again (after a change closed it), then says to sign in. */
  startClient(): Promise<void>;
  /** Asks main to start the app again as the signed-in user; `origin` says where it was asked. */
  restartAsUser(origin: string): Promise<void>;
  /** Opens an allow-listed Microsoft download page in the default browser, through main. */
  openLink(link: ExternalLinkId): Promise<void>;
  /**
   * Breaks the data folder's lock that another computer's copy holds, as shown on card `key`
   * (the user has said that copy no longer runs), then makes that card's change after all.
   */
  breakLockAndContinue(key: string): Promise<void>;
  /** Breaks the lock that stopped putting back interrupted change `runId`, then puts it back. */
  breakLockAndRecover(runId: string): Promise<void>;
  /** Breaks the lock that stopped deleting old backups, then deletes them as asked. */
  breakLockAndPurge(): Promise<void>;
  /** Deletes the backups of changes older than this many days (the user has confirmed). */
  purgeBackups(olderThanDays: number): Promise<void>;
  /** Stops listening to progress events (the window is going away or a test is done). */
  dispose(): void;
}

export type WizardStore = WizardState & WizardActions;

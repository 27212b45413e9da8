/**
 * The transport-independent core of the IPC wrapper. Every operation call, whether it arrives
 * through Electron's ipcMain or the served wizard's server (src/main/served), goes through
 * `dispatch`: sender check, operation lookup, request schema, practice-only rule, the handler,
 * response schema, error mapping and the audit line — in this one place.
 */
import type * as z from '../../shared/model/zod';
import { errorData, INTERNAL_MESSAGE, toErrorData, type ErrorData } from '../../shared/errors';
import {
  OPERATIONS,
  type OperationName,
  type OperationResponse,
  type OperationResult,
} from '../../shared/operations';
import type { AuditSink } from './audit';
import { requestBudgetProblem } from './request-budget';
import { isTrustedSender, originOf, type SenderInfo } from './sender';

/** What a handler receives: the request after its schema parsed it (defaults applied). */
export type ParsedRequest<N extends OperationName> = z.output<(typeof OPERATIONS)[N]['request']>;

export type OperationHandlers = {
  [N in OperationName]: (request: ParsedRequest<N>) => Promise<OperationResponse<N>>;
};

export interface DispatcherContext {
  /** `scheme://host[:port]` of the app's own pages, e.g. `app://renderer`. */
  trustedOrigin: string;
  /** Whether the session runs on the practice PC (practice-only operations need it). */
  isPractice(): boolean;
  audit?: AuditSink;
  now?: () => number;
}

export type AnyOperationResult = OperationResult<OperationName>;

export type OperationDispatcher = (
  sender: SenderInfo,
  name: unknown,
  rawRequest: unknown,
) => Promise<AnyOperationResult>;

const MAX_ISSUES_LISTED = 5;

function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(OPERATIONS, name);
}

function auditName(name: unknown): string {
  if (typeof name !== 'string') return `<${typeof name}>`;
  const printable = name.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 64 ? `${printable.slice(0, 64)}…` : printable;
}

/** Zod's issues in a line: where and what, never the offending value itself. */
function summarizeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const listed = issues.slice(0, MAX_ISSUES_LISTED).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'request';
    return `${where}: ${issue.message}`;
  });
  const more =
    issues.length > MAX_ISSUES_LISTED ? ` (and ${issues.length - MAX_ISSUES_LISTED} more)` : '';
  return `${listed.join('; ')}${more}`;
}

function failure(error: ErrorData): AnyOperationResult {
  return { ok: false, error };
}

export function createOperationDispatcher(
  handlers: OperationHandlers,
  context: DispatcherContext,
): OperationDispatcher {
  const now = context.now ?? (() => performance.now());
  // One call at a time: a repair, an undo and a practice reset must never interleave, and the
  // wizard never needs two calls in flight at once.
  let queue: Promise<unknown> = Promise.resolve();

  async function run(
    sender: SenderInfo,
    name: unknown,
    rawRequest: unknown,
  ): Promise<{ result: AnyOperationResult; internalDetail?: string }> {
    if (!isTrustedSender(sender, context.trustedOrigin)) {
      return {
        result: failure(
          errorData('forbidden-sender', 'This request did not come from the app window.'),
        ),
      };
    }
    if (!isOperationName(name)) {
      return {
        result: failure(errorData('unknown-operation', 'The app does not know this operation.')),
      };
    }
    const operation = OPERATIONS[name];
    const budgetProblem = requestBudgetProblem(rawRequest);
    if (budgetProblem) {
      return {
        result: failure(
          errorData('invalid-request', `The request was not valid: ${budgetProblem}.`, {
            operation: name,
          }),
        ),
      };
    }
    const parsed = operation.request.safeParse(rawRequest);
    if (!parsed.success) {
      return {
        result: failure(
          errorData(
            'invalid-request',
            `The request was not valid: ${summarizeIssues(parsed.error.issues)}`,
            {
              operation: name,
              issues: parsed.error.issues.length,
            },
          ),
        ),
      };
    }
    if (operation.practiceOnly && !context.isPractice()) {
      return {
        result: failure(
          errorData('practice-only', 'This is only possible on the practice PC.', {
            operation: name,
          }),
        ),
      };
    }
    const handler = handlers[name] as (request: unknown) => Promise<unknown>;
    let value: unknown;
    try {
      value = await handler(parsed.data);
    } catch (error) {
      const data = toErrorData(error);
      const internalDetail =
        data.code === 'internal'
          ? error instanceof Error
            ? (error.stack ?? error.message)
            : String(error)
          : undefined;
      return { result: failure(data), internalDetail };
    }
    const checked = operation.response.safeParse(value);
    if (!checked.success) {
      // A handler answering outside its schema is a bug on this side; the renderer only learns
      // that something went wrong, the log learns what.
      return {
        result: failure(errorData('internal', INTERNAL_MESSAGE)),
        internalDetail: `response of ${name} failed its schema: ${summarizeIssues(checked.error.issues)}`,
      };
    }
    return { result: { ok: true, value: checked.data } as AnyOperationResult };
  }

  return (sender, name, rawRequest) => {
    const call = queue.then(async () => {
      const started = now();
      let outcome: { result: AnyOperationResult; internalDetail?: string };
      try {
        outcome = await run(sender, name, rawRequest);
      } catch (error) {
        outcome = {
          result: failure(errorData('internal', INTERNAL_MESSAGE)),
          internalDetail: error instanceof Error ? (error.stack ?? error.message) : String(error),
        };
      }
      const { result, internalDetail } = outcome;
      try {
        context.audit?.({
          at: new Date().toISOString(),
          operation: auditName(name),
          ...(isOperationName(name) && OPERATIONS[name].changesMachine
            ? { changesMachine: true as const }
            : {}),
          ok: result.ok,
          ...(result.ok ? {} : { code: result.error.code }),
          durationMs: Math.round((now() - started) * 10) / 10,
          ...(result.ok || result.error.code !== 'forbidden-sender'
            ? {}
            : { sender: originOf(sender.frameUrl) ?? '<none>' }),
          ...(internalDetail ? { internalDetail } : {}),
        });
      } catch {
        // An audit sink that fails must not turn a finished operation into an error.
      }
      return result;
    });
    queue = call.catch(() => undefined);
    return call;
  };
}

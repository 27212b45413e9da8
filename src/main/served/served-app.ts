/**
 * The wizard served to a browser: one app session on the practice PC, the app's operation
 * dispatcher over it, and the server in front. Electron's main wires the same three parts to its
 * window; this is the one place the served mode does.
 */
import type { AuditSink } from '../ipc/audit';
import { createOperationDispatcher, type OperationDispatcher } from '../ipc/dispatcher';
import { createHandlers } from '../session/handlers';
import { realServices } from '../session/real-services';
import type { ProductServices } from '../session/services';
import { openAppSession, type AppSession } from '../session/app-session';
import { createProgressStream, type ProgressStream } from './progress-stream';
import { startServedServer } from './server';

export interface ServedAppOptions {
  rendererDir: string;
  pageBridge: string;
  dataDir: string;
  /** The practice scenario ('' for the one selected last); the served wizard has no other PC. */
  practice: string;
  /** The product's services; the real ones when absent. */
  services?: ProductServices;
  audit?: AuditSink;
}

export interface ServedApp {
  origin: string;
  /** The one-time address that opens the wizard. */
  openUrl: string;
  session: AppSession;
  /** The dispatcher the server calls, for callers that need to reach it directly. */
  dispatch: OperationDispatcher;
  progress: ProgressStream;
  close(): Promise<void>;
}

export async function openServedApp(options: ServedAppOptions): Promise<ServedApp> {
  const progress = createProgressStream();
  const session = await openAppSession({
    platform: process.platform,
    dataDir: options.dataDir,
    practice: options.practice,
    services: options.services ?? (await realServices()),
    onProgress: (event) => progress.publish(event),
  });
  try {
    // A browser page must never reach the real profile, whatever the host factory decided.
    if (!session.isPractice()) throw new Error('The served wizard runs on the practice PC only.');
    // The dispatcher trusts the server's origin, which exists once the server listens.
    const wired: { dispatch?: OperationDispatcher } = {};
    const server = await startServedServer({
      rendererDir: options.rendererDir,
      pageBridge: options.pageBridge,
      progress,
      dispatch: (sender, name, request) => {
        if (!wired.dispatch) throw new Error('The wizard is still starting.');
        return wired.dispatch(sender, name, request);
      },
    });
    const dispatch = createOperationDispatcher(createHandlers(session), {
      trustedOrigin: server.origin,
      isPractice: () => session.isPractice(),
      ...(options.audit ? { audit: options.audit } : {}),
    });
    wired.dispatch = dispatch;
    return {
      origin: server.origin,
      openUrl: server.openUrl,
      session,
      dispatch,
      progress,
      async close() {
        await server.close();
        await session.close();
      },
    };
  } catch (error) {
    await session.close();
    throw error;
  }
}

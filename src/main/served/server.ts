/**
 * The served wizard's HTTP server on 127.0.0.1: the built renderer, the bridge script, the
 * operation endpoint and the progress stream, each behind the checks of `request-checks.ts`
 * and the session cookie of `access.ts`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OPERATION_NAMES, channelFor } from '../../shared/operations';
import { readRendererFile } from '../app/renderer-files';
import type { OperationDispatcher } from '../ipc/dispatcher';
import { createServedAccess } from './access';
import type { ProgressStream } from './progress-stream';
import { checkHost, isOwnCall, isOwnNavigation } from './request-checks';
import { BRIDGE_PATH, OPEN_PATH, OPERATION_PATH, PROGRESS_PATH, TOKEN_PARAM } from './routes';
import { SERVED_CSP, servedHeaders, servedIndexHtml } from './served-csp';

/** Far above any valid request; the dispatcher's own budget gives the typed refusal below it. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

const NAME_BY_CHANNEL = new Map<unknown, string>(
  OPERATION_NAMES.map((name) => [channelFor(name), name]),
);

export interface ServedServerOptions {
  rendererDir: string;
  /** The page-side bridge as one classic script (see `page-bridge-bundle.ts`). */
  pageBridge: string;
  dispatch: OperationDispatcher;
  progress: ProgressStream;
}

export interface ServedServer {
  /** `http://127.0.0.1:<port>`, the origin the dispatcher trusts. */
  origin: string;
  /** The one-time address that opens the wizard. */
  openUrl: string;
  close(): Promise<void>;
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, servedHeaders('text/plain; charset=utf-8')).end(text);
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startServedServer(options: ServedServerOptions): Promise<ServedServer> {
  const access = createServedAccess();
  const indexFile = await readRendererFile(options.rendererDir, '/index.html');
  if (indexFile.status !== 200) {
    throw new Error(`The built renderer is missing in ${options.rendererDir}.`);
  }
  const indexHtml = servedIndexHtml(Buffer.from(indexFile.body).toString('utf8'), BRIDGE_PATH);
  let origin = '';
  let port = 0;

  async function callOperation(request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'POST') return sendText(response, 405, 'Method not allowed');
    if (!isOwnCall(request.headers, origin, 'POST')) return sendText(response, 403, 'Forbidden');
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      return sendText(response, 415, 'Operation calls are JSON.');
    }
    const body = await readBody(request);
    if (body === undefined) return sendText(response, 413, 'Request too large');
    let call: { channel?: unknown; request?: unknown };
    try {
      call = JSON.parse(body) as { channel?: unknown; request?: unknown };
    } catch {
      return sendText(response, 400, 'Operation calls are JSON.');
    }
    // A channel the table does not have goes to the dispatcher as it came, to be refused there.
    const name = NAME_BY_CHANNEL.get(call?.channel) ?? call?.channel;
    // The cookie and the origin say this is the wizard's own page (any frame of that origin:
    // the CSP lets no other script in, and no page of another origin can frame the wizard).
    const result = await options.dispatch(
      { frameUrl: `${origin}/`, isAppMainFrame: true },
      name,
      call?.request,
    );
    response.writeHead(200, servedHeaders('application/json')).end(JSON.stringify(result));
  }

  async function serveFile(request: IncomingMessage, response: ServerResponse, pathname: string) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendText(response, 405, 'Method not allowed');
    }
    if (!isOwnNavigation(request.headers)) return sendText(response, 403, 'Forbidden');
    const head = request.method === 'HEAD';
    if (pathname === BRIDGE_PATH) {
      response.writeHead(200, servedHeaders('text/javascript; charset=utf-8'));
      return response.end(head ? undefined : options.pageBridge);
    }
    if (pathname === '/' || pathname === '/index.html') {
      response.writeHead(200, servedHeaders('text/html; charset=utf-8'));
      return response.end(head ? undefined : indexHtml);
    }
    const file = await readRendererFile(options.rendererDir, pathname);
    response.writeHead(file.status, { ...file.headers, 'Content-Security-Policy': SERVED_CSP });
    response.end(head ? undefined : file.body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const host = checkHost(request.headers.host, port);
    if (host === 'misdirected') return sendText(response, 421, 'Misdirected request');
    if (host === 'alias') {
      response.writeHead(308, { Location: `${origin}${request.url ?? '/'}` }).end();
      return;
    }
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === OPEN_PATH) {
      const cookie =
        request.method === 'GET' && isOwnNavigation(request.headers)
          ? access.exchange(url.searchParams.get(TOKEN_PARAM))
          : undefined;
      if (!cookie) {
        return sendText(response, 403, 'This address has been used already; run npm start again.');
      }
      // The clean address: the token leaves the address bar and the history.
      response.writeHead(303, { Location: '/', 'Set-Cookie': cookie, 'Cache-Control': 'no-store' });
      return response.end();
    }
    if (!access.admits(request.headers.cookie)) {
      return sendText(response, 401, 'Open the wizard through the address npm start printed.');
    }
    if (url.pathname === OPERATION_PATH) return callOperation(request, response);
    if (url.pathname === PROGRESS_PATH) {
      if (request.method !== 'GET' || !isOwnCall(request.headers, origin, 'GET')) {
        return sendText(response, 403, 'Forbidden');
      }
      return options.progress.attach(response, servedHeaders('text/event-stream; charset=utf-8'));
    }
    return serveFile(request, response, url.pathname);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendText(response, 500, 'Internal error');
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    openUrl: `${origin}${OPEN_PATH}?${TOKEN_PARAM}=${access.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        options.progress.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

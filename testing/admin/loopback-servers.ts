/**
 * Real servers on 127.0.0.1 with random ports for the administrators' step tests: an HTTPS
 * server presenting a chosen chain and Date header, a TLS server that never speaks HTTP (like a
 * SIP pool), a plain HTTP server publishing files (a CRL distribution point, an OCSP responder),
 * a port that accepts and never answers, and a port nobody listens on.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { privateKeyPem, type TestCertificate } from './test-pki';

export interface LoopbackServer {
  port: number;
  close(): Promise<void>;
}

export interface TlsServerOptions {
  /** What the server presents: its certificate first, then whatever else it sends. */
  chain: TestCertificate[];
  /** `http` answers HEAD with a Date; `tls-only` completes handshakes and stays silent. */
  mode?: 'http' | 'tls-only';
  /** The server's clock for the Date header; `null` sends none. Default: the real time. */
  serverTime?: () => Date | null;
}

function track(server: net.Server): LoopbackServer & { ready: Promise<void> } {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const ready = new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const handle = {
    port: 0,
    ready: ready.then(() => {
      handle.port = (server.address() as AddressInfo).port;
    }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return handle;
}

export async function startTlsServer(options: TlsServerOptions): Promise<LoopbackServer> {
  const server = options.chain[0] as TestCertificate;
  const secure = {
    key: await privateKeyPem(server.keys),
    cert: options.chain.map((certificate) => certificate.pem).join('\n'),
    // SHA-1 chains are one of the cases under test; OpenSSL's default level refuses to send them.
    ciphers: 'DEFAULT:@SECLEVEL=0',
  };
  const instance =
    options.mode === 'tls-only'
      ? tls.createServer(secure, () => undefined)
      : https.createServer(secure, (request, response) => {
          response.sendDate = false;
          const time = options.serverTime ? options.serverTime() : new Date();
          if (time) response.setHeader('Date', time.toUTCString());
          response.setHeader('Connection', 'close');
          response.end();
        });
  const handle = track(instance);
  await handle.ready;
  return handle;
}

export interface PublishedFile {
  status?: number;
  contentType: string;
  body: Uint8Array | string;
}

export interface HttpFileServer extends LoopbackServer {
  url(path: string): string;
  /** Served as they are when asked: a test may publish more after the server started. */
  files: Record<string, PublishedFile>;
  /** "GET /path", in order. */
  requests: string[];
}

/** A plain HTTP server answering GETs from a table of paths (404 otherwise), logging each path. */
export async function startHttpServer(
  files: Record<string, PublishedFile>,
): Promise<HttpFileServer> {
  const requests: string[] = [];
  const instance = http.createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(`${request.method} ${path}`);
    const file = files[path];
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(file.status ?? 200, { 'Content-Type': file.contentType });
    response.end(typeof file.body === 'string' ? file.body : Buffer.from(file.body));
  });
  const handle = track(instance);
  await handle.ready;
  return Object.assign(handle, {
    url: (path: string) => `http://127.0.0.1:${handle.port}${path}`,
    files,
    requests,
  });
}

/** Accepts TCP connections and never says a word: a firewall that black-holes the handshake. */
export async function startSilentServer(): Promise<LoopbackServer> {
  const handle = track(net.createServer(() => undefined));
  await handle.ready;
  return handle;
}

/** A loopback port that was free a moment ago: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const handle = track(net.createServer());
  await handle.ready;
  const { port } = handle;
  await handle.close();
  return port;
}

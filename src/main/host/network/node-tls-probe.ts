/**
 * Connects to one server over TLS, collects the certificates it presents and, on the same
 * connection, asks `HEAD /` for the server's clock (web servers only). Never trusts and never
 * rejects anything here: the verdict is the chain verifier's job, against the PC's own stores.
 */
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import type { TlsProbeRequest, TlsProbeResult } from './ports';

export function describeSocketError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset by the server';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'no route to the server';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the name does not resolve';
    default:
      return error.message;
  }
}

/** Walks Node's issuer links; it only links certificates the server sent (no CA store is set). */
function presentedChain(socket: tls.TLSSocket): Uint8Array[] {
  const chain: Uint8Array[] = [];
  const seen = new Set<string>();
  let current: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (current && current.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(new Uint8Array(current.raw));
    current = current.issuerCertificate;
  }
  return chain;
}

function dateHeader(head: string): Date | undefined {
  const match = /^date:[ \t]*(.+?)[ \t]*$/im.exec(head);
  if (!match?.[1]) return undefined;
  const parsed = new Date(match[1]);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

export function probeTls(request: TlsProbeRequest): Promise<TlsProbeResult> {
  return new Promise((resolve) => {
    let settled = false;
    let chain: Uint8Array[] | undefined;
    let protocol: string | null = null;
    let sentAt: Date | undefined;
    let received = '';

    const socket = tls.connect({
      host: request.connectAddress ?? request.host,
      port: request.port,
      servername: isIP(request.host) ? undefined : request.host,
      rejectUnauthorized: false,
      // An empty CA list keeps Node from appending its own roots to the presented chain.
      ca: [],
      // Old servers are exactly the ones worth diagnosing: accept whatever they speak.
      minVersion: 'TLSv1',
      ciphers: 'DEFAULT:@SECLEVEL=0',
      ...(request.http ? { ALPNProtocols: ['http/1.1'] } : {}),
    });

    const finish = (result: TlsProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const finishWithChain = (extra: { serverDate?: Date; localDate?: Date; dateNote?: string }) =>
      finish({ reachable: true, chain: chain ?? [], protocol, ...extra });

    const timer = setTimeout(() => {
      if (chain) finishWithChain({ dateNote: 'no HTTP answer in time' });
      else finish({ reachable: false, reason: `no TLS answer within ${request.timeoutMs} ms` });
    }, request.timeoutMs);

    socket.once('secureConnect', () => {
      chain = presentedChain(socket);
      protocol = socket.getProtocol();
      if (!request.http) {
        finish({ reachable: true, chain, protocol });
        return;
      }
      sentAt = request.now();
      const port = request.port === 443 ? '' : `:${request.port}`;
      socket.write(
        `HEAD / HTTP/1.1\r\nHost: ${request.host}${port}\r\n` +
          'User-Agent: SfB-Signin-Repair\r\nConnection: close\r\n\r\n',
      );
    });
    socket.on('data', (data: Buffer) => {
      received += data.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end < 0 && received.length < 16_384) return;
      const head = end < 0 ? received : received.slice(0, end);
      const localDate = sentAt
        ? new Date((sentAt.getTime() + request.now().getTime()) / 2)
        : request.now();
      const serverDate = dateHeader(head);
      finishWithChain(
        serverDate ? { serverDate, localDate } : { dateNote: 'the answer had no Date header' },
      );
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (chain) finishWithChain({ dateNote: `no HTTP answer (${describeSocketError(error)})` });
      else
        finish({
          reachable: false,
          reason: describeSocketError(error),
          ...(error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN' ? { unresolved: true } : {}),
        });
    });
    socket.once('close', () => {
      if (chain)
        finishWithChain({ dateNote: 'the server closed the connection without an HTTP answer' });
      else
        finish({
          reachable: false,
          reason: 'the server closed the connection during the TLS handshake',
        });
    });
  });
}

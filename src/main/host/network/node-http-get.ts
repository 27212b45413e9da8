/**
 * One HTTP GET with a budget for the whole exchange, as Windows fetches a CRL or asks an OCSP
 * responder: plain HTTP (revocation data is signed, so it is not sent over TLS), no redirects
 * followed, the body read up to a limit. Every way it can go wrong comes back as data.
 */
import * as http from 'node:http';
import { describeSocketError } from './node-tls-probe';
import type { HttpGetRequest, HttpGetResult } from './ports';

export function nodeHttpGet(request: HttpGetRequest): Promise<HttpGetResult> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  return new Promise((resolve) => {
    let settled = false;
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      resolve({ outcome: 'failed', reason: 'not a URL', unresolved: false, elapsedMs: 0 });
      return;
    }
    if (url.protocol !== 'http:') {
      resolve({
        outcome: 'failed',
        reason: `${url.protocol} addresses are not fetched here`,
        unresolved: false,
        elapsedMs: 0,
      });
      return;
    }
    const finish = (result: HttpGetResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outgoing.destroy();
      resolve(result);
    };
    const outgoing = http.get({
      host: request.connectAddress ?? url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port === '' ? 80 : Number(url.port),
      path: `${url.pathname}${url.search}`,
      headers: { Host: url.host, 'User-Agent': 'SfB-Signin-Repair', Connection: 'close' },
      agent: false,
    });
    const timer = setTimeout(
      () => finish({ outcome: 'timed-out', elapsedMs: elapsed() }),
      request.timeoutMs,
    );
    outgoing.once('response', (response) => {
      const parts: Buffer[] = [];
      let length = 0;
      let truncated = false;
      const done = () =>
        finish({
          outcome: 'answered',
          status: response.statusCode ?? 0,
          ...(response.headers['content-type']
            ? { contentType: response.headers['content-type'] }
            : {}),
          body: new Uint8Array(Buffer.concat(parts)),
          truncated,
          elapsedMs: elapsed(),
        });
      response.on('data', (chunk: Buffer) => {
        const room = request.maxBytes - length;
        if (chunk.length > room) {
          parts.push(chunk.subarray(0, room));
          length += room;
          truncated = true;
          done();
          return;
        }
        parts.push(chunk);
        length += chunk.length;
      });
      response.once('end', done);
      response.once('error', (error: NodeJS.ErrnoException) =>
        finish({
          outcome: 'failed',
          reason: `the answer broke off (${describeSocketError(error)})`,
          unresolved: false,
          elapsedMs: elapsed(),
        }),
      );
    });
    outgoing.once('error', (error: NodeJS.ErrnoException) =>
      finish({
        outcome: 'failed',
        reason: describeSocketError(error),
        unresolved: error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN',
        elapsedMs: elapsed(),
      }),
    );
  });
}

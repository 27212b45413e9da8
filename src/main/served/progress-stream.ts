/**
 * Progress events to the page as server-sent events. The page keeps one stream open for as long
 * as its window is open, so the streams also tell when the wizard's window has gone: none open,
 * and none back within the grace period (a reload reconnects in well under a second).
 */
import type { ServerResponse } from 'node:http';
import type { ProgressEvent } from '../../shared/operations';

const RECONNECT_MS = 1_000;
const KEEPALIVE_MS = 15_000;

export interface ProgressStream {
  attach(response: ServerResponse, headers: Record<string, string>): void;
  publish(event: ProgressEvent): void;
  /** Calls `onGone` once when a page had connected and none is connected for `graceMs`. */
  whenPageGone(graceMs: number, onGone: () => void): void;
  close(): void;
}

export function createProgressStream(): ProgressStream {
  const open = new Set<ServerResponse>();
  let watch: { graceMs: number; onGone: () => void } | undefined;
  let goneTimer: NodeJS.Timeout | undefined;
  let everConnected = false;

  const keepalive = setInterval(() => {
    for (const response of open) response.write(': keepalive\n\n');
  }, KEEPALIVE_MS);
  keepalive.unref();

  function checkGone(): void {
    clearTimeout(goneTimer);
    if (!watch || !everConnected || open.size > 0) return;
    const { graceMs, onGone } = watch;
    goneTimer = setTimeout(() => {
      if (open.size === 0 && watch) {
        watch = undefined;
        onGone();
      }
    }, graceMs);
    goneTimer.unref();
  }

  return {
    attach(response, headers) {
      response.writeHead(200, {
        ...headers,
        'Content-Type': 'text/event-stream; charset=utf-8',
        Connection: 'keep-alive',
      });
      response.write(`retry: ${RECONNECT_MS}\n\n`);
      open.add(response);
      everConnected = true;
      clearTimeout(goneTimer);
      response.on('close', () => {
        open.delete(response);
        checkGone();
      });
    },
    publish(event) {
      const frame = `data: ${JSON.stringify(event)}\n\n`;
      for (const response of open) response.write(frame);
    },
    whenPageGone(graceMs, onGone) {
      watch = { graceMs, onGone };
      checkGone();
    },
    close() {
      watch = undefined;
      clearInterval(keepalive);
      clearTimeout(goneTimer);
      for (const response of open) response.end();
      open.clear();
    },
  };
}

/**
 * The served wizard's transport as a page's own script could use it, past the bridge: a raw
 * same-origin POST to the operation endpoint, for the hostile-input tests.
 */
import type { Frame, Page } from 'playwright-core';
import { OPERATION_PATH } from '../../src/main/served/routes';

/** POSTs `{ channel, request }` from `frame` and returns the parsed answer or the HTTP status. */
export function callTransport(
  frame: Page | Frame,
  channel: unknown,
  request: unknown,
): Promise<unknown> {
  return frame.evaluate(
    async ([path, body]) => {
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      return response.ok ? ((await response.json()) as unknown) : { status: response.status };
    },
    [OPERATION_PATH, JSON.stringify({ channel, request })] as const,
  );
}

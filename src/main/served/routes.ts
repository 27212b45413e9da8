/**
 * The served wizard's own addresses, beside the renderer's files. The page-side bridge and the
 * server both read them from here.
 */
export const SERVED_PREFIX = '/__sfb';
/** The one-time address: `?token=` is exchanged for the session cookie, then redirected to `/`. */
export const OPEN_PATH = `${SERVED_PREFIX}/open`;
export const TOKEN_PARAM = 'token';
/** POST `{ channel, request }` as JSON; answers the operation's result as JSON. */
export const OPERATION_PATH = `${SERVED_PREFIX}/operation`;
/** Server-sent progress events; the page keeps this open while its window is. */
export const PROGRESS_PATH = `${SERVED_PREFIX}/progress`;
/** The bridge script the served index.html loads before the renderer. */
export const BRIDGE_PATH = `${SERVED_PREFIX}/bridge.js`;

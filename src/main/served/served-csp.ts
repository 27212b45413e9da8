/**
 * The app's CSP for the served wizard. The only difference: the page may talk to its own origin
 * (`connect-src 'self'`), which is how the served bridge reaches main.
 */
import { APP_CSP, rendererHeaders } from '../app/csp';

const APP_CONNECT = "connect-src 'none'";
const SERVED_CONNECT = "connect-src 'self'";

function withServedConnect(policy: string): string {
  if (!policy.includes(APP_CONNECT)) {
    throw new Error(
      `The policy no longer says "${APP_CONNECT}"; the served CSP must be revisited.`,
    );
  }
  return policy.replace(APP_CONNECT, SERVED_CONNECT);
}

export const SERVED_CSP = withServedConnect(APP_CSP);

export function servedHeaders(contentType: string): Record<string, string> {
  return { ...rendererHeaders(contentType), 'Content-Security-Policy': SERVED_CSP };
}

/**
 * The renderer's index.html with the served bridge loaded first and its own CSP meta tag opened
 * to the same origin (a meta policy applies on top of the header, so it must say the same).
 */
export function servedIndexHtml(html: string, bridgePath: string): string {
  const head = '</head>';
  if (!html.includes(head)) throw new Error('The renderer index.html has no </head>.');
  const opened = html.includes(APP_CONNECT) ? html.replace(APP_CONNECT, SERVED_CONNECT) : html;
  return opened.replace(head, `<script src="${bridgePath}"></script>\n  ${head}`);
}

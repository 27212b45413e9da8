/**
 * Reads a file of the built renderer for a request path, refusing anything outside the
 * renderer folder. Used by the app's `app://` protocol and by the browser-test harness.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { rendererHeaders } from './csp';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface RendererResponse {
  status: 200 | 400 | 404;
  headers: Record<string, string>;
  body: Uint8Array;
}

function notFound(status: 400 | 404): RendererResponse {
  return {
    status,
    headers: rendererHeaders('text/plain; charset=utf-8'),
    body: new TextEncoder().encode(status === 404 ? 'Not found' : 'Bad request'),
  };
}

export async function readRendererFile(root: string, pathname: string): Promise<RendererResponse> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return notFound(400);
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return notFound(400);
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const candidate = resolve(base, relative);
  if (!candidate.startsWith(base + sep)) return notFound(404);
  const contentType = CONTENT_TYPES[extname(candidate).toLowerCase()];
  if (!contentType) return notFound(404);
  try {
    // A symbolic link inside the folder must not lead outside it.
    const real = await realpath(candidate);
    const realBase = await realpath(base);
    if (!real.startsWith(realBase + sep)) return notFound(404);
    if (!(await stat(real)).isFile()) return notFound(404);
    return { status: 200, headers: rendererHeaders(contentType), body: await readFile(real) };
  } catch {
    return notFound(404);
  }
}

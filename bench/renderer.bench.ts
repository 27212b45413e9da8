/**
 * The wizard's weight and its first screen: the built renderer's size gzipped, asset by asset,
 * and the time from navigation to the first wizard heading on screen, in real Chromium with the
 * real handlers and engine behind it on a practice PC (the e2e harness).
 */
import { readdir, readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { extname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startApp } from '../e2e/harness/app-harness';
import { ensureRendererBuilt } from '../e2e/harness/build-renderer';
import { RENDERER_DIST } from '../e2e/harness/paths';

interface BenchContext {
  quick: boolean;
  log(message: string): void;
}

type Results = Record<string, number | string>;

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** What the window loads: every emitted file except source maps, which it never fetches. */
async function bundleSizes(results: Results): Promise<void> {
  const byKind = new Map<string, { raw: number; gzip: number; files: number }>();
  for (const file of await filesUnder(RENDERER_DIST)) {
    if (file.endsWith('.map')) continue;
    const bytes = await readFile(file);
    // Level 9, as a build that ships pre-compressed assets would use.
    const gzip = gzipSync(bytes, { level: 9 }).length;
    const kind = extname(file).slice(1) || 'other';
    const sum = byKind.get(kind) ?? { raw: 0, gzip: 0, files: 0 };
    byKind.set(kind, { raw: sum.raw + bytes.length, gzip: sum.gzip + gzip, files: sum.files + 1 });
    results[`asset ${relative(RENDERER_DIST, file)}.gzip.KB`] = kb(gzip);
  }
  let raw = 0;
  let gzip = 0;
  for (const [kind, sum] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
    results[`bundle.${kind}.raw.KB`] = kb(sum.raw);
    results[`bundle.${kind}.gzip.KB`] = kb(sum.gzip);
    raw += sum.raw;
    gzip += sum.gzip;
  }
  results['bundle.total.raw.KB'] = kb(raw);
  results['bundle.total.gzip.KB'] = kb(gzip);
}

interface PageGlobals {
  document: {
    querySelector(selector: string): { offsetParent: unknown; textContent: string | null } | null;
  };
  performance: { now(): number };
}

/** Runs in the page (this side has no DOM types): when the wizard's heading is laid out. */
function headingShownAt(): number | false {
  const page = globalThis as unknown as PageGlobals;
  const heading = page.document.querySelector('main h1#screen-title');
  return heading && heading.offsetParent !== null && heading.textContent
    ? page.performance.now()
    : false;
}

/**
 * Navigation start to the first frame in which the wizard's heading is laid out, measured in
 * the page itself (performance.now() counts from the navigation), with the HTTP cache off so
 * every load fetches the whole bundle as the first start of the app does.
 */
async function firstScreen(results: Results, loads: number, log: (m: string) => void) {
  const app = await startApp({ open: false });
  try {
    const cdp = await app.context.newCDPSession(app.page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const times: number[] = [];
    const walls: number[] = [];
    // One load first, not counted: Chromium's own start-up (code caches, fonts) is not the app's.
    for (let i = -1; i < loads; i += 1) {
      const started = performance.now();
      await app.page.goto(`${app.origin}/index.html`, { waitUntil: 'commit' });
      const handle = await app.page.waitForFunction(headingShownAt, undefined, {
        polling: 'raf',
        timeout: 30_000,
      });
      const inPage = (await handle.jsonValue()) as number;
      const wall = performance.now() - started;
      if (i >= 0) {
        times.push(inPage);
        walls.push(wall);
      }
    }
    if (app.pageErrors.length > 0) throw new Error(`page errors: ${app.pageErrors.join('; ')}`);
    const heading = await app.page.locator('main h1#screen-title').textContent();
    log(`first screen "${heading}": ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
    results['firstScreen.heading'] = heading ?? '';
    results['firstScreen.loads'] = loads;
    results['firstScreen.median.ms'] = Math.round(median(times) * 10) / 10;
    results['firstScreen.min.ms'] = Math.round(Math.min(...times) * 10) / 10;
    results['firstScreen.max.ms'] = Math.round(Math.max(...times) * 10) / 10;
    results['firstScreen.wall.median.ms'] = Math.round(median(walls) * 10) / 10;
  } finally {
    await app.close();
  }
}

export default async function renderer(context?: BenchContext): Promise<Results> {
  const log = context?.log ?? (() => undefined);
  const loads = context?.quick ? 3 : 15;
  const load = loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ');
  const results: Results = {
    note:
      `Renderer as built by Vite (dist/renderer, source maps left out), each asset gzipped at level 9. ` +
      `First screen: headless Chromium, HTTP cache off, served from loopback with the real handlers ` +
      `and engine on a practice PC; time from navigation start to the first animation frame with ` +
      `the wizard's heading laid out, median of ${loads} loads after one warm-up; "wall" adds the ` +
      `test driver's round trips. Load average at start: ${load} on 2 cores.`,
  };
  await ensureRendererBuilt();
  await bundleSizes(results);
  await firstScreen(results, loads, log);
  return results;
}

/**
 * Bundles the page-side bridge (`page/bridge-main.ts`) into one classic script for the browser.
 * The served wizard runs from a checkout, where esbuild is installed; this takes a few tens of
 * milliseconds, so the script is made when the server starts rather than kept as a second build.
 */
import { join } from 'node:path';

export const PAGE_BRIDGE_ENTRY = join('src', 'main', 'served', 'page', 'bridge-main.ts');

export async function bundlePageBridge(repoRoot: string): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(repoRoot, PAGE_BRIDGE_ENTRY)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    logLevel: 'silent',
  });
  const script = result.outputFiles[0];
  if (!script) throw new Error('esbuild produced no page bridge.');
  return script.text;
}

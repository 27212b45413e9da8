// Types for build.mjs, so tests and scripts written in TypeScript can call it.
export interface NodeTarget {
  name: string;
  entry: string;
  out: string;
  external: string[];
  plugins?: unknown[];
  supported?: Record<string, boolean>;
  minify?: boolean;
}
/** The command line's certificate generation, a file of its own beside dist/cli.cjs. */
export const CLI_CERTIFICATES: { out: string; source: string; packages: RegExp };
export const NODE_BUNDLE_OPTIONS: {
  bundle: true;
  platform: 'node';
  format: 'cjs';
  target: string;
  logLevel: 'warning';
};
export const NODE_TARGETS: NodeTarget[];
/** Bundles `entry` (a path inside the repository) into `outfile` as the command line is bundled. */
export function bundleLikeCli(entry: string, outfile: string): Promise<unknown>;
/** Records beside `bundle` the commit of `repo` (default: this one) when it has no changes. */
export function recordBuiltFrom(bundle: string, repo?: string): void;
export function buildProduct(options?: {
  only?: string;
  outDir?: string;
  log?: (line: string) => void;
}): Promise<string[]>;

import { join } from 'node:path';

/**
 * The repository. Under Vitest this file knows where it is; bundled to CommonJS for `npm run
 * bench`, `import.meta` is empty, and the bench runner starts every module with the repository
 * as its working folder.
 */
const here = (import.meta as { dirname?: string }).dirname;
export const REPO_ROOT = here ? join(here, '..', '..') : process.cwd();
export const RENDERER_DIST = join(REPO_ROOT, 'dist', 'renderer');
export const SCREENS_DIR = join(REPO_ROOT, 'test-results', 'screens');
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

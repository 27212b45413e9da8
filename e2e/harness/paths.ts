import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
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

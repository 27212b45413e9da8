/**
 * Where the product keeps its data. The data folder is Electron's `userData` for the product
 * name, so the app and the command line share it:
 *
 * ```
 * <dataDir>/engine                         journal and backups for the real PC
 * <dataDir>/practice/current               the scenario selected last
 * <dataDir>/practice/<scenario>/pc         that scenario's practice PC
 * <dataDir>/practice/<scenario>/engine     journal and backups for that practice PC
 * ```
 */
import path from 'node:path';

export const PRODUCT_NAME = 'SfB Sign-in Repair';

/** Electron's userData for this product on each platform. */
export function defaultDataDir(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  home: string,
): string {
  if (platform === 'win32') {
    const appData = env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, PRODUCT_NAME);
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  }
  const config = env.XDG_CONFIG_HOME || path.posix.join(home, '.config');
  return path.posix.join(config, PRODUCT_NAME);
}

export function engineDataDir(dataDir: string): string {
  return path.join(dataDir, 'engine');
}

export function practiceDir(dataDir: string): string {
  return path.join(dataDir, 'practice');
}

export function practiceCurrentFile(dataDir: string): string {
  return path.join(practiceDir(dataDir), 'current');
}

export function practicePcDir(dataDir: string, scenario: string): string {
  return path.join(practiceDir(dataDir), scenario, 'pc');
}

export function practiceEngineDir(dataDir: string, scenario: string): string {
  return path.join(practiceDir(dataDir), scenario, 'engine');
}

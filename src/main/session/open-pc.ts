/**
 * The one way a front end opens the PC (or a practice PC) and an engine on it: the app's session,
 * the command line and the end-to-end harness all come through here.
 */
import type { Engine, EngineProgress } from '../engine/types';
import type { HostSystem } from '../host/ports';
import type { OpenHostRequest, ProductServices } from './services';

export interface OpenPc {
  host: HostSystem;
  engine: Engine;
  /** Where the engine keeps its journal and backups for this host. */
  engineDataDir: string;
  close(): Promise<void>;
}

export async function openPc(
  services: ProductServices,
  request: OpenHostRequest & {
    now?: () => Date;
    onProgress?: (progress: EngineProgress) => void;
  },
): Promise<OpenPc> {
  const { host, engineDataDir } = await services.openHost({
    platform: request.platform,
    dataDir: request.dataDir,
    ...(request.practice !== undefined ? { practice: request.practice } : {}),
  });
  try {
    const engine = services.createEngine({
      host,
      dataDir: engineDataDir,
      ...(request.now ? { now: request.now } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    });
    return { host, engine, engineDataDir, close: () => host.close() };
  } catch (error) {
    await host.close();
    throw error;
  }
}

/**
 * Test support: a fresh practice PC and an engine on it, in a temporary folder. The one place
 * engine code reaches the practice adapter, and only for tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPracticePc, resetPracticePc, type PracticeScale } from '../../src/main/host/practice';
import type { HostSystem } from '../../src/main/host/ports';
import { createEngineWithHooks } from '../../src/main/engine/index';
import type { EngineHooks } from '../../src/main/engine/engine-state';
import type { Engine, EngineOptions } from '../../src/main/engine/types';

export interface PracticeFixture {
  dir: string;
  pcRoot: string;
  dataDir: string;
  host: HostSystem;
  /** A new engine on the same data folder, as a new process would get. */
  engine(options?: Partial<EngineOptions>, hooks?: EngineHooks): Engine;
  /** A fresh host on the same practice PC, as a new process would open it. */
  reopen(): Promise<HostSystem>;
  dispose(): Promise<void>;
}

export async function practiceFixture(
  scenario: string,
  scale?: PracticeScale,
): Promise<PracticeFixture> {
  const dir = await mkdtemp(join(tmpdir(), `sfb-engine-${scenario}-`));
  const pcRoot = join(dir, 'pc');
  const dataDir = join(dir, 'engine');
  await resetPracticePc(pcRoot, scenario, scale);
  const host = await openPracticePc(pcRoot);
  const opened: HostSystem[] = [host];
  return {
    dir,
    pcRoot,
    dataDir,
    host,
    engine: (options = {}, hooks = {}) =>
      createEngineWithHooks({ host, dataDir, ...options }, hooks),
    async reopen() {
      const again = await openPracticePc(pcRoot);
      opened.push(again);
      return again;
    },
    async dispose() {
      for (const each of opened) await each.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export { issueCertificate } from '../../src/main/host/practice/scenarios/certificate-factory';

export * as practiceFacts from '../../src/main/host/practice/scenarios/facts';

export { certificateEntryFor } from '../../src/main/host/practice/certificate-entry';

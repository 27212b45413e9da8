import type { HostSystem } from '../../src/main/host/ports';

/**
 * One behaviour every HostSystem must show. Cases use node:assert only (no test runner), so the
 * same cases run under Vitest against the practice PC and as a bundled script under Wine.
 */
export interface ContractCase {
  name: string;
  run(host: HostSystem): Promise<void>;
}

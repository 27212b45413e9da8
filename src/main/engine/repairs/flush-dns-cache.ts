/** Flushes the DNS resolver cache: harmless, not undoable, always offered. */
import type { StepPlanner } from './planner';

export const flushDnsCache: StepPlanner = {
  needsAddress: false,
  async plan() {
    return {
      actions: [
        {
          description:
            'Flush the DNS resolver cache (like "ipconfig /flushdns"); Windows rebuilds it on demand',
          target: { kind: 'dns-cache' },
          internal: { kind: 'flush-dns' },
        },
      ],
    };
  },
};

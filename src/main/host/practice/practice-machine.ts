/** Services, the DNS cache and the signed-in identity of the practice PC. */
import type { DnsCachePort, IdentityPort, ServicePort } from '../ports';
import type { JsonDocument } from './json-document';
import type { MachineDocument } from './machine-state';

export function practiceServices(machine: JsonDocument<MachineDocument>): ServicePort {
  return {
    async query(name) {
      const wanted = name.toLowerCase();
      const service = (await machine.read()).services.find(
        (candidate) => candidate.name.toLowerCase() === wanted,
      );
      return service && { ...service };
    },
  };
}

export function practiceDns(machine: JsonDocument<MachineDocument>): DnsCachePort {
  return {
    async flush() {
      const count = await machine.update((state) => {
        state.dnsFlushCount += 1;
        return state.dnsFlushCount;
      });
      return { flushed: true, method: 'practice', detail: `practice DNS cache flush #${count}` };
    },
  };
}

export function practiceIdentity(machine: JsonDocument<MachineDocument>): IdentityPort {
  return {
    async current() {
      return { ...(await machine.read()).identity };
    },
  };
}

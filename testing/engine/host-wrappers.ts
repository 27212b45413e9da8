/**
 * Test seams at the host boundary: a HostSystem that behaves like another one except for the
 * methods a test overrides (a file another process holds open mid-step, an elevated token).
 */
import type { HostSystem } from '../../src/main/host/ports';

export type HostOverrides = {
  [P in keyof HostSystem]?: HostSystem[P] extends object ? Partial<HostSystem[P]> : never;
};

export function overrideHost(host: HostSystem, overrides: HostOverrides): HostSystem {
  const ports: Record<string, unknown> = {};
  for (const [port, methods] of Object.entries(overrides)) {
    const original = (host as unknown as Record<string, object>)[port] as object;
    const replaced = methods as Record<string, unknown>;
    ports[port] = new Proxy(original, {
      get(target, property, receiver) {
        if (typeof property === 'string' && property in replaced) return replaced[property];
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function'
          ? (value as (...args: unknown[]) => unknown).bind(target)
          : value;
      },
    });
  }
  return new Proxy(host, {
    get(target, property, receiver) {
      if (typeof property === 'string' && property in ports) return ports[property];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

/** Every file under `dir` (recursively) as one buffer, to search the engine's data for leaks. */
export { readAllBytes } from './read-all-bytes';

/**
 * A schema built the first time it is needed, not when its module loads. Every command is a new
 * process, and some modules are imported for a constant or a helper by commands that never check
 * what their schema checks (the data-folder lock's file name, the MachineGuid key, an error
 * code); building those schemas anyway is start-up time every command pays.
 */
export function lazySchema<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

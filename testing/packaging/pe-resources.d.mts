// Types for pe-resources.mjs.
export const STAND_IN_STRINGS: Record<string, string>;
export function writeStandInElectron(dir: string): void;
export function readExeResources(file: string): {
  strings: Record<string, string>;
  /** major, minor, build of VS_FIXEDFILEINFO's file version */
  fileVersion: number[];
  iconSizes: number[];
  manifest: string;
};

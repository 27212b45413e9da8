export declare const RENDERER_SOURCES: readonly string[];
export declare const SERVED_SOURCES: readonly string[];
export declare function isBuildFresh(
  root: string,
  output: string,
  sources: readonly string[],
): boolean;

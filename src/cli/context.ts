import type { ProductServices } from '../main/session/services';

/**
 * Everything a command touches outside its arguments. `main.ts` builds it from the process;
 * tests build it with string buffers, a scripted prompt and a temporary data folder.
 */
export interface CliContext {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  cwd: string;
  /** Whether stdout is a terminal (colour) and whether someone can answer a question. */
  stdoutIsTTY: boolean;
  interactive: boolean;
  /** Asks one question on the terminal; `undefined` when input ended without an answer. */
  prompt(question: string): Promise<string | undefined>;
  services: ProductServices;
  now(): Date;
}

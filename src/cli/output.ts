import type { CliContext } from './context';

export interface OutputOptions {
  json: boolean;
  color: boolean;
  verbose: boolean;
  /** Progress lines on stderr (off for detect/remediate, whose stderr deployment tools log). */
  progress: boolean;
}

type Paint = (text: string) => string;

const ansi =
  (open: number, close: number): Paint =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const PROGRESS_INTERVAL_MS = 250;

/**
 * Where every command writes. Results go to stdout (JSON in `--json` mode, nothing else
 * there); progress, notices and errors go to stderr so a pipe receives only the result.
 */
export class Output {
  readonly red: Paint;
  readonly green: Paint;
  readonly yellow: Paint;
  readonly bold: Paint;
  readonly dim: Paint;
  private lastProgressAt = 0;

  constructor(
    private readonly ctx: CliContext,
    readonly options: OutputOptions,
  ) {
    const plain: Paint = (text) => text;
    const on = options.color && !options.json;
    this.red = on ? ansi(31, 39) : plain;
    this.green = on ? ansi(32, 39) : plain;
    this.yellow = on ? ansi(33, 39) : plain;
    this.bold = on ? ansi(1, 22) : plain;
    this.dim = on ? ansi(2, 22) : plain;
  }

  get json(): boolean {
    return this.options.json;
  }

  get verbose(): boolean {
    return this.options.verbose;
  }

  /** The machine-readable result of a `--json` command: one JSON document on stdout. */
  result(value: unknown): void {
    this.ctx.stdout(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Human text on stdout; ignored in `--json` mode so stdout stays parseable. */
  line(text = ''): void {
    if (!this.options.json) this.ctx.stdout(`${text}\n`);
  }

  notice(text: string): void {
    this.ctx.stderr(`${text}\n`);
  }

  detail(text: string): void {
    if (this.options.verbose) this.ctx.stderr(`${text}\n`);
  }

  /** Throttled, so a 100,000-file folder does not flood the terminal. */
  progress(message: string, done?: number, total?: number, force = false): void {
    if (!this.options.progress) return;
    const now = this.ctx.now().getTime();
    const finished = done !== undefined && total !== undefined && done >= total;
    if (!force && !finished && now - this.lastProgressAt < PROGRESS_INTERVAL_MS) return;
    this.lastProgressAt = now;
    const count =
      done === undefined ? '' : total === undefined ? ` (${done})` : ` (${done}/${total})`;
    this.ctx.stderr(`${this.dim(`… ${message}${count}`)}\n`);
  }
}

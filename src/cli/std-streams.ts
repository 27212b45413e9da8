/**
 * Standard output and error of the command line, written with plain synchronous writes to the
 * file descriptor instead of through `process.stdout` / `process.stderr`.
 *
 * Why: the first touch of `process.stdout` builds a stream object, and for a pipe that is a
 * network socket: Node loads its socket, stream and terminal modules for it, a twentieth of a
 * whole `diagnose` on these machines, paid by every command a script or a deployment tool runs.
 * A synchronous write is what Node itself does for files, pipes and terminals on Linux and macOS
 * (stdout and stderr are synchronous there), so the output is the same and in the same order.
 *
 * Where a plain write is not right it is not used:
 * - On Windows a console is written through the console API (Unicode), not as bytes; only files
 *   and pipes are written directly there.
 * - A descriptor someone else made non-blocking (a pipe shared with another Node process) can
 *   answer EAGAIN when full: from then on that descriptor goes through Node's own stream, which
 *   waits for the reader, after the part already written.
 * - A reader that went away (`| head`, EPIPE) or a closed descriptor (EBADF) ends the output
 *   quietly, as before: not an error of this program.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';
import { devNull } from 'node:os';

const GONE = new Set(['EPIPE', 'EBADF']);

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/**
 * What fstat says the descriptor is, or undefined when it cannot say. `null` is the null device
 * (`> /dev/null`): a character device with the device number of `os.devNull`. Where fstat gives
 * character devices no number (Windows: a console and NUL alike), it cannot tell them apart.
 */
function kindOf(fd: number): 'file' | 'pipe' | 'socket' | 'null' | 'character' | undefined {
  try {
    const info = fstatSync(fd);
    if (info.isFile()) return 'file';
    if (info.isFIFO()) return 'pipe';
    if (info.isSocket()) return 'socket';
    if (!info.isCharacterDevice()) return undefined;
    const nul = statSync(devNull, { throwIfNoEntry: false });
    return nul?.isCharacterDevice() && nul.rdev !== 0 && info.rdev === nul.rdev
      ? 'null'
      : 'character';
  } catch {
    return undefined;
  }
}

/**
 * Whether `fd` is a terminal. Files, pipes, sockets and the null device are answered from fstat
 * alone, so a command whose output goes to a pipe, a file or nowhere never loads node:tty (and
 * node:net with it).
 */
export function isTerminal(fd: number): boolean {
  const kind = kindOf(fd);
  if (kind !== 'character' && kind !== undefined) return false;
  const tty = process.getBuiltinModule('node:tty') as typeof import('node:tty');
  return tty.isatty(fd);
}

/**
 * `process.stdout` or `process.stderr`, made on first use, with the end of its reader not an
 * error: what a writer falls back to.
 */
export function processStream(fd: 1 | 2): NodeJS.WritableStream {
  const stream = fd === 1 ? process.stdout : process.stderr;
  if (stream.listenerCount('error') === 0) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (!GONE.has(error.code ?? '')) throw error;
    });
  }
  return stream;
}

/**
 * A writer for `fd`: `write(text)` writes all of `text`, in order with what came before. Where
 * plain writes are not right for `fd` (see above) it writes through `stream()`, Node's stream
 * for the same descriptor.
 */
export function outputWriter(
  fd: number,
  stream: () => NodeJS.WritableStream,
  platform: NodeJS.Platform = process.platform,
): (text: string) => void {
  const kind = kindOf(fd);
  let direct = platform === 'win32' ? kind === 'file' || kind === 'pipe' : true;
  let gone = false;
  return (text) => {
    if (gone || text === '') return;
    if (!direct) {
      stream().write(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    try {
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = errnoCode(error);
      if (code !== undefined && GONE.has(code)) {
        gone = true;
      } else if (code === 'EAGAIN') {
        direct = false;
        stream().write(bytes.subarray(offset));
      } else {
        throw error;
      }
    }
  };
}

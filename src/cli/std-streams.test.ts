/**
 * The command line's stdout/stderr writers (std-streams.ts) on real descriptors: a file, a pipe
 * whose reader is slow (non-blocking, so the kernel answers EAGAIN when it is full), and a pipe
 * whose reader is gone.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTerminal, outputWriter } from './std-streams';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sfb-std-streams-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A stream that must not be used: the writer should manage with plain writes. */
const noStream = (): NodeJS.WritableStream => {
  throw new Error('the writer fell back to a stream');
};

/** The descriptor of the parent's end of a child's stdin pipe (libuv makes it non-blocking). */
function stdinFd(child: ChildProcessWithoutNullStreams): number {
  const handle = (child.stdin as unknown as { _handle: { fd: number } })._handle;
  return handle.fd;
}

function collect(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

describe('outputWriter', () => {
  it('writes text to a file byte for byte, in order, without a stream', () => {
    const file = join(dir, 'out.txt');
    const fd = openSync(file, 'w');
    try {
      const write = outputWriter(fd, noStream);
      write('Client: Skype for Business 2019\n');
      write('… 2 saved sign-in passwords — ünïcödé\n');
      write('x'.repeat(300_000));
      write('');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe(
      `Client: Skype for Business 2019\n… 2 saved sign-in passwords — ünïcödé\n${'x'.repeat(300_000)}`,
    );
  });

  it('goes on through the stream, after what it wrote, when a full pipe answers EAGAIN', async () => {
    // The reader waits before reading, so a megabyte cannot fit in the pipe at once.
    const child = spawn(
      process.execPath,
      ['-e', 'setTimeout(() => process.stdin.pipe(process.stdout), 300)'],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const received = collect(child);
    let fellBack = false;
    const write = outputWriter(stdinFd(child), () => {
      fellBack = true;
      return child.stdin;
    });
    const text = Array.from({ length: 20_000 }, (_, i) => `line ${i} — sign-in\n`).join('');
    write(text);
    write('the end\n');
    child.stdin.end();
    expect(await received).toBe(`${text}the end\n`);
    expect(fellBack).toBe(true);
  });

  it('stops quietly when the reader has gone (EPIPE), and for a closed descriptor', async () => {
    // The reader closes its end of the pipe and says so (as `| head` does once it has enough).
    const child = spawn(
      process.execPath,
      ['-e', "require('fs').closeSync(0); console.log('closed'); setTimeout(() => {}, 5000)"],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    await new Promise((resolve) => child.stdout.once('data', resolve));
    const write = outputWriter(stdinFd(child), noStream);
    expect(() => write('nobody reads this\n')).not.toThrow();
    expect(() => write('nor this\n')).not.toThrow();
    child.kill();

    const fd = openSync(join(dir, 'closed.txt'), 'w');
    const closed = outputWriter(fd, noStream);
    closeSync(fd);
    expect(() => closed('after close\n')).not.toThrow();
  });

  it('on Windows writes a file directly but leaves anything else (a console) to the stream', () => {
    const file = join(dir, 'out.txt');
    const fd = openSync(file, 'w');
    try {
      outputWriter(fd, noStream, 'win32')('to a file\n');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe('to a file\n');

    const written: string[] = [];
    // Stands in for the console stream, which a test cannot open: only its write is used.
    const console = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(chunk.toString('utf8'));
        done();
      },
    });
    const nul = openSync(process.platform === 'win32' ? 'NUL' : '/dev/null', 'w');
    try {
      outputWriter(nul, () => console, 'win32')('to the console\n');
    } finally {
      closeSync(nul);
    }
    expect(written).toEqual(['to the console\n']);
  });
});

describe('isTerminal', () => {
  it('answers files and pipes from fstat, as not terminals', async () => {
    const fd = openSync(join(dir, 'file.txt'), 'w');
    try {
      expect(isTerminal(fd)).toBe(false);
    } finally {
      closeSync(fd);
    }
    const child = spawn(process.execPath, ['-e', 'process.stdin.resume()'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    try {
      expect(isTerminal(stdinFd(child))).toBe(false);
    } finally {
      child.stdin.end();
      await new Promise((resolve) => child.on('close', resolve));
    }
  });
});

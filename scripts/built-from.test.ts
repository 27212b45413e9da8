import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordBuiltFrom } from './build.mjs';

const repoRoot = resolve(__dirname, '..');
const { headCommit, stalenessNote } = createRequire(__filename)(
  join(repoRoot, 'bin', 'built-from.cjs'),
) as {
  headCommit(root: string): string | undefined;
  stalenessNote(root: string, bundle: string): string | undefined;
};

let checkout: string;
const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: checkout,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  }).trim();
const commitFile = (name: string, text: string) => {
  writeFileSync(join(checkout, name), text);
  git('add', name);
  git('commit', '-q', '-m', `${name}: ${text}`);
  return git('rev-parse', 'HEAD');
};

beforeEach(() => {
  checkout = mkdtempSync(join(tmpdir(), 'built-from-'));
  git('init', '-q', '-b', 'main');
  mkdirSync(join(checkout, 'dist'));
  writeFileSync(join(checkout, '.gitignore'), 'dist/\n');
  git('add', '.gitignore');
});
afterEach(() => rmSync(checkout, { recursive: true, force: true }));

describe('the commit a build came from', () => {
  it('is recorded from a checkout without changes, and not from work in progress', () => {
    const bundle = join(checkout, 'dist', 'cli.cjs');
    const first = commitFile('a.txt', 'one');
    recordBuiltFrom(bundle, checkout);
    expect(JSON.parse(readFileSync(`${bundle}.built-from`, 'utf8'))).toEqual({ commit: first });
    writeFileSync(join(checkout, 'a.txt'), 'edited');
    recordBuiltFrom(bundle, checkout);
    expect(() => readFileSync(`${bundle}.built-from`)).toThrow(/ENOENT/);
  });

  it('is read from HEAD as git keeps it: a branch, packed refs, a detached HEAD', () => {
    const first = commitFile('a.txt', 'one');
    expect(headCommit(checkout)).toBe(first);
    git('pack-refs', '--all');
    expect(headCommit(checkout)).toBe(first);
    const second = commitFile('a.txt', 'two');
    git('checkout', '-q', '--detach', first);
    expect(headCommit(checkout)).toBe(first);
    git('checkout', '-q', 'main');
    expect(headCommit(checkout)).toBe(second);
    // Not a checkout, or one it cannot read: nothing to say.
    expect(headCommit(tmpdir())).toBeUndefined();
    writeFileSync(join(checkout, '.git', 'HEAD'), 'ref: refs/../../outside\n');
    expect(headCommit(checkout)).toBeUndefined();
  });

  it('is compared with the checkout when a command starts from bin/', () => {
    cpSync(join(repoRoot, 'bin'), join(checkout, 'bin'), { recursive: true });
    const bundle = join(checkout, 'dist', 'cli.cjs');
    writeFileSync(bundle, "process.stdout.write('ran');\n");
    const run = () =>
      spawnSync(process.execPath, [join(checkout, 'bin', 'sfb-signin-repair.cjs')], {
        encoding: 'utf8',
      });
    const built = commitFile('a.txt', 'one');
    recordBuiltFrom(bundle, checkout);
    expect(run()).toMatchObject({ status: 0, stdout: 'ran', stderr: '' });

    // A pull (here a commit) moves the checkout on: the command still runs, and says so.
    const pulled = commitFile('a.txt', 'two');
    const after = run();
    expect(after).toMatchObject({ status: 0, stdout: 'ran' });
    expect(after.stderr).toBe(
      `Note: dist/cli.cjs was built from commit ${built.slice(0, 9)}, and this checkout is at ` +
        `${pulled.slice(0, 9)}: run \`npm run build\` to run the current sources.\n`,
    );
    expect(stalenessNote(checkout, bundle)).toBe(after.stderr);

    // Rebuilt, or a record it cannot read: nothing more is said.
    recordBuiltFrom(bundle, checkout);
    expect(run().stderr).toBe('');
    writeFileSync(`${bundle}.built-from`, '{"commit":');
    expect(run().stderr).toBe('');
  });
});

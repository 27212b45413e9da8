/** `machine-guid` and `dns-cache`. */
import type { FindingBase } from './context';
import type { Finding } from '../../../shared/findings';
import { formatRegistryKey } from '../../../shared/registry-value';
import { type DiagnosisContext, describeValue } from './context';

const BARE_GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `{guid}` → `guid`; `undefined` when the text is not a braced GUID. */
export function unbracedGuid(text: string): string | undefined {
  const match = /^\s*\{(.*)\}\s*$/.exec(text);
  return match?.[1] !== undefined && BARE_GUID.test(match[1]) ? match[1] : undefined;
}

export function machineGuidFinding(context: DiagnosisContext): Finding {
  const { key, value } = context.inventory.machineGuid;
  const label = `${formatRegistryKey(key)} MachineGuid`;
  const base: FindingBase = { id: 'machine-guid', kbStep: 'additional-machine-guid', repairs: [] };
  if (!value) {
    return {
      ...base,
      status: 'unknown',
      summary: 'MachineGuid is missing from the registry.',
      detail: 'Windows normally sets it at installation; this tool does not create it.',
      evidence: [{ kind: 'registry', label, value: '(absent)' }],
    };
  }
  const evidence = [{ kind: 'registry' as const, label, value: describeValue(value) }];
  if (value.type !== 'REG_SZ') {
    return {
      ...base,
      status: 'unknown',
      summary: `MachineGuid has the unexpected type ${value.type}; it is left alone.`,
      detail: 'A healthy MachineGuid is a REG_SZ holding a GUID without braces.',
      evidence,
    };
  }
  if (BARE_GUID.test(value.data.trim()) && value.data.trim() === value.data) {
    return { ...base, status: 'ok', summary: 'MachineGuid has no braces.', evidence };
  }
  if (unbracedGuid(value.data)) {
    return {
      ...base,
      status: 'problem',
      summary: 'MachineGuid has braces around it, which breaks certificate acquisition.',
      detail: 'Removing the braces needs administrator rights. Restart Lync afterwards.',
      evidence,
      repairs: ['fix-machine-guid'],
    };
  }
  return {
    ...base,
    status: 'unknown',
    summary: 'MachineGuid does not look like a GUID; it is left alone.',
    evidence,
  };
}

export function dnsCacheFinding(): Finding {
  return {
    id: 'dns-cache',
    status: 'warning',
    kbStep: 'additional-dns-cache',
    summary: "The DNS cache can't be diagnosed; flushing it is harmless.",
    detail:
      'Windows rebuilds the cache on demand. Flushing clears answers cached before a DNS change.',
    evidence: [],
    repairs: ['flush-dns-cache'],
  };
}

/**
 * `modern-authentication`: how Lync 2013 is set for modern authentication (ADAL), reported with
 * what each value means and never changed. Sources: Microsoft Learn, "How modern authentication
 * works for Office 2013, Office 2016, and Office 2019 client apps" and the Skype for Business
 * hybrid modern authentication topology article (see docs/clients.md).
 */
import type { Evidence, Finding } from '../../../shared/findings';
import { ADAL_INDEPENDENT_VALUE } from '../inventory/locations';
import { valueOf } from '../inventory/registry-read';
import { registryEvidence, type DiagnosisContext, type FindingBase } from './context';

function dword(value: ReturnType<typeof valueOf>): number | undefined {
  return value?.type === 'REG_DWORD' ? value.data : undefined;
}

export function modernAuthenticationFinding(context: DiagnosisContext): Finding {
  const base: FindingBase = {
    id: 'modern-authentication',
    kbStep: 'lync2013-delete-sign-in-info',
    repairs: [],
  };
  if (context.primary?.kind !== 'lync2013') {
    return {
      ...base,
      status: 'not-applicable',
      summary:
        context.primary?.kind === 'sfb2016'
          ? 'Skype for Business 2016 and later use modern authentication whenever the server offers it; nothing to set.'
          : 'Only Lync 2013 has modern authentication settings on the PC.',
      evidence: [],
    };
  }
  const identity = context.inventory.office15Identity;
  const evidence: Evidence[] = [];
  for (const name of ['EnableADAL', 'Version']) {
    const value = valueOf(identity, name);
    if (value && identity) evidence.push(registryEvidence(identity.key, name, value));
  }
  const lyncSettings = context.inventory.settings.find((root) => root.spec.kind === 'lync2013');
  const places = [
    ...(lyncSettings?.contents ? [lyncSettings.contents] : []),
    ...context.inventory.policies.filter((policy) => policy.key.path.includes('15.0')),
  ];
  let independent: number | undefined;
  for (const place of places) {
    const value = valueOf(place, ADAL_INDEPENDENT_VALUE);
    if (!value) continue;
    evidence.push(registryEvidence(place.key, ADAL_INDEPENDENT_VALUE, value));
    independent = dword(value) ?? independent;
  }
  const enabled = dword(valueOf(identity, 'EnableADAL')) === 1;
  const version = dword(valueOf(identity, 'Version')) === 1;
  const meaning =
    enabled && version
      ? 'Modern authentication is on for Lync 2013 (EnableADAL = 1 and Version = 1): it signs in through the Microsoft sign-in window where the server offers it.'
      : 'Modern authentication is off for Lync 2013 (EnableADAL and Version are not both 1): it signs in with its own password prompt, which servers set up for modern authentication only refuse.';
  const independence =
    independent === 1
      ? ` ${ADAL_INDEPENDENT_VALUE} = 1: the other Office 2013 apps follow their own setting, independently of Lync.`
      : '';
  return {
    ...base,
    status: 'ok',
    summary: `${meaning}${independence}`,
    detail:
      'Reported only: this tool never changes these values. Your administrator decides them, usually by policy.',
    evidence,
  };
}

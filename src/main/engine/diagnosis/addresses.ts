/** Every SIP address this profile has used, and where each one was seen. */
import type { FindingBase } from './context';
import type { Finding } from '../../../shared/findings';
import { formatRegistryKey } from '../../../shared/registry-value';
import { valueOf } from '../inventory';
import { AddressBook } from '../sip-address';
import type { DiagnosisContext } from './context';

export function collectAddresses(context: DiagnosisContext): AddressBook {
  const { inventory } = context;
  const book = new AddressBook();
  if (context.currentAddress) book.add(context.currentAddress, 'current sign-in address');
  for (const root of inventory.settings) {
    const uri = valueOf(root.contents, 'ServerSipUri');
    if (uri?.type === 'REG_SZ') book.add(uri.data, `${formatRegistryKey(root.key)} ServerSipUri`);
    for (const key of root.addressKeys) book.add(key.address, formatRegistryKey(key.contents.key));
  }
  for (const folder of inventory.cacheFolders) book.add(folder.address, folder.path);
  for (const credential of inventory.credentials) {
    if (credential.address) book.add(credential.address, `credential ${credential.targetName}`);
  }
  for (const certificate of inventory.certificates.communicationsServer) {
    for (const address of certificate.addresses)
      book.add(address, `certificate ${certificate.thumbprint}`);
  }
  return book;
}

export function addressesFinding(context: DiagnosisContext, book: AddressBook): Finding {
  const entries = book.list();
  const base: FindingBase = {
    id: 'sign-in-addresses',
    kbStep: 'lync2013-delete-sign-in-info',
    repairs: [],
  };
  const evidence = entries.map((entry) => ({
    kind: 'address' as const,
    label: entry.sources.join('; '),
    value: entry.address,
  }));
  if (entries.length === 0) {
    return {
      ...base,
      status: 'warning',
      summary: 'No sign-in address was found in this profile.',
      evidence,
    };
  }
  const current = context.currentAddress
    ? ` The client last signed in as ${context.currentAddress}.`
    : '';
  return {
    ...base,
    status: 'ok',
    summary: `${entries.length} sign-in address${entries.length === 1 ? '' : 'es'} found.${current}`,
    detail: 'Repairs act for one address at a time; the others are left exactly as they are.',
    evidence,
  };
}

import { createWindowsHost } from '../index';
import { runEntry } from './entry';

runEntry(async () => {
  const host = await createWindowsHost();
  const store = { location: 'CurrentUser', name: 'My' } as const;
  const first = (await host.certificates.list(store))[0];
  if (!first) return 'empty';
  return [first.thumbprint, await host.certificates.remove(store, first.thumbprint)];
});

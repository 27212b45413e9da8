/**
 * DNS client cache flush: dnsapi DnsFlushResolverCache first, `ipconfig /flushdns` second.
 * Whatever happens, the answer says what was tried and never claims a flush that did not happen.
 */
import { execFile } from 'node:child_process';
import type { DnsCachePort, DnsFlushResult } from '../ports';
import { clearLastError, declare, lastError } from './ffi';

function flushThroughApi(): { ok: boolean; detail: string } {
  try {
    const flush = declare<() => boolean>('dnsapi.dll', 'bool __stdcall DnsFlushResolverCache()');
    clearLastError();
    if (flush()) return { ok: true, detail: 'DnsFlushResolverCache succeeded' };
    return {
      ok: false,
      detail: `DnsFlushResolverCache returned FALSE (Windows error ${lastError()})`,
    };
  } catch (error) {
    return {
      ok: false,
      detail: `DnsFlushResolverCache is not available: ${(error as Error).message}`,
    };
  }
}

function flushThroughIpconfig(): Promise<{ ok: boolean; detail: string }> {
  return new Promise((resolve) => {
    execFile(
      'ipconfig',
      ['/flushdns'],
      { windowsHide: true, timeout: 15_000 },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`.trim().replace(/\s+/g, ' ');
        if (error) {
          resolve({
            ok: false,
            detail: `ipconfig /flushdns failed: ${error.message}${output ? ` (${output})` : ''}`,
          });
        } else if (/success/i.test(output)) {
          resolve({ ok: true, detail: output });
        } else {
          // An exit code of 0 without the confirmation text is not taken as proof of a flush.
          resolve({
            ok: false,
            detail: `ipconfig /flushdns did not confirm the flush: '${output}'`,
          });
        }
      },
    );
  });
}

export function createDnsCache(): DnsCachePort {
  return {
    async flush(): Promise<DnsFlushResult> {
      const api = flushThroughApi();
      if (api.ok) return { flushed: true, method: 'api', detail: api.detail };
      const ipconfig = await flushThroughIpconfig();
      if (ipconfig.ok) return { flushed: true, method: 'ipconfig', detail: ipconfig.detail };
      return { flushed: false, method: 'ipconfig', detail: `${api.detail}; ${ipconfig.detail}` };
    },
  };
}

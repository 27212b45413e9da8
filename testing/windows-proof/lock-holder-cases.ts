/**
 * Checks that a `file-locked` error names the process holding the file where Windows can tell
 * (Restart Manager). Wine 8's Restart Manager is a stub that names nobody, so under Wine these
 * cases prove every step up to that answer: the session calls succeed, the file list reaches the
 * API in the layout it reads, a holder's pid is turned into its image name, the error carries
 * it, and an empty answer leaves the error as it was. On a real PC the same cases expect the
 * test's own node.exe to be named.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { isAppError } from '../../src/shared/errors';
import { closeHandle, declare } from '../../src/main/host/windows/ffi';
import { lockedFileError } from '../../src/main/host/windows/files';
import {
  RM_PROCESS_INFO_SIZE,
  askRestartManager,
  describeHolders,
  nameHolders,
} from '../../src/main/host/windows/lock-holders';
import { openExclusive, type WindowsCase } from './windows-cases';

type Pointer = object | null;

const kernel32 = {
  GetModuleHandleW: declare<(name: string) => Pointer>(
    'kernel32.dll',
    'void * __stdcall GetModuleHandleW(str16 lpModuleName)',
  ),
  GetProcAddress: declare<(module: Pointer, name: string) => Pointer>(
    'kernel32.dll',
    'void * __stdcall GetProcAddress(void *hModule, const char *lpProcName)',
  ),
  // Reads an LPCWSTR[] argument array, as RmRegisterResources reads its file list.
  FormatMessageW: declare<
    (
      flags: number,
      source: string,
      id: number,
      language: number,
      buffer: Buffer,
      size: number,
      args: string[],
    ) => number
  >(
    'kernel32.dll',
    'uint32_t __stdcall FormatMessageW(uint32_t dwFlags, str16 lpSource, uint32_t dwMessageId, uint32_t dwLanguageId, void *lpBuffer, uint32_t nSize, str16 *Arguments)',
  ),
};

/** Wine's ntdll exports wine_get_version; Windows' does not. */
function runningUnderWine(): boolean {
  return (
    kernel32.GetProcAddress(kernel32.GetModuleHandleW('ntdll.dll'), 'wine_get_version') !== null
  );
}

export function lockHolderCases(): WindowsCase[] {
  return [
    {
      name: 'files: the Restart Manager is asked who holds a locked file, and the file-locked error names it where Windows can tell',
      async run(host) {
        assert.equal(RM_PROCESS_INFO_SIZE, 668, 'RM_PROCESS_INFO as restartmanager.h lays it out');
        // The file list goes in as a JS string array; FormatMessageW reads the same LPCWSTR[]
        // (Wine's RmRegisterResources ignores it, so this is where the layout is shown).
        const text = Buffer.alloc(512);
        const FROM_STRING_WITH_ARRAY = 0x00000400 | 0x00002000;
        const chars = kernel32.FormatMessageW(FROM_STRING_WITH_ARRAY, '%1|%2', 0, 0, text, 256, [
          'C:\\Users\\Zoë\\GalContacts.db',
          'D:\\b.txt',
        ]);
        assert.equal(
          text.subarray(0, chars * 2).toString('utf16le'),
          'C:\\Users\\Zoë\\GalContacts.db|D:\\b.txt',
        );

        const local = (await host.files.knownFolder('LocalAppData')) ?? '';
        const root = host.files.join(
          local,
          `SfbSigninRepairWine-${randomBytes(4).toString('hex')}`,
        );
        const file = host.files.join(root, 'sip_user@contoso.com', 'GalContacts.db');
        await host.files.writeFile(file, new Uint8Array([1, 2, 3]));
        const handle = openExclusive(file);
        try {
          const answer = askRestartManager(file);
          assert.ok(answer.ok, `the Restart Manager answers: ${JSON.stringify(answer)}`);
          const wine = runningUnderWine();
          if (wine) {
            // Measured on Wine 8: RmStartSession/RmRegisterResources/RmGetList are stubs that
            // succeed and list nobody.
            assert.deepEqual(answer.entries, []);
          } else {
            assert.ok(
              answer.entries.some((entry) => entry.pid === process.pid),
              `this process holds the file: ${JSON.stringify(answer.entries)}`,
            );
          }
          await assert.rejects(host.files.remove(root), (error: unknown) => {
            assert.ok(isAppError(error), String(error));
            assert.equal(error.code, 'file-locked', error.message);
            assert.match(String(error.details.path), /GalContacts\.db$/);
            if (wine) {
              assert.equal(error.details.process, undefined);
              assert.equal(error.details.pid, undefined);
              assert.match(error.message, /in use by another program$/);
            } else {
              assert.equal(error.details.process, 'node.exe');
              assert.equal(error.details.pid, process.pid);
              assert.match(error.message, new RegExp(`node\\.exe \\(pid ${process.pid}\\)`));
            }
            return true;
          });
        } finally {
          closeHandle(handle);
        }
        assert.deepEqual(Buffer.from(await host.files.readFile(file)), Buffer.from([1, 2, 3]));
        await host.files.remove(root);
        assert.equal(await host.files.stat(root), undefined);
      },
    },
    {
      name: 'files: a lock holder is named by its image name and pid, and the error says so',
      async run() {
        const holders = nameHolders([
          { pid: process.pid, appName: 'Node.js JavaScript Runtime' },
          // No process has this id (ids are multiples of 4): the Restart Manager's name is kept.
          { pid: 0x7ffffffd, appName: 'Microsoft Lync' },
          { pid: 0x7ffffff9, appName: '' },
        ]);
        assert.deepEqual(holders, [
          { pid: process.pid, name: 'node.exe' },
          { pid: 0x7ffffffd, name: 'Microsoft Lync' },
          { pid: 0x7ffffff9, name: 'an unnamed process' },
        ]);
        assert.deepEqual(nameHolders([]), []);
        const path = 'C:\\Users\\user\\AppData\\Local\\Microsoft\\Office\\15.0\\Lync\\x.db';
        const error = lockedFileError('delete', path, holders.slice(0, 2));
        assert.equal(error.code, 'file-locked');
        assert.deepEqual(error.details, { path, process: 'node.exe', pid: process.pid });
        assert.equal(
          error.message,
          `Cannot delete ${path}: it is in use by ${describeHolders(holders.slice(0, 2))}`,
        );
        assert.match(
          error.message,
          new RegExp(`node\\.exe \\(pid ${process.pid}\\), Microsoft Lync \\(pid 2147483645\\)$`),
        );
        const unknown = lockedFileError('delete', path, []);
        assert.deepEqual(unknown.details, { path });
        assert.equal(unknown.message, `Cannot delete ${path}: it is in use by another program`);
      },
    },
  ];
}

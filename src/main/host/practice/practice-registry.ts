import {
  formatRegistryKey,
  type RegistryKeyRef,
  type RegistryValue,
  type RegistryValueEntry,
} from '../../../shared/registry-value';
import { AppError } from '../../../shared/errors';
import type { RegistryPort } from '../ports';
import type { JsonDocument } from './json-document';
import {
  deleteKeyTree,
  ensureKey,
  findKey,
  findValue,
  putValue,
  removeValue,
  type RegistryDocument,
} from './registry-tree';
import * as v from 'valibot';
import { firstProblem } from './document-checks';
import { cloneRegistryValue, registryValueSchema } from './registry-values';

function checkedValue(key: RegistryKeyRef, name: string, value: RegistryValue): RegistryValue {
  const parsed = v.safeParse(registryValueSchema, value);
  if (!parsed.success) {
    const reason = firstProblem(parsed.issues).message;
    throw new AppError(
      'invalid-request',
      `Cannot store ${name === '' ? '(Default)' : name} in ${formatRegistryKey(key)}: ${reason}`,
      { key: formatRegistryKey(key), name },
    );
  }
  return cloneRegistryValue(parsed.output);
}

export function practiceRegistry(document: JsonDocument<RegistryDocument>): RegistryPort {
  return {
    async getValue(key, name) {
      const node = findKey(await document.read(), key);
      const value = node && findValue(node, name);
      return value && cloneRegistryValue(value);
    },
    async listValues(key): Promise<RegistryValueEntry[] | undefined> {
      const node = findKey(await document.read(), key);
      return node?.values.map((entry) => ({
        name: entry.name,
        value: cloneRegistryValue(entry.value),
      }));
    },
    async listSubkeys(key) {
      return findKey(await document.read(), key)?.subkeys.map((child) => child.name);
    },
    async createKey(key) {
      await document.update((registry) => {
        ensureKey(registry, key);
      });
    },
    async setValue(key, name, value) {
      const stored = checkedValue(key, name, value);
      await document.update((registry) => putValue(ensureKey(registry, key), name, stored));
    },
    async deleteValue(key, name) {
      // Reading first keeps an absent value from rewriting the whole registry file.
      const node = findKey(await document.read(), key);
      if (!node || findValue(node, name) === undefined) return false;
      return document.update((registry) => {
        const current = findKey(registry, key);
        return current ? removeValue(current, name) : false;
      });
    },
    async deleteKey(key) {
      if (!findKey(await document.read(), key)) return false;
      return document.update((registry) => deleteKeyTree(registry, key));
    },
  };
}

/**
 * The layering rules of eslint.config.js, each proven by a deliberately forbidden import in a
 * file of its zone (linted as text under that path, so nothing is written to the tree), beside
 * an allowed one, so a rule that stops matching fails here.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport {};\n`, { filePath: path });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

const CASES: ReadonlyArray<{ zone: string; path: string; forbidden: string; allowed: string }> = [
  {
    zone: 'shared imports no side',
    path: 'src/shared/zone-probe.ts',
    forbidden: "import '../main/engine';",
    allowed: "import './findings';",
  },
  {
    zone: 'shared uses no Node',
    path: 'src/shared/zone-probe.ts',
    forbidden: "import 'node:fs';",
    allowed: "import * as z from './model/zod';",
  },
  {
    zone: 'zod only through the module that sets its options',
    path: 'src/main/engine/zone-probe.ts',
    forbidden: "import * as z from 'zod';",
    allowed: "import * as z from '../../shared/model/zod';",
  },
  {
    zone: 'the module that sets zod options imports zod, and still no Node',
    path: 'src/shared/model/zod.ts',
    forbidden: "import 'node:fs';",
    allowed: "import * as z from 'zod';",
  },
  {
    zone: 'renderer never reaches main',
    path: 'src/renderer/zone-probe.ts',
    forbidden: "import '../main/engine';",
    allowed: "import '../shared/findings';",
  },
  {
    zone: 'the served page bridge uses no Node',
    path: 'src/main/served/page/zone-probe.ts',
    forbidden: "import 'node:http';",
    allowed: "import '../../../preload/bridge';",
  },
  {
    zone: 'renderer uses no Node',
    path: 'src/renderer/zone-probe.ts',
    forbidden: "import 'node:path';",
    allowed: "import 'react';",
  },
  {
    zone: 'preload knows only the shared table',
    path: 'src/preload/zone-probe.ts',
    forbidden: "import '../main/ipc/dispatcher';",
    allowed: "import '../shared/operations';",
  },
  {
    zone: 'engine: no adapter through a folder index',
    path: 'src/main/engine/zone-probe.ts',
    forbidden: "import '../host/windows';",
    allowed: "import '../host/ports';",
  },
  {
    zone: 'engine: no practice PC through a folder index',
    path: 'src/main/engine/zone-probe.ts',
    forbidden: "import '../host/practice';",
    allowed: "import './types';",
  },
  {
    zone: 'engine: no koffi',
    path: 'src/main/engine/zone-probe.ts',
    forbidden: "import 'koffi';",
    allowed: "import 'node:crypto';",
  },
  ...[
    'node:tls',
    'node:dns',
    'node:dns/promises',
    'node:net',
    'node:http',
    'node:https',
    'https',
  ].map((module) => ({
    zone: `engine: no ${module}, only the network port`,
    path: 'src/main/engine/admin/zone-probe.ts',
    forbidden: `import '${module}';`,
    allowed: "import { isIpAddress } from '../../host/network/pure';",
  })),
  {
    zone: 'engine: no network adapter, only its port',
    path: 'src/main/engine/admin/zone-probe.ts',
    forbidden: "import { nodeNetwork } from '../../host/network/node-network';",
    allowed: "import type { NetworkPort } from '../../host/network/ports';",
  },
  {
    zone: 'journal knows no engine',
    path: 'src/main/journal/zone-probe.ts',
    forbidden: "import '../engine/types';",
    allowed: "import 'node:fs';",
  },
  {
    zone: 'host knows nothing above it',
    path: 'src/main/host/zone-probe.ts',
    forbidden: "import '../journal/journal';",
    allowed: "import './ports';",
  },
  {
    zone: 'command line does not use the app',
    path: 'src/cli/zone-probe.ts',
    forbidden: "import '../main/ipc/dispatcher';",
    allowed: "import '../main/engine';",
  },
  {
    zone: 'no raw ipcMain outside the transport',
    path: 'src/main/ipc/zone-probe.ts',
    forbidden: "import { ipcMain } from 'electron';",
    allowed: "import { app } from 'electron';",
  },
  {
    zone: 'product code never imports test support',
    path: 'src/main/report/zone-probe.ts',
    forbidden: "import '../../../testing/report/parse-html';",
    allowed: "import './index';",
  },
];

describe('lint layering zones', () => {
  it.each(CASES)('$zone', async ({ path, forbidden, allowed }) => {
    expect(await restrictedImports(path, forbidden)).toHaveLength(1);
    expect(await restrictedImports(path, allowed)).toEqual([]);
  });

  it('lets a test file use test support, and the engine tests the practice PC', async () => {
    expect(
      await restrictedImports(
        'src/main/engine/zone-probe.test.ts',
        "import '../../../testing/engine/practice';\nimport '../host/practice';",
      ),
    ).toEqual([]);
  });
});

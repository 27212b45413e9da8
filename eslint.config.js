import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Layering. Each zone lists what its files may not import; test files of a zone follow the same
// rule except that they may use test support (testing/). A later config's options replace an
// earlier one's for the same rule, so every zone is written out whole by `zone()`.
const NO_TEST_SUPPORT = {
  group: ['**/testing/**', '**/testing'],
  message: 'Product code never imports test support (testing/).',
};
const NO_NODE_OR_ELECTRON = ['node:*', 'fs', 'path', 'os', 'child_process', 'electron'];
const RAW_IPC = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'IPC goes through the dispatcher (src/main/ipc) and the preload bridge only.',
};
const TESTS = ['**/*.test.{ts,tsx}'];
/** Product code reaches zod through the one module that sets its options first. */
const ZOD_MODULE = 'src/shared/model/zod.ts';
const ZOD_THROUGH_ITS_MODULE = {
  name: 'zod',
  message: `Import * as z from ${ZOD_MODULE}: it sets zod's options before any schema is built.`,
};

/**
 * A layering zone: product files get the patterns plus the test-support ban; the zone's tests get
 * `testPatterns` (the same patterns unless a zone's tests need more, e.g. the practice PC).
 */
function zone(files, patterns, paths = [], extra = {}, testPatterns = patterns) {
  const rule = (list, more, morePaths) => [
    'error',
    { patterns: [...list, ...more], paths: [...paths, ...morePaths] },
  ];
  return [
    {
      ...extra,
      files,
      ignores: TESTS,
      rules: {
        ...extra.rules,
        'no-restricted-imports': rule(patterns, [NO_TEST_SUPPORT], [ZOD_THROUGH_ITS_MODULE]),
      },
    },
    {
      ...extra,
      files: files.map((glob) => glob.replace(/\*\.\{?[a-z,]+\}?$/, '*.test.{ts,tsx}')),
      rules: { ...extra.rules, 'no-restricted-imports': rule(testPatterns, [], []) },
    },
  ];
}

const ENGINE_PORTS_ONLY = {
  group: [
    '**/host/windows',
    '**/host/windows/**',
    '**/host/practice',
    '**/host/practice/**',
    'koffi',
    'electron',
  ],
  message: 'The engine is written only against the host ports.',
};

/**
 * The engine reaches the network only through the injected NetworkPort (host/network/ports.ts);
 * the pure helpers it may use (isIP, Node's bundled roots) are in host/network/pure.ts.
 */
const NO_NETWORK_MESSAGE =
  'The engine reaches the network only through the NetworkPort; isIP and the bundled roots are in host/network/pure.';
const ENGINE_NO_NETWORK = {
  group: [
    'node:tls',
    'node:dns',
    'node:dns/promises',
    'node:net',
    'node:http',
    'node:https',
    '**/host/network/node-*',
  ],
  message: NO_NETWORK_MESSAGE,
};
/** The same modules without the `node:` prefix, matched exactly (a pattern would match folders). */
const ENGINE_NO_BARE_NETWORK = ['tls', 'dns', 'dns/promises', 'net', 'http', 'https'].map(
  (name) => ({ name, message: NO_NETWORK_MESSAGE }),
);

const SHARED_RULES = [
  {
    group: ['**/main/**', '**/renderer/**', '**/cli/**', '**/preload/**'],
    message: 'src/shared is the contract: it imports no side.',
  },
  {
    group: NO_NODE_OR_ELECTRON,
    message: 'src/shared runs in every runtime: no Node or Electron modules.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      '.cache/**',
      'test-results/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  // Every product file not in a narrower zone below.
  ...zone(['src/**/*.{ts,tsx}'], [], [RAW_IPC]),
  ...zone(['src/shared/**/*.ts'], SHARED_RULES),
  ...zone(
    ['src/renderer/**/*.{ts,tsx}'],
    [
      {
        group: ['**/main/**', '**/cli/**', '**/preload/**'],
        message: 'The renderer talks to main only through its injected client.',
      },
      {
        group: NO_NODE_OR_ELECTRON,
        message: 'The renderer is sandboxed: no Node or Electron modules.',
      },
    ],
    [],
    { plugins: { 'react-hooks': reactHooks }, rules: { ...reactHooks.configs.recommended.rules } },
  ),
  ...zone(
    ['src/preload/**/*.ts'],
    [
      {
        group: ['**/main/**', '**/renderer/**', '**/cli/**'],
        message: 'The preload is derived from the shared operation table only.',
      },
    ],
  ),
  // The served wizard's page-side bridge runs in the browser, like the preload it reuses.
  ...zone(
    ['src/main/served/page/**/*.ts'],
    [
      {
        group: NO_NODE_OR_ELECTRON,
        message: 'The served bridge runs in the page: no Node or Electron modules.',
      },
    ],
  ),
  // Engine tests run the engine on the practice PC, so they may import it.
  ...zone(
    ['src/main/engine/**/*.ts'],
    [ENGINE_PORTS_ONLY, ENGINE_NO_NETWORK],
    [RAW_IPC, ...ENGINE_NO_BARE_NETWORK],
    {},
    [],
  ),
  ...zone(
    ['src/main/journal/**/*.ts'],
    [
      {
        group: [
          '**/engine/**',
          '**/engine',
          '**/ipc/**',
          '**/app/**',
          '**/cli/**',
          '**/host/windows/**',
          '**/host/practice/**',
          'electron',
          'koffi',
        ],
        message:
          'The journal stores what the engine gives it; it knows no engine, front end or adapter.',
      },
    ],
  ),
  ...zone(
    ['src/main/host/**/*.ts'],
    [
      {
        group: [
          '**/engine/**',
          '**/engine',
          '**/ipc/**',
          '**/app/**',
          '**/cli/**',
          '**/journal/**',
          'electron',
        ],
        message: 'Host adapters implement the ports; they know nothing above them.',
      },
    ],
  ),
  ...zone(
    ['src/cli/**/*.ts'],
    [
      {
        group: ['**/renderer/**', '**/ipc/**', '**/app/**', 'electron'],
        message: 'The command line runs without Electron and uses the engine, not the app.',
      },
    ],
  ),
  ...zone(['src/main/ipc/electron-binding.ts', 'src/main/app/**/*.ts'], []),
  // The one module that imports zod itself: the shared zone's rules without the zod one.
  {
    files: [ZOD_MODULE],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...SHARED_RULES, NO_TEST_SUPPORT] }],
    },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        URL: 'readonly',
      },
    },
  },
);

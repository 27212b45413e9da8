import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Layering: shared imports nothing from main/renderer or Node; renderer never reaches main.
const layerRule = (patterns) => ['error', { patterns }];

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
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': layerRule([
        {
          group: ['**/main/**', '**/renderer/**', '**/cli/**', '**/preload/**'],
          message: 'src/shared is the contract: it imports no side.',
        },
        {
          group: ['node:*', 'fs', 'path', 'os', 'electron'],
          message: 'src/shared runs in every runtime: no Node or Electron modules.',
        },
      ]),
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': layerRule([
        {
          group: ['**/main/**', '**/cli/**', '**/preload/**'],
          message: 'The renderer talks to main only through its injected client.',
        },
        {
          group: ['node:*', 'fs', 'path', 'os', 'electron'],
          message: 'The renderer is sandboxed: no Node or Electron modules.',
        },
      ]),
    },
  },
  {
    files: ['src/main/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': layerRule([
        {
          group: ['**/host/windows/**', '**/host/practice/**', 'koffi', 'electron'],
          message: 'The engine is written only against the host ports.',
        },
      ]),
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

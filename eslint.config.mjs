// ESLint: the rules tsc does not check, the type-aware promise rules, and the import boundaries
// between the parts (scripts/lint/boundaries.mjs; each runtime also has its own tsconfig).
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from './scripts/lint/boundaries.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const TEST_SUPPORT = ['\\.test\\.ts$', '(^|/)testing(/|\\.ts$)'];

/** Which folder may import which; a file gets every zone whose `from` it lies under. */
const zones = [
  {
    from: 'miniprogram/',
    forbid: ['cloudfunctions/', 'frontmachine/', 'sandbox/', 'protocol/', 'test/', 'scripts/', 'bench/'],
    why: 'the mini program ships alone (only typings/ and its own folder)',
  },
  {
    from: 'miniprogram/core/',
    exceptFiles: TEST_SUPPORT,
    only: ['miniprogram/core/', 'typings/'],
    packages: ['dayjs'],
    why: 'core holds pure rules shared with the cloud: nothing runtime-specific',
  },
  {
    from: 'miniprogram/services/',
    forbid: ['miniprogram/pages/', 'miniprogram/packages/', 'miniprogram/components/', 'miniprogram/behaviors/', 'miniprogram/view-models/'],
    why: 'services serve the view code, never the other way round',
  },
  {
    from: 'cloudfunctions/',
    exceptFiles: TEST_SUPPORT,
    forbid: ['frontmachine/', 'sandbox/', 'test/', 'scripts/', 'bench/', 'cloudfunctions/testing/', 'miniprogram/'],
    allow: ['miniprogram/core/'],
    why: 'a cloud function reaches the hospital only through the signed front-machine API',
  },
  {
    from: 'frontmachine/src/',
    exceptFiles: TEST_SUPPORT,
    forbid: ['cloudfunctions/', 'sandbox/', 'test/', 'scripts/', 'bench/', 'frontmachine/testing/', 'miniprogram/'],
    allow: ['miniprogram/core/'],
    why: 'the front machine never depends on the cloud or on the sandbox it stands in front of',
  },
  {
    from: 'sandbox/hospital/',
    exceptFiles: TEST_SUPPORT,
    forbid: ['cloudfunctions/', 'frontmachine/', 'protocol/', 'test/', 'miniprogram/'],
    allow: ['miniprogram/core/'],
    why: 'the sandbox hospital is a hospital: it knows only its HSB messages',
  },
  {
    from: 'sandbox/cloud/',
    exceptFiles: TEST_SUPPORT,
    forbid: ['frontmachine/', 'sandbox/hospital/', 'test/', 'miniprogram/'],
    allow: ['miniprogram/core/'],
    why: 'the local cloud hosts the functions; it talks to the front machine over HTTP only',
  },
  { from: 'protocol/', only: ['protocol/'], why: 'the wire protocol stands alone: both sides import it' },
  { from: 'typings/', only: ['typings/'], why: 'contracts are types only' },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '**/miniprogram_npm/**',
      'dist/**',
      'cloudfunctions/*/index.js',
      '.data/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { boundaries },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      'boundaries/imports': ['error', { root, zones }],
    },
  },
  {
    // Type-aware: an unawaited promise or a promise where a callback's result is ignored loses errors.
    // One program from the root tsconfig (every .ts file): projectService would build one per
    // runtime tsconfig, measured 46 s of CPU against 28 s here (11 s without type information).
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: ['./tsconfig.json'], tsconfigRootDir: root } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // The mini program and its shared core run in WeChat's JS engine: no Node built-ins.
    files: ['miniprogram/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'crypto', 'http', 'https'] }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

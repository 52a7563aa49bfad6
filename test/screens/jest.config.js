// `npm run screens` renders through this config (scripts/screens.ts); `npm test` never does.
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' }, module: { type: 'commonjs' } }];

/** @type {import('jest').Config} */
module.exports = {
  rootDir: root,
  displayName: 'screens',
  testEnvironment: 'jsdom',
  testTimeout: 20 * 60 * 1000,
  transform: { '^.+\\.ts$': swc },
  testMatch: ['<rootDir>/test/screens/render.screens.ts'],
  setupFiles: ['<rootDir>/test/miniprogram/setup.ts'],
  globalSetup: '<rootDir>/test/miniprogram/global-setup.ts',
};

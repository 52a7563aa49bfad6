// Two projects: Node-side code (cloud, front machine, sandbox, core, journeys) and the mini program's
// pages and components under miniprogram-simulate (jsdom).
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' }, module: { type: 'commonjs' } }];

/** @type {import('jest').Config} */
module.exports = {
  // Race and whole-stack tests do real I/O: on a loaded 2-core CI machine 5 s is too tight a cap.
  testTimeout: 30000,
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      testTimeout: 30000,
      transform: { '^.+\\.ts$': swc },
      testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/{sandbox,frontmachine,cloudfunctions}/**/*.test.ts', '<rootDir>/miniprogram/core/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/miniprogram/'],
      moduleNameMapper: { '^wx-server-sdk$': '<rootDir>/sandbox/cloud/wx-server-sdk/index.ts' },
      // Tests opt into development configuration explicitly (production fails closed without it).
      setupFiles: ['<rootDir>/test/setup-node.ts'],
    },
    {
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      testTimeout: 30000,
      transform: { '^.+\\.ts$': swc },
      testMatch: ['<rootDir>/test/miniprogram/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/miniprogram/setup.ts'],
      globalSetup: '<rootDir>/test/miniprogram/global-setup.ts',
    },
  ],
};

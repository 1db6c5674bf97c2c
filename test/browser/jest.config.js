// Browser tests: real Chromium (Debian's, driven by playwright-core) against the app listening on a local port.
// One browser for the whole run (started in the global setup), tests serial: the machines have 2 cores.
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: require('node:path').join(__dirname, '..', '..'),
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/test/browser/global-setup.ts',
  globalTeardown: '<rootDir>/test/browser/global-teardown.ts',
  reporters: ['default', '<rootDir>/test/browser/report-writer.js'],
  maxWorkers: 1,
  testTimeout: 120000,
};

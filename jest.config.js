// One jest configuration for unit (*.spec.ts), integration (*.integration-spec.ts) and e2e (*.e2e-spec.ts) specs.
// NestJS 12 is ESM-only: @swc/jest also transforms the ESM packages under node_modules.
const esmPackages = [
  '@nestjs',
  'cookie',
  'set-cookie-parser',
  'content-disposition',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
];

/** swc for TypeScript (.ts, and the ESM .js/.mjs of node_modules) and for TSX views (preact's automatic JSX runtime). */
const swcFor = (tsx) => [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx },
      transform: { legacyDecorator: true, decoratorMetadata: true, ...(tsx ? { react: { runtime: 'automatic', importSource: 'preact' } } : {}) },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const libs = [
  'config',
  'database',
  'queue',
  'mail',
  'auth',
  'users',
  'areas',
  'common',
  'tally',
  'notifications',
  'budget',
  'voting',
  'consultations',
  'initiatives',
  'web',
];

/** The e2e specs that need no particular driver (see testPathIgnorePatterns): in CI they run on the real services. */
const SERVICES_ONLY_IN_CI = [
  '<rootDir>/test/e2e/[a-z-]+-pages(-[a-z]+)*\\.e2e-spec\\.ts$',
  '<rootDir>/test/e2e/desk(-[a-z]+)*\\.e2e-spec\\.ts$',
  '<rootDir>/test/e2e/([a-z]+-)?access\\.e2e-spec\\.ts$',
  '<rootDir>/test/e2e/(http-conventions|hardening)\\.e2e-spec\\.ts$',
  // The domains' use cases over HTTP: the same services and SQL on either database. What differs between the modes —
  // the database driver, jobs run in the process, rate limits without Redis, the CLI on the embedded database — is
  // exercised by the integration specs and the e2e specs left in (auth, accounts, notifications, voting, the CLI).
  '<rootDir>/test/e2e/(areas|budget|consultations|initiatives)(-[a-z]+)*\\.e2e-spec\\.ts$',
  '<rootDir>/test/e2e/(web-subscriptions|voting-budget-projects)\\.e2e-spec\\.ts$',
  // Their use cases without HTTP (service specs), for the same reason.
  '<rootDir>/libs/(budget|consultations|initiatives)/test/[a-z-]+\\.service\\.integration-spec\\.ts$',
];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'],
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.{spec,integration-spec,e2e-spec}.{ts,tsx}'],
  // The fuzz of every API operation checks validation, which no driver changes: it runs in `npm run test:services`
  // (faster there), and here with TEST_FUZZ=1. With TEST_SPLIT=1 (what `.ci/run` does) this run leaves out what the
  // services run covers anyway and no driver changes (SERVICES_ONLY_IN_CI) — see scripts/test-services.mjs.
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/browser/',
    ...(process.env.TEST_FUZZ === '1' ? [] : ['<rootDir>/test/e2e/fuzz\\.e2e-spec\\.ts$']),
    ...(process.env.TEST_SPLIT === '1' ? SERVICES_ONLY_IN_CI : []),
  ],
  transform: { '^.+\\.tsx$': swcFor(true), '^.+\\.(t|j|mj)s$': swcFor(false) },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    ...Object.fromEntries(libs.map((l) => [`^@civitas/${l}$`, `<rootDir>/libs/${l}/src`])),
    '^@civitas/web/testing$': '<rootDir>/libs/web/src/testing',
    '^@civitas/test$': '<rootDir>/test/helpers',
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};

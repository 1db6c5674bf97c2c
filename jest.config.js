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

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'],
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.{spec,integration-spec,e2e-spec}.{ts,tsx}'],
  // The fuzz of the whole HTTP surface checks validation, which no driver changes: it runs in `npm run test:services`
  // (twice as fast there), and here with TEST_FUZZ=1.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/', ...(process.env.TEST_FUZZ === '1' ? [] : ['<rootDir>/test/e2e/fuzz\\.e2e-spec\\.ts$'])],
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

// One jest configuration for unit (*.spec.ts), integration (*.integration-spec.ts) and e2e (*.e2e-spec.ts) specs.
// NestJS 12 is ESM-only: @swc/jest also transforms the ESM packages under node_modules.
const esmPackages = ['@nestjs', 'content-disposition', 'file-type', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras', '@borewit'];

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const libs = ['config', 'database', 'queue', 'mail', 'auth', 'users', 'areas', 'common', 'tally', 'notifications', 'budget', 'voting', 'consultations', 'initiatives'];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.{spec,integration-spec,e2e-spec}.ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    ...Object.fromEntries(libs.map((l) => [`^@civitas/${l}$`, `<rootDir>/libs/${l}/src`])),
    '^@civitas/test$': '<rootDir>/test/helpers',
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};

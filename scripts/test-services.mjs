// `npm run test:services`: the integration and e2e specs against real PostgreSQL and Redis. Each run creates its
// own databases (civitas_test_<random>…, dropped at the end) and Redis key prefixes.
// TEST_DATABASE_URL (a database the run may CREATE DATABASE from) and TEST_REDIS_URL default to the local services.
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = {
  ...process.env,
  TEST_DATABASE_URL: process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  TEST_REDIS_URL: process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379/0',
};
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
// The page specs (`*-pages*.e2e-spec.ts` and the desk's `desk*.e2e-spec.ts`) check what pages render and send; the
// services under them are the API's, whose specs run here. They run in `npm test`, and here too with
// TEST_SERVICES_PAGES=1 or TEST_SPLIT=1 (`.ci/run`: there `npm test` leaves them to this run, about twice as fast on
// PostgreSQL). The fuzz runs here only (see jest.config.js).
const pagesHere = process.env.TEST_SERVICES_PAGES === '1' || process.env.TEST_SPLIT === '1';
const ignore = [
  '/node_modules/',
  '<rootDir>/test/browser/',
  ...(pagesHere ? [] : ['/test/e2e/[a-z-]+-pages(-[a-z]+)*\\.e2e-spec\\.ts$', '/test/e2e/desk(-[a-z]+)*\\.e2e-spec\\.ts$']),
];
const res = spawnSync(
  process.execPath,
  [
    jest,
    '--config',
    join(root, 'jest.config.js'),
    '--testPathPatterns',
    '(integration|e2e)-spec\\.ts$',
    ...process.argv.slice(2),
    '--testPathIgnorePatterns',
    ...ignore,
  ],
  { cwd: root, stdio: 'inherit', env },
);
process.exit(res.status ?? 1);

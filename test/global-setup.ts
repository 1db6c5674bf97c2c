import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
// Jest's global setup does not apply moduleNameMapper: import the files, not @civitas/database.
import { baseOptions } from '../libs/database/src/data-source-options';
import { dumpEmbeddedDatabase, openEmbeddedDatabase } from '../libs/database/src/embedded';
import { adminQuery, randomSuffix, RUN_ENV, TEMPLATE_ENV, testDatabaseUrl, testMode, withDatabase } from './helpers/test-env';

/**
 * Migrates one template database per test run: a dumped PGlite cluster (embedded mode, loaded in ~1 s by each
 * test app) or a PostgreSQL database that each test app copies with CREATE DATABASE … TEMPLATE (services mode).
 */
export default async function globalSetup(): Promise<void> {
  // The pages need the built stylesheet and scripts (dist/assets); built here when missing or stale.
  const assets = spawnSync(process.execPath, [join(__dirname, '..', 'scripts', 'build-assets.mjs'), '--if-stale'], { stdio: 'inherit' });
  if (assets.status !== 0) throw new Error('Building the web assets failed');
  const run = `civitas_test_${randomSuffix()}`;
  process.env[RUN_ENV] = run;
  if (testMode === 'embedded') {
    const embedded = await openEmbeddedDatabase({ dir: null, template: null });
    const ds = new DataSource({ ...baseOptions(), driver: embedded.driver } as DataSourceOptions);
    await ds.initialize();
    await ds.runMigrations();
    const file = join(tmpdir(), `${run}.tgz`);
    await dumpEmbeddedDatabase(embedded.db, file);
    await ds.destroy();
    process.env[TEMPLATE_ENV] = file;
  } else {
    const template = `${run}_tpl`;
    await adminQuery(`CREATE DATABASE "${template}"`);
    const ds = new DataSource({ ...baseOptions(), url: withDatabase(testDatabaseUrl!, template) } as DataSourceOptions);
    await ds.initialize();
    await ds.runMigrations();
    await ds.destroy();
    process.env[TEMPLATE_ENV] = template;
  }
}

import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '@civitas/config';
import { openEmbeddedDatabase, EmbeddedDatabase } from './embedded';
import { migrations } from './migrations';
import { safePg } from './safe-pg';

/** Options shared by both modes: migrations (never synchronize), no extension installs (gen_random_uuid is core). */
export function baseOptions(): Partial<DataSourceOptions> {
  return {
    type: 'postgres',
    synchronize: false,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    logging: false,
  } as Partial<DataSourceOptions>;
}

/**
 * TypeORM options for the configured database. For the embedded mode this opens PGlite and returns it too, so the
 * caller can close or dump it.
 */
export async function buildDataSourceOptions(config: DatabaseConfig): Promise<{ options: DataSourceOptions; embedded: EmbeddedDatabase | null }> {
  if (config.kind === 'postgres') {
    return {
      options: {
        ...baseOptions(),
        type: 'postgres',
        driver: safePg,
        url: config.url,
        poolSize: config.poolSize,
        // A database host that does not answer (dropped packets, not a refused connection) fails after this
        // instead of the operating system's TCP timeout (minutes), so requests answer 503 quickly.
        connectTimeoutMS: config.connectTimeoutMs,
        applicationName: 'civitas',
      } as DataSourceOptions,
      embedded: null,
    };
  }
  const embedded = await openEmbeddedDatabase(config);
  return {
    options: { ...baseOptions(), type: 'postgres', driver: embedded.driver, database: 'postgres', username: 'postgres' } as DataSourceOptions,
    embedded,
  };
}

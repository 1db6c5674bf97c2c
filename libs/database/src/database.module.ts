import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@civitas/config';
import { buildDataSourceOptions } from './data-source-options';

/**
 * The TypeORM connection for the configured mode: real PostgreSQL at DATABASE_URL, or the embedded PostgreSQL
 * (PGlite) otherwise. Migrations run at start in both modes; the schema is never synchronised.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(opts: { runMigrations?: boolean } = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => {
            const { options } = await buildDataSourceOptions(config.database);
            return { ...options, autoLoadEntities: true, migrationsRun: opts.runMigrations ?? true, retryAttempts: 0 };
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}

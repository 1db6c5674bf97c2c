import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@civitas/config';
import { DatabaseModule } from '@civitas/database';
import { HealthModule } from './health/health.module';
import { loggerModule } from './logger';

@Module({})
export class ApiModule {
  /** `config` is given by tests; the process reads the environment. */
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [ConfigModule.forRoot(config), loggerModule, DatabaseModule.forRoot(), HealthModule],
    };
  }
}

import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';
import { Clock, SystemClock } from './clock';

/**
 * Provides AppConfig and the Clock everywhere. `forRoot()` reads process.env once; tests pass a ready AppConfig (and
 * may pass a SettableClock). A bad variable stops the process at boot with a message naming it.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config?: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useFactory: () => config ?? loadConfig() },
        { provide: Clock, useValue: clock },
      ],
      exports: [AppConfig, Clock],
    };
  }
}

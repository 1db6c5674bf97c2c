import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '@civitas/config';
import { AuthModule } from '../auth.module';
import { JwtAuthGuard } from '../guards/jwt-auth.guard';
import { RolesGuard } from '../guards/roles.guard';
import { LocalStrategy } from '../local.strategy';
import { AuthController, MeController } from './auth.controller';
import { UsersAdminController } from './users-admin.controller';
import { AccountDeletionsAdminController, MyDataController } from './account-deletions.controller';

/**
 * The identity routes (imported by the API only) and the two global guards: JwtAuthGuard (a session on every route
 * not marked @Public()) then RolesGuard (@Roles). The throttler is in-memory, per API process.
 */
@Module({
  imports: [
    AuthModule,
    PassportModule.register({ session: false }),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // Named 'default' so that the header is plain Retry-After.
        throttlers: [{ name: 'default', ttl: config.auth.throttleTtlMs, limit: config.auth.throttleLimit }],
      }),
    }),
  ],
  controllers: [AuthController, MeController, UsersAdminController, MyDataController, AccountDeletionsAdminController],
  providers: [LocalStrategy, { provide: APP_GUARD, useClass: JwtAuthGuard }, { provide: APP_GUARD, useClass: RolesGuard }],
  exports: [AuthModule],
})
export class AuthHttpModule {}

import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@civitas/config';
import { OutboxRepository, OutboxService } from '@civitas/queue';
import { UsersModule } from '@civitas/users';
import { AccessService } from './access.service';
import { AuthTokenEntity } from './auth-token.entity';
import { AuthTokenRepository } from './auth-token.repository';
import { AuthService } from './auth.service';
import { PasswordResetRepository } from './password-reset.repository';
import { SessionService } from './session.service';

/** Identity core (no HTTP): account use cases, sessions, authorization. Imported by the API and the worker. */
@Module({
  imports: [
    UsersModule,
    TypeOrmModule.forFeature([AuthTokenEntity]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwtSecret,
        signOptions: { algorithm: 'HS256', expiresIn: config.auth.jwtTtlSeconds },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [AuthTokenRepository, PasswordResetRepository, AuthService, SessionService, AccessService, OutboxRepository, OutboxService],
  exports: [UsersModule, AuthTokenRepository, AuthService, SessionService, AccessService],
})
export class AuthModule {}

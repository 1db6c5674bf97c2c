import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { validationError } from '@civitas/common';
import { LoginDto } from '../http/dto/login.dto';
import { AuthError } from '../auth.errors';

/**
 * passport-local for POST /auth/login. Guards run before pipes, so the body is validated here first: a malformed
 * body gets the same 422 with field errors as on every other route, never a 401.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<{ body?: unknown }>();
    const dto = plainToInstance(LoginDto, req.body ?? {});
    const errors = await validate(dto as object, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
    if (errors.length > 0) throw validationError(errors);
    return (await super.canActivate(ctx)) as boolean;
  }

  override handleRequest<TUser>(err: unknown, user: TUser | false): TUser {
    if (err) throw err;
    if (!user) throw AuthError.invalidCredentials();
    return user;
  }
}

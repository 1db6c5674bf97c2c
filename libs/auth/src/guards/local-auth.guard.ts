import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { assertWellFormedText, DomainError, validationError } from '@civitas/common';
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
    const body: unknown = req.body ?? {};
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      const text = { pl: 'Treść żądania musi być obiektem JSON z polami email i password.', en: 'The body must be a JSON object with email and password.' };
      throw new DomainError('invalid', 'validation_failed', { pl: 'Dane żądania są nieprawidłowe.', en: 'The request data is invalid.' }, [
        { field: 'body', code: 'isObject', text },
      ]);
    }
    // What the global pipe checks first on every other route (a lone surrogate would make the e-mail validator throw).
    assertWellFormedText(body, { type: 'body' });
    const dto = plainToInstance(LoginDto, body);
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

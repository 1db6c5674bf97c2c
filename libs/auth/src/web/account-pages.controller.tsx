import { Body, Get, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, Public } from '@civitas/common';
import { AppConfig } from '@civitas/config';
import { emptyForm, formErrorsOf, PageController, parseForm, safeNext, WebPages, type FormState } from '@civitas/web';
import { AuthService } from '../auth.service';
import { AuthError, AuthErrorCode } from '../auth.errors';
import type { AuthenticatedUser } from '../authenticated-user';
import { CurrentUser } from '../decorators';
import { AuthThrottlerGuard, LoginThrottlerGuard } from '../guards/auth-throttler.guard';
import { LoginDto } from '../http/dto/login.dto';
import { RegisterDto } from '../http/dto/register.dto';
import { PasswordResetConfirmDto, PasswordResetDto } from '../http/dto/token.dto';
import { clearSessionCookie, setSessionCookie } from '../session-cookie';
import { A } from './account.texts';
import {
  CheckEmailView,
  ConfirmLinkView,
  FORGOT_FIELDS,
  ForgotPasswordView,
  LinkProblemView,
  REGISTER_FIELDS,
  RegisterView,
  RESET_FIELDS,
  ResetPasswordView,
  SIGN_IN_FIELDS,
  SignInView,
} from './account.views';
import { TokenFormDto } from './web.dto';

/** Sign-in problems a form shows itself (not error pages): wrong password, address not confirmed, account disabled. */
const SIGN_IN_CODES = new Set<string>([AuthErrorCode.EmailNotVerified, AuthErrorCode.AccountDisabled]);

const TOKEN_CODES = new Set<string>([AuthErrorCode.TokenInvalid, AuthErrorCode.TokenExpired, AuthErrorCode.TokenUsed]);

/**
 * The pages of signing in and out, registering, confirming the address and resetting a forgotten password. Each
 * calls the same AuthService use case as its JSON route, with the same DTO and the same errors.
 */
@Public()
@PageController()
export class AccountPagesController {
  constructor(
    private readonly pages: WebPages,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Get('sign-in')
  signInPage(@Query('next') next: unknown, @CurrentUser() user: AuthenticatedUser | undefined, @Res() reply: FastifyReply): FastifyReply {
    if (user) return this.pages.redirect(reply, safeNext(next, '/account'));
    const page = this.pages.context(reply);
    return this.pages.send(reply, page, <SignInView form={emptyForm()} next={typeof next === 'string' ? safeNext(next, '') || null : null} />, {
      caching: 'no-store',
    });
  }

  @Post('sign-in')
  @UseGuards(LoginThrottlerGuard)
  async signIn(@Query('next') next: unknown, @Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const target = typeof next === 'string' ? safeNext(next, '') || null : null;
    const parsed = await parseForm(LoginDto, body, SIGN_IN_FIELDS, page.locale, { secret: ['password'] });
    const fail = (form: FormState) => this.pages.send(reply, page, <SignInView form={form} next={target} />, { status: 422, caching: 'no-store' });
    if (!parsed.ok) return fail({ values: parsed.values, errors: parsed.errors });
    try {
      const account = await this.auth.validateCredentials(parsed.value.email, parsed.value.password);
      const session = await this.auth.login(account);
      setSessionCookie(reply, this.config, session.accessToken);
      return this.pages.redirect(reply, target ?? '/', { kind: 'success', text: A.signedIn });
    } catch (err) {
      const errors = formErrorsOf(err, SIGN_IN_FIELDS, page.locale, SIGN_IN_CODES);
      if (!errors) throw err;
      return fail({ values: parsed.values, errors });
    }
  }

  /** Ends every session of the account (as the API's logout) and clears the cookie. */
  @Post('sign-out')
  async signOut(@CurrentUser() user: AuthenticatedUser | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    if (user) await this.auth.logout(user);
    clearSessionCookie(reply, this.config);
    return this.pages.redirect(reply, '/', { kind: 'success', text: A.signedOut });
  }

  /** The address older mails link to. */
  @Get('login')
  login(@Res() reply: FastifyReply): FastifyReply {
    return reply.status(301).header('location', '/sign-in').send();
  }

  @Get('register')
  registerPage(@Res() reply: FastifyReply): FastifyReply {
    const page = this.pages.context(reply);
    return this.pages.send(reply, page, <RegisterView form={emptyForm()} />, { caching: 'no-store' });
  }

  @Post('register')
  @UseGuards(AuthThrottlerGuard)
  async register(@Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const parsed = await parseForm(RegisterDto, body, REGISTER_FIELDS, page.locale, { secret: ['password'] });
    const fail = (form: FormState) => this.pages.send(reply, page, <RegisterView form={form} />, { status: 422, caching: 'no-store' });
    if (!parsed.ok) return fail({ values: parsed.values, errors: parsed.errors });
    try {
      await this.auth.register({ ...parsed.value, locale: parsed.value.locale ?? page.locale });
    } catch (err) {
      const errors = formErrorsOf(err, REGISTER_FIELDS, page.locale);
      if (!errors) throw err;
      return fail({ values: parsed.values, errors });
    }
    return this.pages.redirect(reply, '/register/check-email');
  }

  @Get('register/check-email')
  registerSent(@Res() reply: FastifyReply): FastifyReply {
    return this.pages.send(reply, this.pages.context(reply), <CheckEmailView purpose="register" />);
  }

  /** The verification mail's link: a page with one button (a mail scanner opening the link confirms nothing). */
  @Get('verify-email')
  verifyPage(@Query('token') token: unknown, @Res() reply: FastifyReply): FastifyReply {
    const page = this.pages.context(reply);
    const t = page.locale;
    if (typeof token !== 'string' || token.length === 0 || token.length > 256) {
      return this.pages.send(reply, page, <LinkProblemView message={AuthError.tokenInvalid().text[t]} purpose="verify" />, {
        status: 404,
        caching: 'no-store',
      });
    }
    return this.pages.send(
      reply,
      page,
      <ConfirmLinkView action="/verify-email" token={token} title={A.verifyTitle[t]} lead={A.verifyLead[t]} button={A.verifyButton[t]} />,
      { caching: 'no-store' },
    );
  }

  @Post('verify-email')
  async verify(@Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const parsed = await parseForm(TokenFormDto, body, {}, page.locale);
    try {
      if (!parsed.ok) throw AuthError.tokenInvalid();
      await this.auth.verifyEmail(parsed.value.token);
    } catch (err) {
      if (err instanceof DomainError && TOKEN_CODES.has(err.code)) {
        return this.pages.send(reply, page, <LinkProblemView message={err.text[page.locale]} purpose="verify" />, { status: 422, caching: 'no-store' });
      }
      throw err;
    }
    return this.pages.redirect(reply, '/sign-in', { kind: 'success', text: A.verified });
  }

  @Get('forgot-password')
  forgotPage(@Res() reply: FastifyReply): FastifyReply {
    const page = this.pages.context(reply);
    return this.pages.send(reply, page, <ForgotPasswordView form={emptyForm()} />, { caching: 'no-store' });
  }

  @Post('forgot-password')
  @UseGuards(AuthThrottlerGuard)
  async forgot(@Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const parsed = await parseForm(PasswordResetDto, body, FORGOT_FIELDS, page.locale);
    if (!parsed.ok) return this.pages.send(reply, page, <ForgotPasswordView form={parsed} />, { status: 422, caching: 'no-store' });
    await this.auth.requestPasswordReset(parsed.value.email);
    return this.pages.redirect(reply, '/forgot-password/check-email');
  }

  @Get('forgot-password/check-email')
  forgotSent(@Res() reply: FastifyReply): FastifyReply {
    return this.pages.send(reply, this.pages.context(reply), <CheckEmailView purpose="reset" />);
  }

  @Get('reset-password')
  resetPage(@Query('token') token: unknown, @Res() reply: FastifyReply): FastifyReply {
    const page = this.pages.context(reply);
    if (typeof token !== 'string' || token.length === 0 || token.length > 256) {
      return this.pages.send(reply, page, <LinkProblemView message={AuthError.tokenInvalid().text[page.locale]} purpose="reset" />, {
        status: 404,
        caching: 'no-store',
      });
    }
    return this.pages.send(reply, page, <ResetPasswordView form={emptyForm()} token={token} />, { caching: 'no-store' });
  }

  @Post('reset-password')
  @UseGuards(AuthThrottlerGuard)
  async reset(@Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const raw = (body ?? {}) as Record<string, unknown>;
    const token = typeof raw.token === 'string' ? raw.token : '';
    const parsed = await parseForm(PasswordResetConfirmDto, body, RESET_FIELDS, page.locale, { secret: ['password', 'token'] });
    const fail = (form: FormState) => this.pages.send(reply, page, <ResetPasswordView form={form} token={token} />, { status: 422, caching: 'no-store' });
    if (!parsed.ok) return fail({ values: {}, errors: parsed.errors });
    try {
      await this.auth.confirmPasswordReset(parsed.value.token, parsed.value.password);
    } catch (err) {
      if (err instanceof DomainError && TOKEN_CODES.has(err.code)) {
        return this.pages.send(reply, page, <LinkProblemView message={err.text[page.locale]} purpose="reset" />, { status: 422, caching: 'no-store' });
      }
      const errors = formErrorsOf(err, RESET_FIELDS, page.locale);
      if (!errors) throw err;
      return fail({ values: {}, errors });
    }
    return this.pages.redirect(reply, '/sign-in', { kind: 'success', text: A.passwordReset });
  }
}

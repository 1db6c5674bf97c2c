import { Body, Get, Post, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppConfig, Clock } from '@civitas/config';
import { AccountDataService, AccountDeletionService, ASSIGNABLE_ROLES } from '@civitas/users';
import { emptyForm, formErrorsOf, isoDate, PageController, parseForm, WebPages, type FormState } from '@civitas/web';
import { AuthService } from '../auth.service';
import type { AuthenticatedUser } from '../authenticated-user';
import { CurrentUser } from '../decorators';
import { AuthThrottlerGuard } from '../guards/auth-throttler.guard';
import { ChangePasswordDto } from '../http/dto/token.dto';
import { setSessionCookie } from '../session-cookie';
import { A } from './account.texts';
import { AccountView, CHANGE_PASSWORD_FIELDS, ChangePasswordView, DELETE_FIELDS, DeleteAccountView, type AccountSummary } from './account.views';
import { DeletionRequestDto } from './web.dto';

/**
 * "My account" for the signed-in person (anyone else is sent to the sign-in page and back): profile and roles,
 * password change, the data download, and the request to delete the account.
 */
@PageController('account')
export class AccountController {
  constructor(
    private readonly pages: WebPages,
    private readonly auth: AuthService,
    private readonly data: AccountDataService,
    private readonly deletions: AccountDeletionService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get()
  async account(@CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const roles: AccountSummary['roles'] = [{ role: 'resident', areas: null }];
    for (const role of ASSIGNABLE_ROLES) {
      const rows = user.grants.filter((g) => g.role === role);
      if (rows.length) roles.push({ role, areas: rows.some((g) => g.areaId === null) ? null : rows.length });
    }
    const summary: AccountSummary = {
      displayName: user.displayName,
      email: user.email,
      locale: user.locale,
      emailVerified: user.emailVerifiedAt !== null,
      createdAt: user.createdAt,
      roles,
      deletion: await this.deletions.latest(user.id),
    };
    return this.pages.send(reply, page, <AccountView account={summary} />);
  }

  @Get('password')
  passwordPage(@Res() reply: FastifyReply): FastifyReply {
    return this.pages.send(reply, this.pages.context(reply), <ChangePasswordView form={emptyForm()} />);
  }

  @Post('password')
  @UseGuards(AuthThrottlerGuard)
  async changePassword(@CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const parsed = await parseForm(ChangePasswordDto, body, CHANGE_PASSWORD_FIELDS, page.locale, { secret: ['currentPassword', 'newPassword'] });
    const fail = (form: FormState) => this.pages.send(reply, page, <ChangePasswordView form={form} />, { status: 422 });
    if (!parsed.ok) return fail(parsed);
    try {
      const session = await this.auth.changePassword(user, parsed.value.currentPassword, parsed.value.newPassword);
      setSessionCookie(reply, this.config, session.accessToken);
    } catch (err) {
      const errors = formErrorsOf(err, CHANGE_PASSWORD_FIELDS, page.locale);
      if (!errors) throw err;
      return fail({ values: {}, errors });
    }
    return this.pages.redirect(reply, '/account', { kind: 'success', text: A.passwordChanged });
  }

  /** Everything the service holds about the account, as a JSON download. */
  @Get('data')
  async download(@CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const data = await this.data.export(user.id);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="civitas-account-${isoDate(this.clock.now())}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  }

  @Get('delete')
  deletePage(@Res() reply: FastifyReply): FastifyReply {
    return this.pages.send(reply, this.pages.context(reply), <DeleteAccountView form={emptyForm()} />);
  }

  @Post('delete')
  @UseGuards(AuthThrottlerGuard)
  async requestDeletion(@CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const parsed = await parseForm(DeletionRequestDto, body, DELETE_FIELDS, page.locale, { secret: ['currentPassword'] });
    const fail = (form: FormState) => this.pages.send(reply, page, <DeleteAccountView form={form} />, { status: 422 });
    if (!parsed.ok) return fail(parsed);
    try {
      await this.auth.assertCurrentPassword(user.id, parsed.value.currentPassword);
      await this.deletions.request(user.id, parsed.value.reason ?? null);
    } catch (err) {
      const errors = formErrorsOf(err, DELETE_FIELDS, page.locale);
      if (!errors) throw err;
      return fail({ values: parsed.values, errors });
    }
    return this.pages.redirect(reply, '/account', { kind: 'success', text: A.deletionRequested });
  }

  @Post('delete/withdraw')
  async withdraw(@CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    await this.deletions.withdraw(user.id);
    return this.pages.redirect(reply, '/account', { kind: 'success', text: A.withdrawn });
  }
}

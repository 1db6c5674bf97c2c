import { Body, Get, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '@civitas/common';
import { AppConfig } from '@civitas/config';
import { UsersService } from '@civitas/users';
import { formErrorsOf, emptyForm, PageController, pageNotFound, parseForm, SiteIdentityService, WebPages, type FormState } from '@civitas/web';
import { AuthService } from '../auth.service';
import { setSessionCookie } from '../session-cookie';
import { A } from './account.texts';
import { SETUP_FIELDS, SetupView } from './account.views';
import { SetupDto } from './web.dto';

/**
 * The one-time first-run set-up: while the platform has no administrator, `/` leads here; the city's name and the
 * first administrator (create-admin's rules) are saved in one transaction, and the new administrator is signed in.
 * Once an administrator exists the page is gone (404), and a set-up racing another gets 409 `already_set_up`.
 */
@Public()
@PageController('setup')
export class SetupController {
  constructor(
    private readonly pages: WebPages,
    private readonly identity: SiteIdentityService,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async setupPage(@Res() reply: FastifyReply): Promise<FastifyReply> {
    if (await this.identity.isSetUp()) throw pageNotFound();
    const page = this.pages.context(reply);
    return this.pages.send(reply, page, <SetupView form={emptyForm()} />, { caching: 'no-store' });
  }

  @Post()
  async setUp(@Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    if (await this.identity.isSetUp()) throw pageNotFound();
    const page = this.pages.context(reply);
    const parsed = await parseForm(SetupDto, body, SETUP_FIELDS, page.locale, { secret: ['password'] });
    const fail = (form: FormState) => this.pages.send(reply, page, <SetupView form={form} />, { status: 422, caching: 'no-store' });
    if (!parsed.ok) return fail(parsed);
    const v = parsed.value;
    let admin;
    try {
      admin = await this.users.setUpFirstAdmin({ email: v.email, password: v.password, displayName: v.displayName, locale: page.locale }, (m) =>
        this.identity.saveCityName(m, { pl: v.cityNamePl, en: v.cityNameEn || v.cityNamePl }),
      );
    } catch (err) {
      // 409 already_set_up is not the form's to show: it becomes the conflict page ("sign in instead").
      const errors = (err as { kind?: string }).kind === 'conflict' ? null : formErrorsOf(err, SETUP_FIELDS, page.locale);
      if (!errors) throw err;
      return fail({ values: parsed.values, errors });
    }
    await this.identity.reload();
    const session = await this.auth.login(admin);
    setSessionCookie(reply, this.config, session.accessToken);
    return this.pages.redirect(reply, '/', { kind: 'success', text: A.setupDone });
  }
}

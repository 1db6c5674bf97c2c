import { Body, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type AuthenticatedUser } from '@civitas/auth';
import { DomainError } from '@civitas/common';
import { UsersError, UsersService, type Account } from '@civitas/users';
import {
  Button,
  DeskLayout,
  emptyForm,
  Form,
  formBody,
  formErrorsOf,
  FormErrors,
  PageController,
  parseForm,
  TextInput,
  textWith,
  typedValues,
  useT,
  WebPages,
  type FormState,
} from '@civitas/web';
import { ConsultationsService } from '../consultations.service';
import { OrganisationDto } from '../http/consultations.dto';
import { OG } from './organisations-desk.texts';

const UserId = new ParseUUIDPipe({ exceptionFactory: () => UsersError.userNotFound() });
const LABELS = { name: OG.name, krs: OG.krs };

function OrganisationView(props: { account: Account; current: { name: string; krs: string } | null; form: FormState }) {
  const t = useT();
  const u = props.account.user;
  return (
    <DeskLayout
      title={t(OG.title)}
      caption={`${u.displayName} (${u.email})`}
      area="admin"
      errors={props.form.errors}
      breadcrumbs={[
        { text: t(OG.accounts), href: '/desk/admin/accounts' },
        { text: u.displayName, href: `/desk/admin/accounts/${u.id}` },
      ]}
    >
      <p class="govuk-body">{t(OG.lead)}</p>
      <p class="govuk-body">{props.current ? t(OG.current, props.current) : t(OG.none)}</p>
      <Form action={`/desk/admin/accounts/${u.id}/organisation`}>
        <TextInput name="name" label={OG.name} form={props.form} maxlength={300} width="full" />
        <TextInput name="krs" label={OG.krs} hint={OG.krsHint} form={props.form} inputmode="numeric" width="10" spellcheck={false} />
        <Button>{t(OG.save)}</Button>
      </Form>
      <p class="govuk-body">
        <a class="govuk-link" href={`/desk/admin/accounts/${u.id}`}>
          {t(OG.back)}
        </a>
      </p>
    </DeskLayout>
  );
}

/**
 * The administration registers an account as acting for an organisation (NGO): name and KRS number, through
 * ConsultationsService.registerOrganisation as the API's `PUT /api/v1/admin/users/:id/organisation`.
 */
@PageController('desk/admin/accounts/:id/organisation')
@Roles('admin')
export class OrganisationsDeskController {
  constructor(
    private readonly pages: WebPages,
    private readonly users: UsersService,
    private readonly consultations: ConsultationsService,
  ) {}

  @Get()
  async page(@Param('id', UserId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const account = await this.users.getAccount(id);
    const current = await this.consultations.isOrganisation(id);
    const form = emptyForm(current ? { name: current.name, krs: current.krs } : {});
    return this.pages.send(reply, this.pages.context(reply), <OrganisationView account={account} current={current} form={form} />);
  }

  @Post()
  async save(
    @Param('id', UserId) id: string,
    @Body() body: unknown,
    @CurrentUser() admin: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const account = await this.users.getAccount(id);
    const raw = formBody(body);
    const current = await this.consultations.isOrganisation(id);
    const fail = (errors: FormErrors, status = 422) =>
      this.pages.send(reply, page, <OrganisationView account={account} current={current} form={{ values: typedValues(raw), errors }} />, { status });
    if (typeof raw.krs === 'string') raw.krs = raw.krs.replace(/[\s-]/g, '');
    const parsed = await parseForm(OrganisationDto, raw, LABELS, page.locale);
    if (!parsed.ok) {
      // The DTO's pattern message is technical: say what a KRS number is.
      const list = parsed.errors.list.map((e) => (e.field === 'krs' ? { field: 'krs', text: OG.krsInvalid[page.locale] } : e));
      return fail(new FormErrors(list));
    }
    try {
      const saved = await this.consultations.registerOrganisation(admin, id, parsed.value.name, parsed.value.krs);
      return this.pages.redirect(reply, `/desk/admin/accounts/${id}`, { kind: 'success', text: textWith(OG.saved, { name: saved.name }) });
    } catch (err) {
      const errors = formErrorsOf(err, LABELS, page.locale);
      if (!errors) throw err;
      return fail(errors, err instanceof DomainError && err.kind === 'conflict' ? 409 : 422);
    }
  }
}

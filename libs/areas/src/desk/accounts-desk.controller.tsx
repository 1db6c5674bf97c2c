import { Body, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Roles } from '@civitas/auth';
import { DomainError } from '@civitas/common';
import { ASSIGNABLE_ROLES, UsersError, UsersService, type AssignableRole, type RoleAssignment } from '@civitas/users';
import {
  emptyForm,
  formBody,
  formErrorsOf,
  FormErrors,
  PageController,
  pageNotFound,
  QUEUE_PAGE_SIZE,
  queuePageExists,
  queuePageNumber,
  textWith,
  WebPages,
  type FieldLabels,
  type FormError,
  type FormState,
} from '@civitas/web';
import { AreasService } from '../areas.service';
import { AC } from './accounts-desk.texts';
import { AccountsListView, AccountView, ROLE_TEXT, rolesFormValues, SCOPED } from './accounts-desk.views';

const UserId = new ParseUUIDPipe({ exceptionFactory: () => UsersError.userNotFound() });

const LABELS: FieldLabels = {
  scope_moderator: AC.moderator,
  areas_moderator: AC.moderator,
  scope_official: AC.official,
  areas_official: AC.official,
  admin: AC.admin,
};

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : []);

/**
 * The administration's accounts: finding them (by address, name, role) and replacing an account's roles with their
 * area scopes — through UsersService, so the rules (at least one unrestricted administrator, areas that exist) and
 * their messages are the API's (`GET /api/v1/users`, `PUT /api/v1/users/:id/roles`). These pages live with the areas
 * because a role's scope is a set of areas.
 */
@PageController('desk/admin/accounts')
@Roles('admin')
export class AccountsDeskController {
  constructor(
    private readonly pages: WebPages,
    private readonly users: UsersService,
    private readonly areas: AreasService,
  ) {}

  @Get()
  async list(@Query('q') q: unknown, @Query('role') role: unknown, @Query('page') rawPage: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = queuePageNumber(rawPage);
    if (page === null) throw pageNotFound();
    const filters = {
      q: typeof q === 'string' ? q.trim().slice(0, 200) : '',
      role: typeof role === 'string' && (ASSIGNABLE_ROLES as readonly string[]).includes(role) ? role : '',
    };
    const found = await this.users.search({ q: filters.q, role: (filters.role || null) as AssignableRole | null, page, pageSize: QUEUE_PAGE_SIZE });
    const queue = { rows: found.accounts, total: found.total, page, pageSize: QUEUE_PAGE_SIZE };
    if (!queuePageExists(queue)) throw pageNotFound();
    return this.pages.send(reply, this.pages.context(reply), <AccountsListView q={queue} filters={filters} areas={await this.areas.list()} />);
  }

  @Get(':id')
  async account(@Param('id', UserId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const account = await this.users.getAccount(id);
    const form = emptyForm(rolesFormValues(account.grants));
    return this.pages.send(reply, this.pages.context(reply), <AccountView account={account} form={form} areas={await this.areas.list()} />);
  }

  /** The roles form → the complete set of assignments (the API's shape), or the form again with its problems (422). */
  @Post(':id/roles')
  async saveRoles(@Param('id', UserId) id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const account = await this.users.getAccount(id);
    const raw = formBody(body);
    const values: FormState['values'] = { admin: raw.admin === 'yes' ? 'yes' : 'no' };
    const assignments: RoleAssignment[] = [];
    const problems: FormError[] = [];
    for (const r of SCOPED) {
      const scope = raw[`scope_${r}`] === 'all' || raw[`scope_${r}`] === 'some' ? (raw[`scope_${r}`] as string) : 'none';
      const areaIds = list(raw[`areas_${r}`]).slice(0, 500);
      values[`scope_${r}`] = scope;
      values[`areas_${r}`] = areaIds;
      if (scope === 'all') assignments.push({ role: r });
      if (scope === 'some') {
        if (areaIds.length === 0) problems.push({ field: `areas_${r}`, text: `${ROLE_TEXT[r][page.locale]}: ${AC.pickArea[page.locale]}` });
        else assignments.push({ role: r, areaIds });
      }
    }
    if (values.admin === 'yes') assignments.push({ role: 'admin' });
    const fail = async (errors: FormErrors, status = 422) =>
      this.pages.send(reply, page, <AccountView account={account} form={{ values, errors }} areas={await this.areas.list()} />, { status });
    if (problems.length) return fail(new FormErrors(problems));
    try {
      await this.users.replaceRoles(id, assignments);
    } catch (err) {
      const errors = formErrorsOf(err, LABELS, page.locale);
      if (!errors) throw err;
      // The last administrator: a conflict with the platform's state (409, as the API), not bad input.
      return fail(errors, err instanceof DomainError && err.kind === 'conflict' ? 409 : 422);
    }
    return this.pages.redirect(reply, `/desk/admin/accounts/${id}`, { kind: 'success', text: textWith(AC.rolesSaved, { email: account.user.email }) });
  }
}

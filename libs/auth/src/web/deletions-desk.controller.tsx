import { Body, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AccountDeletionService, UsersError, type PendingDeletion } from '@civitas/users';
import {
  emptyForm,
  formBody,
  formErrorsOf,
  FormErrors,
  PageController,
  pageNotFound,
  parseForm,
  QUEUE_PAGE_SIZE,
  queuePageExists,
  queuePageNumber,
  textWith,
  WebPages,
  type FieldLabels,
} from '@civitas/web';
import type { AuthenticatedUser } from '../authenticated-user';
import { CurrentUser, Roles } from '../decorators';
import { DeclineBody, DeletionDecisionBody } from '../http/account-deletions.controller';
import { DL } from './deletions-desk.texts';
import { DELETIONS_PATH, DeletionsView, DeletionView } from './deletions-desk.views';

const RequestId = new ParseUUIDPipe({ exceptionFactory: () => UsersError.noDeletionRequest() });
const COMPLETE_LABELS: FieldLabels = { note: DL.completeNote };
const DECLINE_LABELS: FieldLabels = { note: DL.declineNote };

/** The service's problems with `note` shown on the form's own field (`completeNote` or `declineNote`). */
const onField = (errors: FormErrors, name: string) => new FormErrors(errors.list.map((e) => ({ ...e, field: e.field === 'note' ? name : e.field })));

/**
 * The administration's requests to delete accounts: the pending ones, oldest first, and each one's page where it is
 * carried out (the account anonymised) or declined with a reason — through AccountDeletionService, as the API
 * (`/api/v1/admin/account-deletions`), with its rules (never the last administrator) and its words.
 */
@PageController('desk/admin/deletions')
@Roles('admin')
export class DeletionsDeskController {
  constructor(
    private readonly pages: WebPages,
    private readonly deletions: AccountDeletionService,
  ) {}

  @Get()
  async list(@Query('page') rawPage: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = queuePageNumber(rawPage);
    if (page === null) throw pageNotFound();
    const all = await this.deletions.pending();
    const q = { rows: all.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE), total: all.length, page, pageSize: QUEUE_PAGE_SIZE };
    if (!queuePageExists(q)) throw pageNotFound();
    return this.pages.send(reply, this.pages.context(reply), <DeletionsView q={q} />);
  }

  @Get(':id')
  async request(@Param('id', RequestId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.pages.send(reply, this.pages.context(reply), <DeletionView r={await this.pending(id)} form={emptyForm()} />);
  }

  @Post(':id/complete')
  async complete(
    @Param('id', RequestId) id: string,
    @Body() body: unknown,
    @CurrentUser() admin: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.decide(id, 'complete', body, admin, reply);
  }

  @Post(':id/decline')
  async decline(
    @Param('id', RequestId) id: string,
    @Body() body: unknown,
    @CurrentUser() admin: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.decide(id, 'decline', body, admin, reply);
  }

  private async decide(id: string, act: 'complete' | 'decline', body: unknown, admin: AuthenticatedUser, reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const r = await this.pending(id);
    const raw = formBody(body);
    const field = act === 'complete' ? 'completeNote' : 'declineNote';
    const note = typeof raw[field] === 'string' ? raw[field] : undefined;
    const values = { [field]: note ?? '' };
    const fail = (errors: FormErrors, status = 422) =>
      this.pages.send(reply, page, <DeletionView r={r} form={{ values, errors: onField(errors, field) }} />, { status });
    const input = note?.trim() ? { note } : {};
    try {
      if (act === 'complete') {
        const parsed = await parseForm(DeletionDecisionBody, input, COMPLETE_LABELS, page.locale);
        if (!parsed.ok) return fail(parsed.errors);
        await this.deletions.complete(id, admin.id, parsed.value.note ?? null);
      } else {
        const parsed = await parseForm(DeclineBody, input, DECLINE_LABELS, page.locale);
        if (!parsed.ok) return fail(parsed.errors);
        await this.deletions.decline(id, admin.id, parsed.value.note);
      }
    } catch (err) {
      const errors = formErrorsOf(err, act === 'complete' ? COMPLETE_LABELS : DECLINE_LABELS, page.locale);
      if (!errors) throw err;
      return fail(errors, err instanceof UsersError && err.kind === 'conflict' ? 409 : 422);
    }
    return this.pages.redirect(reply, DELETIONS_PATH, { kind: 'success', text: textWith(act === 'complete' ? DL.completed : DL.declined, { email: r.email }) });
  }

  /** A pending request, or the 404 page (unknown, decided or withdrawn). */
  private async pending(id: string): Promise<PendingDeletion> {
    const r = (await this.deletions.pending()).find((x) => x.id === id);
    if (!r) throw UsersError.noDeletionRequest();
    return r;
  }
}

import { Body, Get, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type AuthenticatedUser } from '@civitas/auth';
import { DomainError, zonedDate } from '@civitas/common';
import { emptyForm, formBody, formErrorsOf, FormErrors, PageController, parseForm, textWith, typedValues, WebPages } from '@civitas/web';
import { ProgrammeDto } from '../http/initiatives.dto';
import { InitiativesError, InitiativesErrorCode } from '../initiatives.errors';
import { ProgrammesService, type Programme } from '../programmes.service';
import { onFormRow, programmeInput, programmeLabels, programmeValues, rowCounts } from './programme-desk.model';
import { PG } from './programme-desk.texts';
import { ProgrammeFormView, PROGRAMMES_PATH, ProgrammesIndexView } from './programme-desk.views';
import { Clock } from '@civitas/config';

const Year = new ParseIntPipe({ exceptionFactory: () => InitiativesError.programmeNotFound() });

/**
 * The yearly programme of local initiatives for administrators (`PUT /api/v1/admin/initiative-programmes/:year` as a
 * page): intake and its windows, the allocation, the fewest applicants, the days to correct, the value of an hour of
 * volunteer work and the criteria as rows — through ProgrammesService, so its checks (one volunteer-work criterion,
 * windows within the year, criteria fixed once an application is scored), its words and its audit entry hold.
 */
@PageController(PROGRAMMES_PATH.slice(1))
@Roles('admin')
export class ProgrammeDeskController {
  constructor(
    private readonly pages: WebPages,
    private readonly programmes: ProgrammesService,
    private readonly clock: Clock,
  ) {}

  private async find(year: number): Promise<Programme | null> {
    return this.programmes.get(year).catch((err: unknown) => {
      if (err instanceof InitiativesError && err.code === InitiativesErrorCode.ProgrammeNotFound) return null;
      throw err;
    });
  }

  private checkYear(year: number): void {
    if (year < 2000 || year > 2100) throw InitiativesError.programmeNotFound();
  }

  @Get()
  async index(@Res() reply: FastifyReply): Promise<FastifyReply> {
    const now = Number(zonedDate(this.clock.now()).slice(0, 4));
    const years = [];
    for (const year of [now - 1, now, now + 1]) years.push({ year, programme: await this.find(year) });
    return this.pages.send(reply, this.pages.context(reply), <ProgrammesIndexView years={years} />);
  }

  @Get(':year')
  async form(@Param('year', Year) year: number, @Res() reply: FastifyReply): Promise<FastifyReply> {
    this.checkYear(year);
    const page = this.pages.context(reply);
    const p = await this.find(year);
    const values = programmeValues(p, page.locale);
    return this.pages.send(reply, page, <ProgrammeFormView year={year} programme={p} form={emptyForm(values)} rows={rowCounts(values)} />);
  }

  @Post(':year')
  async save(
    @Param('year', Year) year: number,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    this.checkYear(year);
    const page = this.pages.context(reply);
    const p = await this.find(year);
    const raw = formBody(body);
    const action = raw.action;
    delete raw.action;
    delete raw._csrf;
    const values = typedValues(raw);
    const rows = rowCounts(values);
    const show = (errors: FormErrors, status: number, more: Partial<typeof rows> = {}) =>
      this.pages.send(reply, page, <ProgrammeFormView year={year} programme={p} form={{ values, errors }} rows={{ ...rows, ...more }} />, { status });
    if (action === 'add-window') return show(FormErrors.none(), 200, { windows: Math.min(Math.max(rows.windows, 1) + 1, 24) });
    if (action === 'add-criterion') return show(FormErrors.none(), 200, { criteria: Math.min(rows.criteria + 1, 20) });
    const labels = programmeLabels(rows);
    const input = programmeInput(raw, page.locale);
    const onForm = (errors: FormErrors) => new FormErrors(errors.list.map((e) => ({ ...e, field: onFormRow(e.field, input.rows) })));
    if (input.problems.length) return show(new FormErrors(input.problems), 422);
    const parsed = await parseForm(ProgrammeDto, input.body, labels, page.locale);
    if (!parsed.ok) return show(onForm(parsed.errors), 422);
    try {
      await this.programmes.put(user, year, parsed.value);
    } catch (err) {
      const errors = formErrorsOf(err, labels, page.locale);
      if (!errors) throw err;
      return show(onForm(errors), err instanceof DomainError && err.kind === 'conflict' ? 409 : 422);
    }
    return this.pages.redirect(reply, `${PROGRAMMES_PATH}/${year}`, { kind: 'success', text: textWith(PG.saved, { year: String(year) }) });
  }
}

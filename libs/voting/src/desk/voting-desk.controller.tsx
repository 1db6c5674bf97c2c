import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AreasService } from '@civitas/areas';
import { CurrentUser, Roles, type AuthenticatedUser } from '@civitas/auth';
import { BallotService, BudgetError, BudgetErrorCode, EditionsService } from '@civitas/budget';
import { DomainError, type Locale, type Text } from '@civitas/common';
import { UsersService } from '@civitas/users';
import {
  emptyForm,
  type Flash,
  formBody,
  FormErrors,
  PageController,
  type PageContext,
  pageNotFound,
  queuePageExists,
  queuePageNumber,
  QUEUE_PAGE_SIZE,
  textWith,
  WebPages,
} from '@civitas/web';
import type { BallotInput } from '../ballots/ballots.service';
import { BallotsService } from '../ballots/ballots.service';
import { type PaperKeying, PaperBallotsService, type SheetStatus } from '../ballots/paper-ballots.service';
import { VotingConfigService } from '../ballots/voting-config.service';
import { ResultsService } from '../results/results.service';
import { EditionPageId } from '../web/results-params';
import { cardAsks, type CardPool, type PaperCard, readSheet, sheetErrorsOf, typedCard } from './paper-card';
import { type DeskEdition, deskPath, type EntryRow, PaperView, SettleView, SheetsView, STATUS_TEXT } from './paper-desk.views';
import { AuditView, DeskTurnoutView, EditionsView, HubView, TallyView, type AuditRow } from './results-desk.views';
import { VD } from './voting-desk.texts';
import { Clock } from '@civitas/config';

const STATUSES: readonly SheetStatus[] = ['keyed_once', 'matched', 'mismatch', 'resolved', 'rejected'];

const REASON_TEXT: Record<string, Text> = {
  already_voted: VD.reasonAlreadyVoted,
  duplicate_voided: VD.reasonDuplicateVoided,
  invalid_content: VD.reasonInvalidContent,
  unsigned: VD.reasonUnsigned,
  illegible: VD.reasonIllegible,
};

/** What became of a keying, in words, for the banner above the next sheet. */
export function keyingOutcome(k: PaperKeying): Flash {
  const sheet = k.sheet;
  const reference = k.ballot?.reference ?? '';
  const reason = REASON_TEXT[k.reason ?? ''] ?? { pl: k.reason ?? '', en: k.reason ?? '' };
  switch (k.status) {
    case 'keyed_once':
      return { kind: 'success', text: textWith(VD.keyedOnce, { sheet }) };
    case 'matched':
      return { kind: 'success', text: k.reason ? textWith(VD.matchedInvalid, { sheet, reference, reason }) : textWith(VD.matched, { sheet, reference }) };
    case 'resolved':
      return { kind: 'success', text: textWith(VD.resolved, { sheet, reference }) };
    case 'mismatch':
      return { kind: 'info', text: textWith(VD.mismatch, { sheet }) };
    default:
      return { kind: 'info', text: textWith(VD.rejected, { sheet, reason }) };
  }
}

/**
 * The voting desk (docs/voting.md#desk): paper sheets keyed twice (one sheet at a time, keyboard only), the
 * mismatches a third operator settles with both keyings side by side, the turnout, the tally (request, watch, review,
 * publish) and the audit log of an edition — for officials (and admins), through the services the API calls, with
 * their access rules, audit entries and refusals.
 */
@PageController('desk/voting')
@Roles('official')
export class VotingDeskController {
  constructor(
    private readonly pages: WebPages,
    private readonly paper: PaperBallotsService,
    private readonly ballots: BallotsService,
    private readonly voting: VotingConfigService,
    private readonly results: ResultsService,
    private readonly editions: EditionsService,
    private readonly ballot: BallotService,
    private readonly areas: AreasService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  private async edition(id: string): Promise<DeskEdition & { pools: Array<{ id: string; name: string }> }> {
    const e = await this.editions.get(id);
    return { id: e.id, name: e.name, pools: e.pools.map((p) => ({ id: p.id, name: p.name })) };
  }

  /** The edition's paper card: the policy's identity fields and each pool with a spec and a ballot list, in ballot order. */
  private async card(id: string): Promise<PaperCard | null> {
    const view = await this.voting.view(id);
    if (!view.policy) return null;
    const lists = await this.ballot.lists(id).catch((err: unknown) => {
      if (err instanceof BudgetError && err.code === BudgetErrorCode.BallotNotReady) return null;
      throw err;
    });
    if (!lists) return null;
    const pools: CardPool[] = [];
    for (const list of lists) {
      const spec = view.pools.find((p) => p.id === list.poolId)?.spec;
      if (!spec || list.projects.length === 0) continue;
      pools.push({
        index: pools.length + 1,
        id: list.poolId,
        name: list.poolName,
        spec,
        projects: list.projects.map((p) => ({ id: p.id, position: p.position, title: p.title, cost: p.totalCost })),
      });
    }
    if (!pools.length) return null;
    const areas = (await this.areas.list()).map((a) => ({ id: a.id, name: a.name }));
    return { policy: view.policy, pools, areas, asks: cardAsks(view.policy) };
  }

  // ---- Editions ----

  @Get('editions')
  async editionsPage(@Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const [editions, waiting] = [await this.results.deskEditions(), await this.paper.waiting()];
    const rows = editions.map((e) => {
      const w = waiting.find((x) => x.editionId === e.id);
      return { ...e, keyedOnce: w?.keyedOnce ?? 0, mismatch: w?.mismatch ?? 0 };
    });
    return this.pages.send(reply, page, <EditionsView rows={rows} />);
  }

  @Get(':editionId')
  async hub(@Param('editionId', EditionPageId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const edition = await this.edition(id);
    const w = (await this.paper.waiting()).find((x) => x.editionId === id);
    return this.pages.send(reply, page, <HubView edition={edition} keyedOnce={w?.keyedOnce ?? 0} mismatch={w?.mismatch ?? 0} />);
  }

  // ---- Paper ----

  @Get(':editionId/paper')
  async paperPage(@Param('editionId', EditionPageId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const context = this.pages.context(reply);
    // The outcome of the last keying goes in a polite banner that leaves the focus on the sheet number.
    const outcome = context.flash ? { kind: context.flash.kind, text: context.flash.text[context.locale] } : null;
    const page: PageContext = { ...context, flash: null };
    const [edition, card] = [await this.edition(id), await this.card(id)];
    return this.pages.send(reply, page, <PaperView edition={edition} card={card} form={emptyForm()} outcome={outcome} />);
  }

  @Post(':editionId/paper')
  async keySheet(
    @Param('editionId', EditionPageId) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const [edition, card] = [await this.edition(id), await this.card(id)];
    if (!card) throw pageNotFound();
    const raw = formBody(body);
    const fail = (errors: FormErrors, status: number) =>
      this.pages.send(reply, page, <PaperView edition={edition} card={card} form={{ values: typedCard(raw), errors }} outcome={null} />, { status });
    const keyed = await this.key(id, user, card, raw, page.locale);
    if ('errors' in keyed) return fail(keyed.errors, keyed.status);
    return this.pages.redirect(reply, deskPath(edition, '/paper'), keyingOutcome(keyed.keying));
  }

  /** One keying through the API's service: the form read with the API's DTO, then PaperBallotsService.key. */
  private async key(
    editionId: string,
    user: AuthenticatedUser,
    card: PaperCard,
    raw: Record<string, unknown>,
    locale: Locale,
  ): Promise<{ keying: PaperKeying } | { errors: FormErrors; status: number }> {
    const parsed = await readSheet(card, raw, locale);
    if (!parsed.ok) return { errors: parsed.errors, status: 422 };
    try {
      return { keying: await this.paper.key(editionId, user.id, parsed.sheet, parsed.input as Partial<BallotInput>, parsed.invalid) };
    } catch (err) {
      const errors = sheetErrorsOf(err, card, parsed.poolOf, locale);
      if (!errors) throw err;
      return { errors, status: err instanceof DomainError && err.kind === 'conflict' ? 409 : 422 };
    }
  }

  private async sheetsQueue(id: string, status: SheetStatus | undefined, rawPage: unknown, mismatches: boolean, reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const n = queuePageNumber(rawPage);
    if (n === null) throw pageNotFound();
    const edition = await this.edition(id);
    const found = await this.paper.page(id, status, n, QUEUE_PAGE_SIZE);
    const q = { rows: found.rows, total: found.total, page: n, pageSize: QUEUE_PAGE_SIZE };
    if (!queuePageExists(q)) throw pageNotFound();
    return this.pages.send(reply, page, <SheetsView edition={edition} q={q} status={status} mismatches={mismatches} />);
  }

  @Get(':editionId/paper/mismatches')
  mismatches(@Param('editionId', EditionPageId) id: string, @Query('page') p: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.sheetsQueue(id, 'mismatch', p, true, reply);
  }

  @Get(':editionId/paper/sheets')
  sheets(
    @Param('editionId', EditionPageId) id: string,
    @Query('status') s: unknown,
    @Query('page') p: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const status = typeof s === 'string' && (STATUSES as readonly string[]).includes(s) ? (s as SheetStatus) : undefined;
    if (s !== undefined && s !== '' && !status) throw pageNotFound();
    return this.sheetsQueue(id, status, p, false, reply);
  }

  /** Both keyings of a sheet side by side, in the card's words (areas, pools and projects by name and number). */
  private async settlePage(
    id: string,
    sheet: string,
    user: AuthenticatedUser,
    reply: FastifyReply,
    page: PageContext,
    form = emptyForm(),
    status = 200,
  ): Promise<FastifyReply> {
    const [edition, card] = [await this.edition(id), await this.card(id)];
    const s = await this.paper.sheet(id, sheet);
    const t = (x: Text) => x[page.locale];
    const areaName = (a: unknown) => (typeof a === 'string' ? (card?.areas.find((x) => x.id === a)?.name ?? a) : '');
    const identity = (c: Record<string, unknown> | null) => (c?.identity ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
    const rows: EntryRow[] = [
      {
        what: VD.invalidLegend,
        values: s.entries.map((e) => {
          const inv = e.content?.invalid;
          return t(inv === 'content' ? VD.invalidContent : inv === 'unsigned' ? VD.invalidUnsigned : inv === 'illegible' ? VD.invalidIllegible : VD.valid);
        }),
      },
      { what: VD.firstName, values: s.entries.map((e) => text(identity(e.content).firstName)) },
      { what: VD.lastName, values: s.entries.map((e) => text(identity(e.content).lastName)) },
      { what: VD.areaId, values: s.entries.map((e) => areaName(identity(e.content).areaId)) },
    ];
    if (card?.asks.email) rows.push({ what: VD.email, values: s.entries.map((e) => text(identity(e.content).email)) });
    if (card?.asks.birthYear) rows.push({ what: VD.birthYear, values: s.entries.map((e) => text(identity(e.content).birthYear)) });
    if (card?.asks.guardian) rows.push({ what: VD.guardianName, values: s.entries.map((e) => text(identity(e.content).guardian)) });
    for (const pool of card?.pools ?? []) {
      const byId = new Map(pool.projects.map((p) => [p.id, p.position]));
      rows.push({
        what: { pl: pool.name, en: pool.name },
        values: s.entries.map((e) => {
          const choices = (e.content?.choices ?? []) as Array<{ poolId: string; projects: string[] }>;
          const c = choices.find((x) => x.poolId === pool.id);
          if (!c) return '';
          const ordinal = pool.spec.voteType === 'ordinal';
          const items = c.projects
            .map((x) => {
              const [projectId, points] = x.split(':');
              return { n: byId.get(projectId) ?? 0, points };
            })
            .sort((a, b) => (ordinal ? 0 : a.n - b.n))
            .map(({ n, points }) => (pool.spec.voteType === 'cumulative' && points ? `${n || '?'} (${points})` : String(n || '?')));
          return items.join(pool.spec.voteType === 'ordinal' ? ' › ' : ', ');
        }),
      });
    }
    const heads = s.entries.map((e, i) =>
      t(
        textWith(VD.entryN, {
          n: String(i + 1),
          name: e.operatorName ?? '',
          time: new Date(e.at).toLocaleString(page.locale === 'pl' ? 'pl-PL' : 'en-GB', { timeZone: 'Europe/Warsaw', dateStyle: 'short', timeStyle: 'short' }),
        }),
      ),
    );
    const mine = s.entries.some((e) => e.operatorId === user.id);
    return this.pages.send(reply, page, <SettleView edition={edition} sheet={s} heads={heads} rows={rows} card={card} form={form} mine={mine} />, { status });
  }

  @Get(':editionId/paper/mismatches/:sheet')
  async settle(
    @Param('editionId', EditionPageId) id: string,
    @Param('sheet') sheet: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.settlePage(id, sheet, user, reply, this.pages.context(reply));
  }

  @Post(':editionId/paper/mismatches/:sheet')
  async settleSheet(
    @Param('editionId', EditionPageId) id: string,
    @Param('sheet') sheet: string,
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const card = await this.card(id);
    if (!card) throw pageNotFound();
    await this.paper.sheet(id, sheet);
    const raw = { ...formBody(body), sheet };
    const keyed = await this.key(id, user, card, raw, page.locale);
    if ('errors' in keyed) return this.settlePage(id, sheet, user, reply, page, { values: typedCard(raw), errors: keyed.errors }, keyed.status);
    return this.pages.redirect(reply, deskPath({ id }, '/paper/mismatches'), keyingOutcome(keyed.keying));
  }

  // ---- Turnout ----

  @Get(':editionId/turnout')
  async turnout(@Param('editionId', EditionPageId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const edition = await this.edition(id);
    const at = this.clock.now();
    const [turnout, areas, waiting] = [await this.ballots.turnout(id), await this.areas.list(), await this.paper.waiting()];
    const w = waiting.find((x) => x.editionId === id);
    return this.pages.send(
      reply,
      page,
      <DeskTurnoutView
        edition={edition}
        pools={edition.pools}
        turnout={turnout}
        areaNames={new Map(areas.map((a) => [a.id, a.name]))}
        waiting={{ keyedOnce: w?.keyedOnce ?? 0, mismatch: w?.mismatch ?? 0 }}
        at={at}
      />,
    );
  }

  // ---- Tally ----

  private async tallyPage(
    id: string,
    user: AuthenticatedUser,
    reply: FastifyReply,
    page: PageContext,
    errors?: FormErrors,
    status = 200,
  ): Promise<FastifyReply> {
    const edition = await this.edition(id);
    const [review, previous] = [await this.results.reviewResults(user, id), await this.results.previousRun(user, id)];
    return this.pages.send(
      reply,
      page,
      <TallyView edition={edition} review={review} previous={previous} errors={errors} resultsHref={`/budget/${id}/results`} />,
      { status },
    );
  }

  @Get(':editionId/tally')
  tally(@Param('editionId', EditionPageId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.tallyPage(id, user, reply, this.pages.context(reply));
  }

  /** The API's refusal (409: voting not closed, a run under way, no finished run, already published) on the tally page. */
  private async refused(err: unknown, id: string, user: AuthenticatedUser, reply: FastifyReply, page: PageContext): Promise<FastifyReply> {
    if (!(err instanceof DomainError) || err.kind !== 'conflict') throw err;
    return this.tallyPage(id, user, reply, page, new FormErrors([{ field: null, text: err.text[page.locale] }]), 409);
  }

  @Post(':editionId/tally')
  async requestTally(@Param('editionId', EditionPageId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    try {
      await this.results.requestTally(user, id);
    } catch (err) {
      return this.refused(err, id, user, reply, page);
    }
    return this.pages.redirect(reply, deskPath({ id }, '/tally'), { kind: 'info', text: VD.tallyQueued });
  }

  @Post(':editionId/tally/publish')
  async publish(@Param('editionId', EditionPageId) id: string, @CurrentUser() user: AuthenticatedUser, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    let winners: number;
    try {
      ({ winners } = await this.results.publishAsOfficial(user, id));
    } catch (err) {
      return this.refused(err, id, user, reply, page);
    }
    return this.pages.redirect(reply, deskPath({ id }, '/tally'), { kind: 'success', text: textWith(VD.publishedBanner, { winners: String(winners) }) });
  }

  // ---- Audit ----

  @Get(':editionId/audit')
  async audit(@Param('editionId', EditionPageId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const edition = await this.edition(id);
    const log = await this.results.audit(id);
    const names = new Map<string, string>();
    for (const actor of new Set(log.entries.map((e) => e.actorId).filter((a): a is string => !!a))) {
      const account = await this.users.findAccount(actor);
      names.set(actor, account?.user.displayName ?? actor);
    }
    const t = (x: Text, params: Record<string, string | Text> = {}) => textWith(x, params)[page.locale];
    const poolName = (pid: unknown) => edition.pools.find((p) => p.id === pid)?.name ?? String(pid);
    const rows: AuditRow[] = log.entries.map((e) => {
      const d = e.details ?? {};
      let what: string;
      switch (e.action) {
        case 'voting.policy_set':
          what = t(VD.aPolicySet, {
            rule: String(d.rule ?? ''),
            dup: d.duplicatePolicy === 'void_all' ? VD.dupVoid : VD.dupFirst,
          });
          break;
        case 'voting.spec_set':
          what = t(VD.aSpecSet, { pool: poolName(d.poolId), type: String(d.voteType ?? '') });
          break;
        case 'voting.paper_keyed':
          what = t(VD.aPaperKeyed, {
            sheet: String(d.sheet ?? ''),
            keyings: String(d.keyings ?? ''),
            status: STATUS_TEXT[d.status as SheetStatus] ?? String(d.status ?? ''),
          });
          break;
        case 'voting.tally_requested':
          what = t(VD.aTallyRequested);
          break;
        case 'voting.tally_finished':
          what = t(VD.aTallyFinished);
          break;
        case 'voting.results_published':
          what = t(VD.aPublished, { winners: String(d.winners ?? '') });
          break;
        case 'voting.identities_erased':
          what = t(VD.aErased, { identities: String(d.identities ?? '') });
          break;
        default:
          what = t(VD.aOther, { action: e.action });
      }
      return { seq: e.seq, at: new Date(e.at), who: e.actorId ? (names.get(e.actorId) ?? e.actorId) : t(VD.system), what, hash: e.hash };
    });
    return this.pages.send(reply, page, <AuditView edition={edition} chainIntact={log.chainIntact} rows={rows} />);
  }
}

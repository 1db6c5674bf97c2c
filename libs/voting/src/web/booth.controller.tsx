import { Body, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AreasService } from '@civitas/areas';
import { CurrentUser, type AuthenticatedUser } from '@civitas/auth';
import { BallotService, BudgetError, BudgetErrorCode, EditionsService } from '@civitas/budget';
import { Public, type Text } from '@civitas/common';
import { AssetsService, FormErrors, type FormState, PageController, pageNotFound, parseForm, WebPages, formErrorsOf } from '@civitas/web';
import { BallotsService } from '../ballots/ballots.service';
import { BallotsError, BallotsErrorCode } from '../ballots/ballots.errors';
import { ageAt, peselBirthDate } from '../ballots/pesel';
import { VotingConfigService, type VotingPolicy } from '../ballots/voting-config.service';
import { IpLimit, IpLimitGuard } from '../http/ip-rate-limit';
import { BoothDrafts, type BoothDraft, type IdentityValues } from './booth-drafts.service';
import { CodeForm, IDENTITY_FIELDS, IdentityForm, ReferenceForm, ReviewForm } from './booth.dto';
import { type BoothArea, type BoothPool, checkPoolForm, chosenPools, eligiblePools, isCityWide, readPoolForm, toIdentity, toPoolChoice } from './booth.model';
import { V } from './booth.texts';
import {
  AlreadyVotedView,
  BallotView,
  type BoothEdition,
  CheckView,
  ClosedView,
  ConfirmView,
  DoneView,
  IdentityView,
  NotEligibleView,
  PoolsView,
  ReviewView,
  StartView,
} from './booth.views';
import { Clock } from '@civitas/config';

/** How long a process reuses an edition's booth context (edition, policy, pools and ballots, areas). */
const BOOTH_CONTEXT_MS = 2_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What every step reads: the edition, its policy and pools with their ballots, the areas, whether voting is open. */
interface Booth {
  edition: BoothEdition;
  policy: VotingPolicy | null;
  pools: BoothPool[];
  areas: BoothArea[];
  state: 'open' | 'not_configured' | 'not_open' | 'closed';
}

const text = (t: Text, params: Record<string, string | number>): Text => ({
  pl: t.pl.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)),
  en: t.en.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)),
});

/**
 * The voting booth (docs/voting.md#the-booth): start → identity → pools → one ballot per pool → review → cast →
 * the mailed code → "your vote has been cast". The form state lives in an encrypted server-side draft
 * (BoothDrafts), never in an address or a cookie in clear; every check is the ballot API's own (BallotsService,
 * checkChoice); casting is idempotent per draft, so a double click or two tabs cast one ballot. Plus "did my vote
 * count?" (`/ballots/check`, `/ballots/:reference`): the status of a ballot by its reference, never its content.
 */
@Public()
@PageController()
@UseGuards(IpLimitGuard)
export class BoothController {
  private readonly contexts = new Map<string, { at: number; value: Promise<Booth> }>();

  constructor(
    private readonly pages: WebPages,
    private readonly drafts: BoothDrafts,
    private readonly ballots: BallotsService,
    private readonly voting: VotingConfigService,
    private readonly editions: EditionsService,
    private readonly ballot: BallotService,
    private readonly areas: AreasService,
    private readonly assets: AssetsService,
    private readonly clock: Clock,
  ) {}

  /**
   * The booth's view of an edition, kept for BOOTH_CONTEXT_MS per process (a busy vote opens thousands of ballot
   * pages a minute; the policy and specs cannot change once voting is open, and a phase moved by hand shows within
   * that time).
   */
  private booth(editionId: string): Promise<Booth> {
    if (!UUID.test(editionId)) throw pageNotFound();
    const now = this.clock.ms();
    const hit = this.contexts.get(editionId);
    if (hit && now - hit.at < BOOTH_CONTEXT_MS) return hit.value;
    if (this.contexts.size > 100) this.contexts.clear();
    const value = this.load(editionId);
    this.contexts.set(editionId, { at: now, value });
    value.catch(() => this.contexts.delete(editionId));
    return value;
  }

  private async load(editionId: string): Promise<Booth> {
    const edition = await this.editions.get(editionId);
    const view = await this.voting.view(editionId);
    let lists: Awaited<ReturnType<BallotService['lists']>> = [];
    try {
      lists = await this.ballot.lists(editionId);
    } catch (err) {
      if (!(err instanceof BudgetError && err.code === BudgetErrorCode.BallotNotReady)) throw err;
    }
    const pools: BoothPool[] = [];
    for (const p of view.pools) {
      if (!p.spec) continue;
      const list = lists.find((l) => l.poolId === p.id);
      pools.push({
        id: p.id,
        name: p.name,
        areaId: p.areaId,
        spec: p.spec,
        projects: (list?.projects ?? []).map((x) => ({ id: x.id, number: x.number, title: x.title, cost: x.totalCost })),
      });
    }
    const now = this.clock.ms();
    const opensAt = view.votingOpensAt ? new Date(view.votingOpensAt) : null;
    const closesAt = view.votingClosesAt ? new Date(view.votingClosesAt) : null;
    const state: Booth['state'] =
      !view.policy || pools.length === 0 || !opensAt || !closesAt
        ? 'not_configured'
        : view.phase === 'voting'
          ? 'open'
          : now < opensAt.getTime()
            ? 'not_open'
            : 'closed';
    const areas = (await this.areas.list()).map((a) => ({ id: a.id, name: a.name, parentId: a.parentId }));
    return { edition: { id: edition.id, name: edition.name, opensAt, closesAt }, policy: view.policy, pools, areas, state };
  }

  /** The booth while voting is open, with the visitor's draft; otherwise the start page's answer (a redirect). */
  private async step(
    req: FastifyRequest,
    reply: FastifyReply,
    editionId: string,
  ): Promise<{ booth: Booth & { policy: VotingPolicy }; draft: BoothDraft } | null> {
    const booth = await this.booth(editionId);
    const draft = booth.state === 'open' ? await this.drafts.load(req, editionId) : null;
    if (!draft || !booth.policy) {
      this.pages.redirect(reply, `/budget/${editionId}/vote`);
      return null;
    }
    return { booth: booth as Booth & { policy: VotingPolicy }, draft };
  }

  private static path(editionId: string, rest = ''): string {
    return `/budget/${editionId}/vote${rest}`;
  }

  @Get('budget/:editionId/vote')
  async start(
    @Param('editionId') editionId: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const booth = await this.booth(editionId);
    if (booth.state !== 'open' || !booth.policy) return this.pages.send(reply, page, <ClosedView edition={booth.edition} state={booth.state as 'closed'} />);
    const draft = await this.drafts.load(req, editionId);
    const state = !draft ? 'none' : draft.state.reference ? (draft.state.needsCode ? 'pending' : 'none') : draft.state.identity ? 'started' : 'none';
    return this.pages.send(
      reply,
      page,
      <StartView edition={booth.edition} policy={booth.policy} pools={booth.pools} areas={booth.areas} draft={state} signedIn={!!user} />,
      { caching: 'no-store' },
    );
  }

  @Post('budget/:editionId/vote/start')
  async begin(
    @Param('editionId') editionId: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const booth = await this.booth(editionId);
    if (booth.state !== 'open' || !booth.policy) return this.pages.redirect(reply, BoothController.path(editionId));
    if (booth.policy.methods.includes('account') && !user)
      return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(BoothController.path(editionId))}`);
    const old = await this.drafts.load(req, editionId);
    if (old) await this.drafts.discard(reply, old);
    await this.drafts.create(reply, editionId);
    return this.pages.redirect(reply, BoothController.path(editionId, '/identity'));
  }

  @Get('budget/:editionId/vote/identity')
  async identity(
    @Param('editionId') editionId: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const s = await this.step(req, reply, editionId);
    if (!s) return reply;
    if (s.draft.state.reference) return this.pages.redirect(reply, BoothController.path(editionId, s.draft.state.needsCode ? '/confirm' : '/done'));
    const known = s.draft.state.identity;
    const [first, ...rest] = (user?.displayName ?? '').split(' ');
    const values: FormState['values'] = known
      ? { ...known, guardianDeclaration: known.guardianDeclaration ? 'yes' : undefined }
      : { firstName: user ? first : undefined, lastName: user ? rest.join(' ') : undefined };
    return this.pages.send(
      reply,
      page,
      <IdentityView
        edition={s.booth.edition}
        policy={s.booth.policy}
        areas={s.booth.areas}
        form={{ values, errors: FormErrors.none() }}
        knownEmail={this.knownEmail(s.booth.policy, user)}
      />,
      { caching: 'no-store' },
    );
  }

  /** Under `account`, a signed-in voter's verified address is the one the ballot uses: not asked again. */
  private knownEmail(policy: VotingPolicy, user: AuthenticatedUser | undefined): boolean {
    return !!user && policy.methods.includes('account') && !!user.emailVerifiedAt;
  }

  @Post('budget/:editionId/vote/identity')
  async saveIdentity(
    @Param('editionId') editionId: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Body() body: unknown,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const s = await this.step(req, reply, editionId);
    if (!s) return reply;
    if (s.draft.state.reference) return this.pages.redirect(reply, BoothController.path(editionId, s.draft.state.needsCode ? '/confirm' : '/done'));
    const { booth, draft } = s;
    const knownEmail = this.knownEmail(booth.policy, user);
    const fail = (form: FormState) =>
      this.pages.send(reply, page, <IdentityView edition={booth.edition} policy={booth.policy} areas={booth.areas} form={form} knownEmail={knownEmail} />, {
        status: 422,
      });
    const parsed = await parseForm(IdentityForm, body, IDENTITY_FIELDS, page.locale);
    if (!parsed.ok) return fail(parsed);
    const v = parsed.value;
    const identity: IdentityValues = {
      firstName: v.firstName.trim(),
      lastName: v.lastName.trim(),
      areaId: v.areaId,
      address: v.address?.trim() || undefined,
      email: knownEmail ? user!.email : v.email?.trim() || undefined,
      pesel: v.pesel || undefined,
      birthYear: v.birthYear || undefined,
      guardianName: v.guardianName?.trim() || undefined,
      guardianDeclaration: v.guardianDeclaration === 'yes' || undefined,
    };
    // Too young: a page that says so (the API's own rule, with its age).
    const birth = identity.pesel ? peselBirthDate(identity.pesel) : null;
    const age = birth ? ageAt(birth, this.clock.now()) : identity.birthYear ? this.clock.now().getUTCFullYear() - Number(identity.birthYear) : null;
    if (booth.policy.minAge !== null && age !== null && age >= 0 && age < booth.policy.minAge) {
      draft.state.identity = identity;
      await this.drafts.save(req, draft);
      return this.pages.send(reply, page, <NotEligibleView edition={booth.edition} reason={text(V.notEligibleAge, { age: booth.policy.minAge })} />, {
        caching: 'no-store',
      });
    }
    // Every rule of the policy, as the API checks a ballot (the choices come later: their problems are set aside).
    try {
      await this.ballots.prepare(editionId, { identity: toIdentity(identity), choices: [] }, 'online', user?.id ?? null);
    } catch (err) {
      if (!(err instanceof BallotsError) || !err.fields) throw err;
      const problems = err.fields.filter((f) => f.field.startsWith('identity.'));
      if (problems.length) {
        const named = problems.map((f) => ({ ...f, field: f.field === 'identity.guardian' ? 'guardianName' : f.field.slice('identity.'.length) }));
        const errors = formErrorsOf(new BallotsError('invalid', BallotsErrorCode.InvalidIdentity, err.text, named), IDENTITY_FIELDS, page.locale)!;
        return fail({ values: parsed.values, errors });
      }
    }
    const eligible = eligiblePools(booth.pools, booth.areas, identity.areaId);
    draft.state.identity = identity;
    draft.state.pools = draft.state.pools?.filter((id) => eligible.some((p) => p.id === id));
    await this.drafts.save(req, draft);
    if (eligible.length === 0) {
      const area = booth.areas.find((a) => a.id === identity.areaId)?.name ?? '';
      return this.pages.send(reply, page, <NotEligibleView edition={booth.edition} reason={text(V.notEligibleNoPools, { area })} />, { caching: 'no-store' });
    }
    return this.pages.redirect(reply, BoothController.path(editionId, '/pools'));
  }

  /** The pools a draft may vote in (its declared area), or null when the identity step is not done. */
  private eligible(booth: Booth, draft: BoothDraft): BoothPool[] | null {
    const id = draft.state.identity;
    return id ? eligiblePools(booth.pools, booth.areas, id.areaId) : null;
  }

  @Get('budget/:editionId/vote/pools')
  async poolsPage(@Param('editionId') editionId: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const s = await this.step(req, reply, editionId);
    if (!s) return reply;
    const eligible = this.eligible(s.booth, s.draft);
    if (!eligible) return this.pages.redirect(reply, BoothController.path(editionId, '/identity'));
    // By default every city-wide pool and the pools of the declared area (the closest first, within the limit).
    const chosen = s.draft.state.pools ?? this.defaultPools(s.booth, eligible);
    return this.pages.send(
      reply,
      page,
      <PoolsView
        edition={s.booth.edition}
        policy={s.booth.policy}
        pools={eligible}
        areas={s.booth.areas}
        form={{ values: { pools: chosen }, errors: FormErrors.none() }}
      />,
      { caching: 'no-store' },
    );
  }

  private defaultPools(booth: Booth & { policy: VotingPolicy }, eligible: BoothPool[]): string[] {
    const areas = new Set<string>();
    const out: string[] = [];
    for (const p of eligible) {
      if (isCityWide(p, booth.areas)) out.push(p.id);
      else if (areas.has(p.areaId!) || areas.size < booth.policy.maxAreaPools) {
        areas.add(p.areaId!);
        out.push(p.id);
      }
    }
    return out;
  }

  @Post('budget/:editionId/vote/pools')
  async savePools(@Param('editionId') editionId: string, @Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const s = await this.step(req, reply, editionId);
    if (!s) return reply;
    const eligible = this.eligible(s.booth, s.draft);
    if (!eligible) return this.pages.redirect(reply, BoothController.path(editionId, '/identity'));
    const raw = (body as Record<string, unknown> | undefined)?.pools;
    const chosen = Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : typeof raw === 'string' ? [raw] : [];
    const problem = (t: Text) =>
      this.pages.send(
        reply,
        page,
        <PoolsView
          edition={s.booth.edition}
          policy={s.booth.policy}
          pools={eligible}
          areas={s.booth.areas}
          form={{ values: { pools: chosen }, errors: new FormErrors([{ field: 'pools', text: t[page.locale] }]) }}
        />,
        { status: 422 },
      );
    if (chosen.length === 0) return problem(V.poolsNone);
    if (chosen.some((id) => !eligible.some((p) => p.id === id))) return problem(V.poolsUnknown);
    const areaCount = new Set(eligible.filter((p) => chosen.includes(p.id) && !isCityWide(p, s.booth.areas)).map((p) => p.areaId)).size;
    if (areaCount > s.booth.policy.maxAreaPools) return problem(text(V.poolsTooMany, { n: s.booth.policy.maxAreaPools }));
    s.draft.state.pools = eligible.filter((p) => chosen.includes(p.id)).map((p) => p.id);
    await this.drafts.save(req, s.draft);
    return this.pages.redirect(reply, BoothController.path(editionId, `/pools/${s.draft.state.pools[0]}`));
  }

  /** A chosen pool of the draft (the 404 page for any other). */
  private poolOf(booth: Booth, draft: BoothDraft, poolId: string): { pool: BoothPool; n: number; of: number } {
    const chosen = chosenPools(booth.pools, draft.state);
    const i = chosen.findIndex((p) => p.id === poolId);
    if (i < 0) throw pageNotFound();
    return { pool: chosen[i], n: i + 1, of: chosen.length };
  }

  @Get('budget/:editionId/vote/pools/:poolId')
  async ballotPage(
    @Param('editionId') editionId: string,
    @Param('poolId') poolId: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const s = await this.step(req, reply, editionId);
    if (!s) return reply;
    if (!s.draft.state.pools) return this.pages.redirect(reply, BoothController.path(editionId, '/pools'));
    const { pool, n, of } = this.poolOf(s.booth, s.draft, poolId);
    this.withBoothScript(page);
    return this.pages.send(
      reply,
      page,
      <BallotView
        edition={s.booth.edition}
        pool={pool}
        areas={s.booth.areas}
        step={{ n, of }}
        choice={s.draft.state.choices[pool.id]}
        errors={FormErrors.none()}
        checked={false}
      />,
      { caching: 'no-store' },
    );
  }

  private withBoothScript(page: ReturnType<WebPages['context']>): void {
    page.assets.js.push(this.assets.url('booth.js'));
  }

  @Post('budget/:editionId/vote/pools/:poolId')
  async saveBallot(
    @Param('editionId') editionId: string,
    @Param('poolId') poolId: string,
    @Body() body: unknown,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const s = await this.step(req, reply, editionId);
    if (!s) return reply;
    if (!s.draft.state.pools) return this.pages.redirect(reply, BoothController.path(editionId, '/pools'));
    const { pool, n, of } = this.poolOf(s.booth, s.draft, poolId);
    const form = (body ?? {}) as Record<string, unknown>;
    const read = readPoolForm(pool, form, (max) => text(V.pointsBad, { max }));
    // "About this project": the choices are kept as they are (checked later), and the project's page opens.
    const show = typeof form.show === 'string' ? form.show : null;
    if (show) {
      if (!pool.projects.some((p) => p.id === show)) throw pageNotFound();
      s.draft.state.choices[pool.id] = read.choice;
      await this.drafts.save(req, s.draft);
      return this.pages.redirect(reply, `/projects/${show}`);
    }
    const problems = read.errors.length ? read.errors : checkPoolForm(pool, read.choice, V.rankGap);
    // Ordinal duplicates name the place that repeats another.
    const errors = new FormErrors(problems.map((p) => ({ field: p.field, text: p.text[page.locale] })));
    const checking = form.check === '1';
    if (!read.errors.length) {
      s.draft.state.choices[pool.id] = read.choice;
      await this.drafts.save(req, s.draft);
    }
    if (errors.any || checking) {
      this.withBoothScript(page);
      return this.pages.send(
        reply,
        page,
        <BallotView edition={s.booth.edition} pool={pool} areas={s.booth.areas} step={{ n, of }} choice={read.choice} errors={errors} checked={checking} />,
        { status: errors.any ? 422 : 200, caching: 'no-store' },
      );
    }
    const chosen = chosenPools(s.booth.pools, s.draft.state);
    const next = chosen.slice(n).find((p) => !s.draft.state.choices[p.id]);
    return this.pages.redirect(reply, BoothController.path(editionId, next ? `/pools/${next.id}` : '/review'));
  }

  @Get('budget/:editionId/vote/review')
  async review(@Param('editionId') editionId: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const s = await this.step(req, reply, editionId);
    if (!s) return reply;
    if (s.draft.state.reference) return this.pages.redirect(reply, BoothController.path(editionId, s.draft.state.needsCode ? '/confirm' : '/done'));
    if (!s.draft.state.identity) return this.pages.redirect(reply, BoothController.path(editionId, '/identity'));
    if (!s.draft.state.pools) return this.pages.redirect(reply, BoothController.path(editionId, '/pools'));
    return this.pages.send(
      reply,
      page,
      this.reviewView(s.booth, s.draft, { values: { wantsResults: s.draft.state.wantsResults ? 'yes' : undefined }, errors: FormErrors.none() }),
      {
        caching: 'no-store',
      },
    );
  }

  private reviewView(booth: Booth & { policy: VotingPolicy }, draft: BoothDraft, form: FormState) {
    return (
      <ReviewView
        edition={booth.edition}
        policy={booth.policy}
        identity={draft.state.identity!}
        areas={booth.areas}
        pools={chosenPools(booth.pools, draft.state)}
        state={draft.state}
        form={form}
      />
    );
  }

  @Post('budget/:editionId/vote/review')
  @IpLimit('ballots')
  async cast(
    @Param('editionId') editionId: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Body() body: unknown,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const s = await this.step(req, reply, editionId);
    if (!s) return reply;
    const { booth, draft } = s;
    if (draft.state.reference) return this.pages.redirect(reply, BoothController.path(editionId, draft.state.needsCode ? '/confirm' : '/done'));
    if (!draft.state.identity || !draft.state.pools) return this.pages.redirect(reply, BoothController.path(editionId, '/identity'));
    const parsed = await parseForm(ReviewForm, body, { declaration: V.declaration, wantsResults: V.wantsResults }, page.locale);
    const values = parsed.values;
    const fail = (errors: FormErrors, status = 422) => this.pages.send(reply, page, this.reviewView(booth, draft, { values, errors }), { status });
    if (!parsed.ok) return fail(parsed.errors);
    if (parsed.value.declaration !== 'yes') return fail(new FormErrors([{ field: 'declaration', text: V.declarationMissing[page.locale] }]));
    const pools = chosenPools(booth.pools, draft.state);
    // A pool not filled in yet: its ballot, with the rules' problems (as "save and continue" would show them).
    const unfilled = pools.find((p) => !draft.state.choices[p.id]);
    if (unfilled) return this.pages.redirect(reply, BoothController.path(editionId, `/pools/${unfilled.id}`));
    draft.state.wantsResults = parsed.value.wantsResults === 'yes';
    try {
      const receipt = await this.ballots.submit(
        editionId,
        {
          identity: toIdentity(draft.state.identity),
          choices: pools.map((p) => toPoolChoice(p, draft.state.choices[p.id])),
          wantsResults: draft.state.wantsResults,
          locale: page.locale,
        },
        user?.id ?? null,
        `booth:${draft.id}`,
      );
      // Cast: the draft keeps the reference only (identity and choices leave it).
      draft.state = { choices: {}, reference: receipt.reference, needsCode: receipt.confirmation === 'email_code' && receipt.status === 'pending' };
      await this.drafts.save(req, draft);
      return this.pages.redirect(reply, BoothController.path(editionId, draft.state.needsCode ? '/confirm' : '/done'));
    } catch (err) {
      if (err instanceof BallotsError && (err.code === BallotsErrorCode.AlreadyVoted || err.code === BallotsErrorCode.DuplicateVoided)) {
        return this.pages.send(reply, page, <AlreadyVotedView edition={booth.edition} voided={err.code === BallotsErrorCode.DuplicateVoided} />, {
          status: 409,
        });
      }
      if (err instanceof BallotsError && err.fields?.length && (err.code === BallotsErrorCode.InvalidBallot || err.code === BallotsErrorCode.InvalidIdentity)) {
        return fail(new FormErrors(err.fields.map((f) => ({ field: null, text: f.text[page.locale] }))));
      }
      throw err;
    }
  }

  @Get('budget/:editionId/vote/confirm')
  async confirmPage(@Param('editionId') editionId: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const s = await this.step(req, reply, editionId);
    if (!s) return reply;
    const reference = s.draft.state.reference;
    if (!reference) return this.pages.redirect(reply, BoothController.path(editionId, '/review'));
    if (!s.draft.state.needsCode) return this.pages.redirect(reply, BoothController.path(editionId, '/done'));
    return this.pages.send(reply, page, <ConfirmView edition={s.booth.edition} reference={reference} form={{ values: {}, errors: FormErrors.none() }} />, {
      caching: 'no-store',
    });
  }

  @Post('budget/:editionId/vote/confirm')
  @IpLimit('confirm')
  async confirm(@Param('editionId') editionId: string, @Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const s = await this.step(req, reply, editionId);
    if (!s) return reply;
    const reference = s.draft.state.reference;
    if (!reference) return this.pages.redirect(reply, BoothController.path(editionId, '/review'));
    if (!s.draft.state.needsCode) return this.pages.redirect(reply, BoothController.path(editionId, '/done'));
    const fail = (errors: FormErrors, status = 422) =>
      this.pages.send(reply, page, <ConfirmView edition={s.booth.edition} reference={reference} form={{ values: {}, errors }} />, { status });
    const parsed = await parseForm(CodeForm, body, { code: V.code }, page.locale);
    if (!parsed.ok) return fail(new FormErrors([{ field: 'code', text: V.codeMissing[page.locale] }]));
    try {
      await this.ballots.confirm(reference, parsed.value.code);
    } catch (err) {
      if (err instanceof BallotsError && err.code === BallotsErrorCode.DuplicateVoided) {
        return this.pages.send(reply, page, <AlreadyVotedView edition={s.booth.edition} voided />, { status: 409 });
      }
      if (err instanceof BallotsError && err.code !== BallotsErrorCode.BallotNotFound)
        return fail(new FormErrors([{ field: 'code', text: err.text[page.locale] }]));
      throw err;
    }
    s.draft.state.needsCode = false;
    await this.drafts.save(req, s.draft);
    return this.pages.redirect(reply, BoothController.path(editionId, '/done'));
  }

  @Post('budget/:editionId/vote/resend')
  @IpLimit('resend-code')
  async resend(@Param('editionId') editionId: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const s = await this.step(req, reply, editionId);
    if (!s) return reply;
    const reference = s.draft.state.reference;
    if (!reference || !s.draft.state.needsCode) return this.pages.redirect(reply, BoothController.path(editionId));
    try {
      await this.ballots.resendCode(reference);
    } catch (err) {
      if (!(err instanceof BallotsError)) throw err;
      if (err.retryAfter) void reply.header('retry-after', String(err.retryAfter));
      return this.pages.send(
        reply,
        page,
        <ConfirmView
          edition={s.booth.edition}
          reference={reference}
          form={{ values: {}, errors: new FormErrors([{ field: null, text: err.text[page.locale] }]) }}
        />,
        { status: err.kind === 'too_many_requests' ? 429 : 409 },
      );
    }
    return this.pages.redirect(reply, BoothController.path(editionId, '/confirm'), { kind: 'success', text: V.resent });
  }

  @Get('budget/:editionId/vote/done')
  async done(@Param('editionId') editionId: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const booth = await this.booth(editionId);
    const draft = await this.drafts.load(req, editionId);
    const reference = draft?.state.reference;
    if (!reference) return this.pages.redirect(reply, BoothController.path(editionId));
    const status = await this.ballots.status(reference);
    if (status.status === 'pending') return this.pages.redirect(reply, BoothController.path(editionId, '/confirm'));
    if (status.status === 'void') return this.pages.send(reply, page, <AlreadyVotedView edition={booth.edition} voided />, { status: 409 });
    this.withBoothScript(page);
    return this.pages.send(reply, page, <DoneView edition={booth.edition} reference={reference} receipt={status.channel === 'online'} />, {
      caching: 'no-store',
    });
  }

  /** "Did my vote count?": a GET form; a reference leads to its status page. */
  @Get('ballots/check')
  async check(@Query() query: Record<string, unknown>, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    if (query.reference === undefined) return this.pages.send(reply, page, <CheckView form={{ values: {}, errors: FormErrors.none() }} status={null} />);
    const values = { reference: typeof query.reference === 'string' ? query.reference : '' };
    const parsed = await parseForm(ReferenceForm, { reference: values.reference.trim() }, { reference: V.reference }, page.locale);
    if (!parsed.ok) {
      return this.pages.send(
        reply,
        page,
        <CheckView form={{ values, errors: new FormErrors([{ field: 'reference', text: V.referenceBad[page.locale] }]) }} status={null} />,
        {
          status: 422,
        },
      );
    }
    const ref = normalReference(parsed.value.reference);
    return this.pages.redirect(reply, `/ballots/${ref}`);
  }

  @Get('ballots/:reference')
  async statusPage(@Param('reference') reference: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    if (!/^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$/.test(reference)) throw pageNotFound();
    const ref = normalReference(reference);
    if (ref !== reference) return this.pages.redirect(reply, `/ballots/${ref}`);
    try {
      const status = await this.ballots.status(ref);
      return this.pages.send(reply, page, <CheckView form={{ values: {}, errors: FormErrors.none() }} status={status} />, { caching: 'no-store' });
    } catch (err) {
      if (!(err instanceof BallotsError && err.code === BallotsErrorCode.BallotNotFound)) throw err;
      return this.pages.send(
        reply,
        page,
        <CheckView
          form={{ values: { reference: ref }, errors: new FormErrors([{ field: 'reference', text: V.referenceUnknown[page.locale] }]) }}
          status={null}
        />,
        { status: 404 },
      );
    }
  }
}

/** A reference as the receipt prints it: upper case, Crockford's look-alikes read (O → 0, I/L → 1), in groups of 4. */
export function normalReference(s: string): string {
  const clean = s.toUpperCase().replace(/-/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return `${clean.slice(0, 4)}-${clean.slice(4, 8)}-${clean.slice(8, 12)}`;
}

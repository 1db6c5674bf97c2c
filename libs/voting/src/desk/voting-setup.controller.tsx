import { Body, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles, type AuthenticatedUser } from '@civitas/auth';
import { BallotService, BudgetError, BudgetErrorCode, EditionsService, type BallotList } from '@civitas/budget';
import { DomainError, type Locale, type Text } from '@civitas/common';
import {
  emptyForm,
  formBody,
  formErrorsOf,
  FormErrors,
  PageController,
  pageNotFound,
  parseForm,
  parseZloty,
  textWith,
  WebPages,
  zlotyInput,
  type FieldLabels,
  type FormBody,
  type FormError,
  type FormState,
} from '@civitas/web';
import type { PoolSpec } from '../ballots/ballot-spec';
import { BallotsErrorCode } from '../ballots/ballots.errors';
import { VotingConfigService, type VotingPolicy, type VotingView } from '../ballots/voting-config.service';
import { PoolSpecDto, specOf, VotingPolicyDto } from '../http/ballots.dto';
import { EditionPageId } from '../web/results-params';
import { deskPath, type DeskEdition } from './paper-desk.views';
import { VotingSetupView } from './voting-setup.views';
import { VS } from './voting-setup.texts';
import { Clock } from '@civitas/config';

const POLICY_LABELS: FieldLabels = {
  methods: VS.methods,
  minAge: VS.minAge,
  guardianBelowAge: VS.guardianBelowAge,
  duplicatePolicy: VS.duplicatePolicy,
  maxAreaPools: VS.maxAreaPools,
  rule: VS.rule,
  threshold: VS.threshold,
  topUpPercent: VS.topUpPercent,
  completion: VS.completion,
  retainIdentitiesUntil: VS.retainIdentitiesUntil,
};
const SPEC_FIELDS = ['voteType', 'minLength', 'maxLength', 'maxSumCost', 'pointsTotal', 'maxPointsPerProject', 'exactLength'] as const;
const SPEC_TEXT: Record<(typeof SPEC_FIELDS)[number], Text> = {
  voteType: VS.voteType,
  minLength: VS.minLength,
  maxLength: VS.maxLength,
  maxSumCost: VS.maxSumCost,
  pointsTotal: VS.pointsTotal,
  maxPointsPerProject: VS.maxPointsPerProject,
  exactLength: VS.exactLength,
};
const RULE_OPTIONS = ['threshold', 'topUpPercent', 'completion'] as const;

const prefixOf = (poolId: string) => `pool-${poolId}`;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The policy as the form shows it. */
function policyValues(p: VotingPolicy | null): FormState['values'] {
  if (!p) return { methods: ['email_code'], duplicatePolicy: 'first_counts', maxAreaPools: '1', rule: 'greedy' };
  const o = p.ruleOptions;
  return {
    methods: p.methods,
    minAge: p.minAge === null ? '' : String(p.minAge),
    guardianBelowAge: p.guardianBelowAge === null ? '' : String(p.guardianBelowAge),
    duplicatePolicy: p.duplicatePolicy,
    maxAreaPools: String(p.maxAreaPools),
    rule: p.rule,
    threshold: typeof o.threshold === 'number' ? String(o.threshold) : '',
    topUpPercent: typeof o.topUpPercent === 'number' ? String(o.topUpPercent) : '',
    completion: typeof o.completion === 'string' ? o.completion : '',
    retainIdentitiesUntil: p.retainIdentitiesUntil ?? '',
  };
}

/** A pool's ballot as its form shows it (fields named after the pool, so every form's ids differ). */
function specValues(poolId: string, s: PoolSpec | null, locale: Locale): FormState['values'] {
  const k = (f: string) => `${prefixOf(poolId)}.${f}`;
  if (!s) return { [k('voteType')]: 'approval', [k('minLength')]: '1' };
  const n = (x: number | null) => (x === null ? '' : String(x));
  return {
    [k('voteType')]: s.voteType,
    [k('minLength')]: n(s.minLength),
    [k('maxLength')]: n(s.maxLength),
    [k('maxSumCost')]: s.maxSumCost === null ? '' : zlotyInput(s.maxSumCost, locale),
    [k('pointsTotal')]: n(s.pointsTotal),
    [k('maxPointsPerProject')]: n(s.maxPointsPerProject),
    [k('exactLength')]: s.exactLength ? ['true'] : [],
  };
}

/** A whole number typed (empty: left out), or a problem on the field. */
function intField(raw: FormBody, name: string, out: Record<string, unknown>, problems: FormError[], locale: Locale, errorField = name): void {
  const s = str(raw[name]);
  if (s === '') return;
  if (/^\d{1,9}$/.test(s)) out[name.slice(name.lastIndexOf('.') + 1)] = Number(s);
  else problems.push({ field: errorField, text: VS.wholeNumber[locale] });
}

/**
 * The voting's set-up for administrators (`PUT /api/v1/admin/editions/:id/voting-policy` and
 * `PUT /api/v1/admin/pools/:poolId/ballot-spec` as pages): who votes and how, the rule with its options, and each
 * pool's ballot — through VotingConfigService, so the same checks, the same refusals (`voting_started` once voting
 * has begun) and the audit entries hold.
 */
@PageController('desk/voting/:editionId/setup')
@Roles('admin')
export class VotingSetupController {
  constructor(
    private readonly pages: WebPages,
    private readonly voting: VotingConfigService,
    private readonly editions: EditionsService,
    private readonly ballot: BallotService,
    private readonly clock: Clock,
  ) {}

  private async load(id: string): Promise<{ edition: DeskEdition; view: VotingView; locked: boolean; lists: BallotList[] | null }> {
    const e = await this.editions.get(id, { includeDraft: true });
    const view = await this.voting.view(id, { includeDraft: true });
    const locked = !!view.votingOpensAt && new Date(view.votingOpensAt) <= this.clock.now();
    return { edition: { id: e.id, name: e.name }, view, locked, lists: await this.lists(id) };
  }

  /** The edition's ballot lists, or null before they are drawn up. */
  private async lists(id: string): Promise<BallotList[] | null> {
    try {
      return await this.ballot.lists(id);
    } catch (err) {
      if (err instanceof BudgetError && err.code === BudgetErrorCode.BallotNotReady) return null;
      throw err;
    }
  }

  private forms(view: VotingView, locale: Locale, override: { policy?: FormState; pool?: [string, FormState] } = {}) {
    const specs: Record<string, FormState> = {};
    for (const p of view.pools) specs[p.id] = emptyForm(specValues(p.id, p.spec, locale));
    if (override.pool) specs[override.pool[0]] = override.pool[1];
    return { policy: override.policy ?? emptyForm(policyValues(view.policy)), specs };
  }

  @Get()
  async page(@Param('editionId', EditionPageId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const { edition, view, locked, lists } = await this.load(id);
    return this.pages.send(reply, page, <VotingSetupView edition={edition} view={view} locked={locked} lists={lists} {...this.forms(view, page.locale)} />);
  }

  @Post('policy')
  async savePolicy(
    @Param('editionId', EditionPageId) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const { edition, view, locked, lists } = await this.load(id);
    const raw = formBody(body);
    const values: FormState['values'] = {};
    for (const k of Object.keys(POLICY_LABELS)) values[k] = k === 'methods' ? [raw[k]].flat().filter((x): x is string => typeof x === 'string') : str(raw[k]);
    const fail = (errors: FormErrors, status = 422) =>
      this.pages.send(
        reply,
        page,
        <VotingSetupView edition={edition} view={view} locked={locked} lists={lists} {...this.forms(view, page.locale, { policy: { values, errors } })} />,
        {
          status,
        },
      );
    const problems: FormError[] = [];
    const input: Record<string, unknown> = { methods: values.methods, duplicatePolicy: values.duplicatePolicy || undefined, rule: values.rule || undefined };
    for (const k of ['minAge', 'guardianBelowAge', 'maxAreaPools']) intField(raw, k, input, problems, page.locale);
    if (values.retainIdentitiesUntil) input.retainIdentitiesUntil = values.retainIdentitiesUntil;
    const options: Record<string, unknown> = {};
    for (const k of ['threshold', 'topUpPercent'] as const) {
      const s = str(raw[k]).replace(',', '.');
      if (s === '') continue;
      if (/^\d{1,9}(\.\d{1,4})?$/.test(s)) options[k] = Number(s);
      else problems.push({ field: k, text: VS.number[page.locale] });
    }
    if (values.completion) options.completion = values.completion;
    input.ruleOptions = options;
    if (problems.length) return fail(new FormErrors(problems));
    const parsed = await parseForm(VotingPolicyDto, input, POLICY_LABELS, page.locale);
    if (!parsed.ok) return fail(parsed.errors);
    try {
      await this.voting.setPolicy(user.id, id, parsed.value);
    } catch (err) {
      const errors = formErrorsOf(
        err,
        { ...POLICY_LABELS, ...Object.fromEntries(RULE_OPTIONS.map((o) => [`ruleOptions.${o}`, POLICY_LABELS[o]])) },
        page.locale,
      );
      if (!errors) throw err;
      // The rule options' problems go on their own fields.
      const list = errors.list.map((e) => (e.field?.startsWith('ruleOptions.') ? { ...e, field: e.field.slice('ruleOptions.'.length) } : e));
      return fail(new FormErrors(list), err instanceof DomainError && err.code === BallotsErrorCode.VotingStarted ? 409 : 422);
    }
    return this.pages.redirect(reply, deskPath(edition, '/setup'), { kind: 'success', text: VS.policySaved });
  }

  /** Draws the ballot lists up now (`POST /api/v1/admin/editions/:id/ballot`): refused, with the service's words, before the appeals end or while a project waits for a decision. */
  @Post('ballot')
  async draw(@Param('editionId', EditionPageId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const { edition, view, locked, lists } = await this.load(id);
    try {
      await this.ballot.draw(id);
    } catch (err) {
      const errors = formErrorsOf(err, {}, page.locale);
      if (!errors || !(err instanceof DomainError)) throw err;
      return this.pages.send(
        reply,
        page,
        <VotingSetupView edition={edition} view={view} locked={locked} lists={lists} ballotErrors={errors} {...this.forms(view, page.locale)} />,
        { status: err.kind === 'conflict' ? 409 : 422 },
      );
    }
    return this.pages.redirect(reply, deskPath(edition, '/setup'), { kind: 'success', text: VS.ballotDrawn });
  }

  @Post('pools/:poolId')
  async saveSpec(
    @Param('editionId', EditionPageId) id: string,
    @Param('poolId') poolId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const { edition, view, locked, lists } = await this.load(id);
    const pool = view.pools.find((p) => p.id === poolId);
    if (!pool) throw pageNotFound();
    const raw = formBody(body);
    const prefix = prefixOf(poolId);
    const k = (f: string) => `${prefix}.${f}`;
    const values: FormState['values'] = {};
    for (const f of SPEC_FIELDS) values[k(f)] = f === 'exactLength' ? [raw[k(f)]].flat().filter((x): x is string => typeof x === 'string') : str(raw[k(f)]);
    const fail = (errors: FormErrors, status = 422) =>
      this.pages.send(
        reply,
        page,
        <VotingSetupView
          edition={edition}
          view={view}
          locked={locked}
          lists={lists}
          {...this.forms(view, page.locale, { pool: [poolId, { values, errors }] })}
        />,
        { status },
      );
    const problems: FormError[] = [];
    const input: Record<string, unknown> = { voteType: values[k('voteType')] || undefined };
    for (const f of ['minLength', 'maxLength', 'pointsTotal', 'maxPointsPerProject']) intField(raw, k(f), input, problems, page.locale);
    const cost = str(raw[k('maxSumCost')]);
    if (cost) {
      const c = parseZloty(cost);
      if ('grosze' in c) input.maxSumCost = c.grosze;
      else problems.push({ field: k('maxSumCost'), text: VS.amount[page.locale] });
    }
    if ((values[k('exactLength')] as string[]).includes('true')) input.exactLength = true;
    if (problems.length) return fail(new FormErrors(problems));
    const prefixed = (errors: FormErrors) => new FormErrors(errors.list.map((e) => (e.field && !e.field.startsWith(prefix) ? { ...e, field: k(e.field) } : e)));
    const parsed = await parseForm(PoolSpecDto, input, Object.fromEntries(SPEC_FIELDS.map((f) => [f, SPEC_TEXT[f]])), page.locale);
    if (!parsed.ok) return fail(prefixed(parsed.errors));
    try {
      await this.voting.setSpec(user.id, poolId, specOf(parsed.value));
    } catch (err) {
      const errors = formErrorsOf(err, Object.fromEntries(SPEC_FIELDS.map((f) => [f, SPEC_TEXT[f]])), page.locale);
      if (!errors) throw err;
      return fail(prefixed(errors), err instanceof DomainError && err.code === BallotsErrorCode.VotingStarted ? 409 : 422);
    }
    return this.pages.redirect(reply, `${deskPath(edition, '/setup')}#${prefix}-h`, { kind: 'success', text: textWith(VS.specSaved, { name: pool.name }) });
  }
}

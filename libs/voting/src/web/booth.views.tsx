import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Text } from '@civitas/common';
import { areaTree } from '@civitas/areas';
import {
  Button,
  Choices,
  DateText,
  ErrorSummary,
  Form,
  FormErrors,
  FormPage,
  type FormState,
  InsetText,
  Layout,
  type PageContext,
  PageProvider,
  Money,
  Panel,
  Select,
  SummaryList,
  TextInput,
  WarningText,
  formatDate,
  formatMoney,
  plural,
  tr,
  useT,
  usePage,
} from '@civitas/web';
import type { BallotStatus } from '../ballots/ballots.service';
import type { VotingPolicy } from '../ballots/voting-config.service';
import type { BoothState, IdentityValues } from './booth-drafts.service';
import { type BoothArea, type BoothPool, chosenCost, isCityWide, pointsGiven } from './booth.model';
import { V, VOID_REASONS, VP } from './booth.texts';

/** What every booth page knows about the edition. */
export interface BoothEdition {
  id: string;
  name: string;
  opensAt: Date | null;
  closesAt: Date | null;
}

const base = (e: BoothEdition) => `/budget/${e.id}/vote`;
const crumbs = (t: ReturnType<typeof useT>, e: BoothEdition) => [
  { text: t({ pl: 'Budżet obywatelski', en: 'Participatory budget' }), href: '/budget' },
  { text: e.name, href: `/budget/${e.id}` },
];

/** "Pula ogólnomiejska" / "Pula obszaru Oliwa". */
export function poolKind(t: ReturnType<typeof useT>, pool: BoothPool, areas: BoothArea[]): string {
  if (isCityWide(pool, areas)) return t(V.poolCity);
  return t(V.poolArea, { area: areas.find((a) => a.id === pool.areaId)?.name ?? '' });
}

export function StartView(props: {
  edition: BoothEdition;
  policy: VotingPolicy;
  pools: BoothPool[];
  areas: BoothArea[];
  draft: 'none' | 'started' | 'pending';
  signedIn: boolean;
}) {
  const t = useT();
  const page = usePage();
  const { policy, edition } = props;
  const asked = [t(V.fieldNames)];
  if (policy.methods.includes('email_code')) asked.push(t(V.fieldEmail));
  if (policy.methods.includes('pesel')) asked.push(t(V.fieldPesel));
  if (policy.minAge !== null || policy.guardianBelowAge !== null) asked.push(t(V.fieldBirthYear));
  const needsAccount = policy.methods.includes('account') && !props.signedIn;
  const title = t(V.voteTitle, { edition: edition.name });
  return (
    <Layout title={title} section="budget" breadcrumbs={crumbs(t, edition)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{title}</h1>
          <p class="govuk-body-l">{t(V.startLead, { until: edition.closesAt ? formatDate(page.locale, new Date(edition.closesAt.getTime() - 1)) : '' })}</p>
          {props.draft === 'pending' ? (
            <InsetText>
              {t(V.pendingDraft)}{' '}
              <a class="govuk-link" href={`${base(edition)}/confirm`}>
                {t(V.pendingLink)}
              </a>
            </InsetText>
          ) : props.draft === 'started' ? (
            <InsetText>
              {t(V.continueDraft)}{' '}
              <a class="govuk-link" href={`${base(edition)}/review`}>
                {t(V.continueLink)}
              </a>
            </InsetText>
          ) : null}
          <h2 class="govuk-heading-m">{t(V.whatDecided)}</h2>
          <p class="govuk-body">{t(V.poolsDecided)}</p>
          <ul class="govuk-list govuk-list--bullet">
            {props.pools.map((p) => (
              <li>
                {p.name} ({poolKind(t, p, props.areas)})
              </li>
            ))}
          </ul>
          <h2 class="govuk-heading-m">{t(V.whoMayVote)}</h2>
          <ul class="govuk-list govuk-list--bullet">
            <li>{policy.minAge !== null ? t(V.minAge, { age: policy.minAge }) : t(V.everyResident)}</li>
            {policy.guardianBelowAge !== null ? <li>{t(V.guardian, { age: policy.guardianBelowAge })}</li> : null}
            <li>{t(V.areaRule, { n: policy.maxAreaPools })}</li>
            <li>{t(V.identityAsked, { fields: asked.join(', ') })}</li>
          </ul>
          <h2 class="govuk-heading-m">{t(V.howConfirmed)}</h2>
          {policy.methods.includes('email_code') ? <p class="govuk-body">{t(V.confirmByCode)}</p> : null}
          {policy.methods.includes('pesel') ? <p class="govuk-body">{t(V.confirmByPesel)}</p> : null}
          {policy.methods.includes('account') ? <p class="govuk-body">{t(V.confirmByAccount)}</p> : null}
          <h2 class="govuk-heading-m">{t(V.secrecy)}</h2>
          <p class="govuk-body">{t(V.secrecyText)}</p>
          {policy.retainIdentitiesUntil ? <p class="govuk-body">{t(V.retention, { date: formatDate(page.locale, policy.retainIdentitiesUntil) })}</p> : null}
          {needsAccount ? (
            <>
              <p class="govuk-body">{t(V.accountRequired)}</p>
              <a class="govuk-button govuk-button--start" href={`/sign-in?next=${encodeURIComponent(base(edition))}`}>
                {t(V.signInToVote)}
              </a>
            </>
          ) : (
            <Form action={`${base(edition)}/start`}>
              <Button>{props.draft === 'none' ? t(V.startButton) : t(V.startAgain)}</Button>
            </Form>
          )}
          <p class="govuk-body">
            <a class="govuk-link" href="/ballots/check">
              {t(V.checkLink)}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

/** Voting not open yet (or not set up), or closed: what happens when, and where to go. */
export function ClosedView(props: { edition: BoothEdition; state: 'not_configured' | 'not_open' | 'closed' }) {
  const t = useT();
  const page = usePage();
  const e = props.edition;
  const title = props.state === 'closed' ? t(V.closedTitle) : t(V.notOpenTitle);
  const last = e.closesAt ? new Date(e.closesAt.getTime() - 1) : null;
  return (
    <Layout title={title} section="budget" breadcrumbs={crumbs(t, e)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l">{e.name}</span>
          <h1 class="govuk-heading-l">{title}</h1>
          {props.state === 'not_configured' || !e.opensAt || !last ? (
            <p class="govuk-body">{t(V.notConfigured)}</p>
          ) : props.state === 'not_open' ? (
            <p class="govuk-body">{t(V.notOpenText, { from: formatDate(page.locale, e.opensAt), until: formatDate(page.locale, last) })}</p>
          ) : (
            <p class="govuk-body">{t(V.closedText, { until: formatDate(page.locale, last) })}</p>
          )}
          {props.state === 'closed' ? (
            <ul class="govuk-list">
              <li>
                <a class="govuk-link" href={`/budget/${e.id}/results`}>
                  {t(V.resultsLink)}
                </a>
              </li>
              <li>
                <a class="govuk-link" href={`/budget/${e.id}/turnout`}>
                  {t(V.turnoutLink)}
                </a>
              </li>
              <li>
                <a class="govuk-link" href="/ballots/check">
                  {t(V.checkLink)}
                </a>
              </li>
            </ul>
          ) : (
            <p class="govuk-body">
              {t(V.subscribeHint)}{' '}
              <a class="govuk-link" href="/subscriptions/new">
                {t(V.subscribeLink)}
              </a>
            </p>
          )}
          <p class="govuk-body">
            <a class="govuk-link" href={`/budget/${e.id}`}>
              {t(V.editionLink)}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

export function IdentityView(props: { edition: BoothEdition; policy: VotingPolicy; areas: BoothArea[]; form: FormState; knownEmail: boolean }) {
  const t = useT();
  const { policy, form } = props;
  const guardian = policy.guardianBelowAge;
  const areas = [{ value: '', label: t(V.areaChoose) }, ...areaTree(props.areas).map((a) => ({ value: a.id, label: a.label }))];
  const declared = form.values.guardianDeclaration === 'yes';
  return (
    <FormPage title={t(V.identityTitle)} errors={form.errors} section="budget" breadcrumbs={crumbs(t, props.edition)} lead={t(V.identityLead)}>
      <Form action={`${base(props.edition)}/identity`}>
        <TextInput name="firstName" label={V.firstName} form={form} autocomplete="given-name" spellcheck={false} maxlength={100} />
        <TextInput name="lastName" label={V.lastName} form={form} autocomplete="family-name" spellcheck={false} maxlength={100} />
        <Select name="areaId" label={V.areaId} hint={V.areaHint} form={form} choices={areas} />
        <TextInput name="address" label={V.address} form={form} autocomplete="address-line1" optional maxlength={300} />
        {policy.methods.includes('email_code') && !props.knownEmail ? (
          <TextInput name="email" type="email" label={V.email} hint={V.emailHint} form={form} autocomplete="email" spellcheck={false} maxlength={254} />
        ) : null}
        {policy.methods.includes('pesel') ? (
          <TextInput name="pesel" label={V.pesel} hint={V.peselHint} form={form} inputmode="numeric" width="20" spellcheck={false} maxlength={11} />
        ) : null}
        {policy.minAge !== null || guardian !== null ? (
          <TextInput
            name="birthYear"
            label={V.birthYear}
            hint={V.birthYearHint}
            form={form}
            inputmode="numeric"
            width="4"
            autocomplete="bday-year"
            optional={policy.methods.includes('pesel')}
            maxlength={4}
          />
        ) : null}
        {guardian !== null ? (
          <fieldset class="govuk-fieldset">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(V.guardianSection)}</legend>
            <div class="govuk-hint">{t(V.guardianHint, { age: guardian })}</div>
            <TextInput name="guardianName" label={V.guardianName} form={form} optional maxlength={200} />
            <div class={`govuk-form-group${form.errors.for('guardianDeclaration') ? ' govuk-form-group--error' : ''}`}>
              <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                <div class="govuk-checkboxes__item">
                  <input class="govuk-checkboxes__input" id="guardianDeclaration" name="guardianDeclaration" type="checkbox" value="yes" checked={declared} />
                  <label class="govuk-label govuk-checkboxes__label" for="guardianDeclaration">
                    {t(V.guardianDeclaration)}
                  </label>
                </div>
              </div>
            </div>
          </fieldset>
        ) : null}
        <Button>{t(V.continue)}</Button>
      </Form>
    </FormPage>
  );
}

export function NotEligibleView(props: { edition: BoothEdition; reason: Text }) {
  const t = useT();
  const title = t(V.notEligibleTitle);
  return (
    <Layout title={title} section="budget" breadcrumbs={crumbs(t, props.edition)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{title}</h1>
          <p class="govuk-body">{t(props.reason)}</p>
          <p class="govuk-body">{t(V.notEligibleWhat)}</p>
          <p class="govuk-body">
            <a class="govuk-link" href={`${base(props.edition)}/identity`}>
              {t(V.correctDetails)}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

export function PoolsView(props: { edition: BoothEdition; policy: VotingPolicy; pools: BoothPool[]; areas: BoothArea[]; form: FormState }) {
  const t = useT();
  return (
    <FormPage title={t(V.poolsTitle)} errors={props.form.errors} section="budget" breadcrumbs={crumbs(t, props.edition)}>
      <Form action={`${base(props.edition)}/pools`}>
        <Choices
          type="checkbox"
          name="pools"
          legend={V.poolsLegend}
          hint={{ pl: tr('pl', V.poolsHint, { n: props.policy.maxAreaPools }), en: tr('en', V.poolsHint, { n: props.policy.maxAreaPools }) }}
          form={props.form}
          choices={props.pools.map((p) => ({ value: p.id, label: p.name, hint: poolKind(t, p, props.areas) }))}
        />
        <Button>{t(V.continue)}</Button>
      </Form>
      <p class="govuk-body">
        <a class="govuk-link" href={`${base(props.edition)}/identity`}>
          {t(V.back)}
        </a>
      </p>
    </FormPage>
  );
}

/** The budget meter of an approval ballot with a cost cap (the server's figure; booth.js updates it as boxes are ticked). */
function Meter(props: { pool: BoothPool; choice: BoothState['choices'][string] | undefined }) {
  const page = usePage();
  const { pool } = props;
  const n = (props.choice?.projectIds ?? []).filter(Boolean).length;
  if (pool.spec.voteType === 'cumulative') {
    const left = (pool.spec.pointsTotal ?? 0) - pointsGiven(props.choice);
    return (
      <p
        class="govuk-body govuk-!-font-weight-bold civitas-meter"
        id="meter"
        role="status"
        data-civitas-points-total={String(pool.spec.pointsTotal ?? 0)}
        data-forms={JSON.stringify(VP.pointsLeft[page.locale])}
      >
        {plural(page.locale, left, VP.pointsLeft)}
      </p>
    );
  }
  if (pool.spec.voteType !== 'approval') return null;
  const cap = pool.spec.maxSumCost;
  const sum = chosenCost(pool, props.choice);
  const text =
    cap !== null
      ? plural(page.locale, n, VP.meter).replace('{sum}', formatMoney(page.locale, sum)).replace('{cap}', formatMoney(page.locale, cap))
      : plural(page.locale, n, VP.chosen);
  return (
    <p
      class={`govuk-body govuk-!-font-weight-bold civitas-meter${cap !== null && sum > cap ? ' civitas-meter--over' : ''}`}
      id="meter"
      role="status"
      data-civitas-meter=""
      data-cap={cap !== null ? String(cap) : ''}
      data-cap-text={cap !== null ? formatMoney(page.locale, cap) : ''}
      data-locale={page.locale}
      data-forms={JSON.stringify(cap !== null ? VP.meter[page.locale] : VP.chosen[page.locale])}
    >
      {text}
    </p>
  );
}

/** One project's line on a ballot: number, title, cost, and a button that keeps the choices and opens its page. */
function ProjectLine(props: { project: BoothPool['projects'][number] }) {
  const t = useT();
  const p = props.project;
  return (
    <>
      {t(V.projectCost, { cost: '' })}
      <Money grosze={p.cost} /> ·{' '}
      <button type="submit" class="civitas-link-button govuk-link" name="show" value={p.id} formnovalidate>
        {t(V.showProject)}
        <span class="govuk-visually-hidden"> {t(V.showProjectHidden, { title: p.title })}</span>
      </button>
    </>
  );
}

/** One project of an approval or choose-1 ballot, rendered. */
function ChoiceItem(props: { approval: boolean; project: BoothPool['projects'][number]; index: number; checked: boolean }) {
  const p = props.project;
  const kind = props.approval ? 'checkboxes' : 'radios';
  const id = props.index === 0 ? 'projectIds' : `projectIds-${props.index + 1}`;
  return (
    <div class={`govuk-${kind}__item`}>
      <input
        class={`govuk-${kind}__input`}
        id={id}
        name="projectIds"
        type={props.approval ? 'checkbox' : 'radio'}
        value={p.id}
        checked={props.checked}
        data-cost={String(p.cost)}
        aria-describedby={`${id}-item-hint`}
      />
      <label class={`govuk-label govuk-${kind}__label`} for={id}>
        {p.number}. {p.title}
      </label>
      <div id={`${id}-item-hint`} class={`govuk-hint govuk-${kind}__hint`}>
        <ProjectLine project={p} />
      </div>
    </div>
  );
}

/**
 * The items of approval and choose-1 ballots, rendered once per project, place, language and tick and kept (a ballot
 * of 80 projects is most of its page's rendering, and every voter of the pool sees the same items). The key holds
 * everything an item shows, so a changed title or cost is a new item.
 */
const choiceItems = new Map<string, string>();
function choiceItem(page: PageContext, approval: boolean, p: BoothPool['projects'][number], index: number, checked: boolean): string {
  const key = `${page.locale}|${approval}|${index}|${checked}|${p.id}|${p.number}|${p.cost}|${p.title}`;
  let html = choiceItems.get(key);
  if (html === undefined) {
    html = renderToString(h(PageProvider, { value: page }, h(ChoiceItem, { approval, project: p, index, checked })));
    if (choiceItems.size >= 20_000) choiceItems.clear();
    choiceItems.set(key, html);
  }
  return html;
}

export function BallotView(props: {
  edition: BoothEdition;
  pool: BoothPool;
  areas: BoothArea[];
  step: { n: number; of: number };
  choice: BoothState['choices'][string] | undefined;
  errors: FormErrors;
  checked: boolean;
}) {
  const t = useT();
  const page = usePage();
  const { pool, choice, errors } = props;
  const spec = pool.spec;
  const title = t(V.ballotTitle, { pool: pool.name });
  const action = `${base(props.edition)}/pools/${pool.id}`;
  const ids = new Set((choice?.projectIds ?? []).filter(Boolean));
  const fieldError = (name: string) => errors.for(name);
  const groupClass = (name: string) => `govuk-form-group${fieldError(name) ? ' govuk-form-group--error' : ''}`;
  const ErrorLine = (p: { name: string }) =>
    fieldError(p.name) ? (
      <p id={`${p.name}-error`} class="govuk-error-message">
        <span class="govuk-visually-hidden">{page.locale === 'pl' ? 'Błąd:' : 'Error:'}</span> {fieldError(p.name)}
      </p>
    ) : null;
  let rules: string;
  if (spec.voteType === 'approval') {
    const max = spec.maxLength;
    rules =
      spec.minLength > 0 && max !== null
        ? t(V.approvalRange, { min: spec.minLength, max })
        : max !== null
          ? t(V.approvalAtMost, { max })
          : spec.minLength > 0
            ? t(V.approvalAtLeast, { min: spec.minLength })
            : t(V.approvalAny);
    if (spec.maxSumCost !== null) rules += ` ${t(V.costCap, { cap: formatMoney(page.locale, spec.maxSumCost) })}`;
  } else if (spec.voteType === 'cumulative') {
    rules = t(V.cumulativeHint, { total: spec.pointsTotal ?? 0 });
    if (spec.maxPointsPerProject !== null) rules += ` ${t(V.cumulativeMax, { max: spec.maxPointsPerProject })}`;
  } else if (spec.voteType === 'ordinal') {
    rules = `${t(V.ordinalHint)} ${spec.exactLength ? t(V.ordinalExact, { n: spec.maxLength ?? 0 }) : t(V.ordinalUpTo, { n: spec.maxLength ?? pool.projects.length })}`;
  } else rules = '';
  const pointsOf = (id: string) => choice?.points?.[id];
  return (
    <Layout title={title} section="budget" breadcrumbs={crumbs(t, props.edition)} errors={errors}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span class="govuk-caption-l">
            {t(V.stepOf, { n: props.step.n, of: props.step.of })} · {poolKind(t, pool, props.areas)}
          </span>
          <h1 class="govuk-heading-l">{title}</h1>
          {props.checked && !errors.any ? (
            <div class="govuk-inset-text" role="status">
              {t(V.choicesOk)}
            </div>
          ) : null}
          {pool.projects.length === 0 ? <p class="govuk-body">{t(V.emptyBallot)}</p> : null}
          <Form action={action} id="ballot-form">
            {spec.voteType === 'approval' || spec.voteType === 'choose-1' ? (
              <div class={groupClass('projectIds')}>
                <fieldset class="govuk-fieldset" aria-describedby={`rules${fieldError('projectIds') ? ' projectIds-error' : ''}`}>
                  <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                    {t(spec.voteType === 'approval' ? V.approvalLegend : V.chooseOneLegend)}
                  </legend>
                  <div class="govuk-hint" id="rules">
                    {rules}
                  </div>
                  <ErrorLine name="projectIds" />
                  <div
                    class={spec.voteType === 'approval' ? 'govuk-checkboxes' : 'govuk-radios'}
                    data-module={spec.voteType === 'approval' ? 'govuk-checkboxes' : 'govuk-radios'}
                    dangerouslySetInnerHTML={{
                      __html: pool.projects.map((p, i) => choiceItem(page, spec.voteType === 'approval', p, i, ids.has(p.id))).join(''),
                    }}
                  />
                </fieldset>
              </div>
            ) : null}
            {spec.voteType === 'cumulative' ? (
              <fieldset class="govuk-fieldset" aria-describedby="rules">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{t(V.cumulativeLegend)}</legend>
                <div class="govuk-hint" id="rules">
                  {rules}
                </div>
                <div class={groupClass('points')}>
                  <ErrorLine name="points" />
                </div>
                {pool.projects.map((p) => {
                  const name = `points.${p.id}`;
                  return (
                    <div class={groupClass(name)}>
                      <label class="govuk-label" for={name}>
                        {p.number}. {p.title}
                      </label>
                      <div class="govuk-hint" id={`${name}-hint`}>
                        <ProjectLine project={p} />
                      </div>
                      <ErrorLine name={name} />
                      <input
                        class={`govuk-input govuk-input--width-3${fieldError(name) ? ' govuk-input--error' : ''}`}
                        id={name}
                        name={name}
                        type="text"
                        inputmode="numeric"
                        value={pointsOf(p.id) !== undefined ? String(pointsOf(p.id)) : ''}
                        aria-describedby={`${name}-hint${fieldError(name) ? ` ${name}-error` : ''}`}
                        data-civitas-points=""
                      />
                    </div>
                  );
                })}
              </fieldset>
            ) : null}
            {spec.voteType === 'ordinal' ? (
              <fieldset class="govuk-fieldset" aria-describedby="rules">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{t(V.ordinalLegend)}</legend>
                <div class="govuk-hint" id="rules">
                  {rules}
                </div>
                {Array.from({ length: spec.maxLength ?? pool.projects.length }, (_, i) => {
                  const name = `rank.${i + 1}`;
                  const chosen = choice?.projectIds?.[i] ?? '';
                  return (
                    <div class={groupClass(name)}>
                      <label class="govuk-label" for={name}>
                        {t(V.rankLabel, { n: i + 1 })}
                      </label>
                      <ErrorLine name={name} />
                      <select
                        class={`govuk-select${fieldError(name) ? ' govuk-select--error' : ''}`}
                        id={name}
                        name={name}
                        aria-describedby={fieldError(name) ? `${name}-error` : undefined}
                      >
                        <option value="" selected={chosen === ''}>
                          {t(V.rankNone)}
                        </option>
                        {pool.projects.map((p) => (
                          <option value={p.id} selected={chosen === p.id}>
                            {p.number}. {p.title} ({formatMoney(page.locale, p.cost)})
                          </option>
                        ))}
                      </select>
                    </div>
                  );
                })}
                <ul class="govuk-list">
                  {pool.projects.map((p) => (
                    <li>
                      {p.number}. {p.title} — <ProjectLine project={p} />
                    </li>
                  ))}
                </ul>
              </fieldset>
            ) : null}
            <Meter pool={pool} choice={choice} />
            <div class="govuk-button-group">
              <Button>{t(V.saveContinue)}</Button>
              {spec.voteType === 'approval' || spec.voteType === 'cumulative' ? (
                <Button variant="secondary" name="check" value="1">
                  {t(V.checkChoices)}
                </Button>
              ) : null}
            </div>
          </Form>
        </div>
      </div>
    </Layout>
  );
}

export function ReviewView(props: {
  edition: BoothEdition;
  policy: VotingPolicy;
  identity: IdentityValues;
  areas: BoothArea[];
  pools: BoothPool[];
  state: BoothState;
  form: FormState;
}) {
  const t = useT();
  const page = usePage();
  const b = base(props.edition);
  const { identity } = props;
  const area = props.areas.find((a) => a.id === identity.areaId)?.name ?? '';
  const details = [
    `${identity.firstName} ${identity.lastName}`,
    area,
    identity.address,
    identity.email,
    identity.pesel ? `PESEL ${identity.pesel}` : undefined,
    identity.birthYear,
    identity.guardianName ? t(V.guardianGiven, { name: identity.guardianName }) : undefined,
  ].filter(Boolean);
  const title = t(V.reviewTitle);
  return (
    <FormPage title={title} errors={props.form.errors} section="budget" breadcrumbs={crumbs(t, props.edition)} lead={t(V.reviewLead)}>
      {props.pools.map((pool) => {
        const choice = props.state.choices[pool.id];
        const byId = new Map(pool.projects.map((p) => [p.id, p]));
        let lines: string[] | null = null;
        if (choice) {
          if (pool.spec.voteType === 'cumulative')
            lines = Object.entries(choice.points ?? {}).map(
              ([id, n]) => `${byId.get(id)?.number}. ${byId.get(id)?.title ?? ''} — ${t(V.pointsOf, { points: n })}`,
            );
          else
            lines = (choice.projectIds ?? [])
              .filter(Boolean)
              .map(
                (id, i) =>
                  `${pool.spec.voteType === 'ordinal' ? `${t(V.rankLabel, { n: i + 1 })}: ` : ''}${byId.get(id)?.number}. ${byId.get(id)?.title ?? ''}`,
              );
        }
        return (
          <div class="govuk-summary-card" id={`pool-${pool.id}`}>
            <div class="govuk-summary-card__title-wrapper">
              <h2 class="govuk-summary-card__title">
                {pool.name} <span class="govuk-caption-m">{poolKind(t, pool, props.areas)}</span>
              </h2>
              <ul class="govuk-summary-card__actions">
                <li class="govuk-summary-card__action">
                  <a class="govuk-link" href={`${b}/pools/${pool.id}`}>
                    {t(V.change)}
                    <span class="govuk-visually-hidden"> {pool.name}</span>
                  </a>
                </li>
              </ul>
            </div>
            <div class="govuk-summary-card__content">
              {lines === null ? (
                <p class="govuk-body">
                  {t(V.notVotedYet)}{' '}
                  <a class="govuk-link" href={`${b}/pools/${pool.id}`}>
                    {t(V.fillBallot)}
                  </a>
                </p>
              ) : lines.length === 0 ? (
                <p class="govuk-body">{t(V.noChoice)}</p>
              ) : (
                <ul class="govuk-list">
                  {lines.map((l) => (
                    <li>{l}</li>
                  ))}
                </ul>
              )}
              {pool.spec.voteType === 'approval' && pool.spec.maxSumCost !== null && choice ? (
                <p class="govuk-body-s">
                  {plural(page.locale, (choice.projectIds ?? []).length, VP.meter)
                    .replace('{sum}', formatMoney(page.locale, chosenCost(pool, choice)))
                    .replace('{cap}', formatMoney(page.locale, pool.spec.maxSumCost))}
                </p>
              ) : null}
            </div>
          </div>
        );
      })}
      <SummaryList rows={[{ key: t(V.yourDetails), value: details.join(', '), action: { href: `${b}/identity`, text: V.change, hidden: t(V.yourDetails) } }]} />
      <Form action={`${b}/review`}>
        <div class={`govuk-form-group${props.form.errors.for('declaration') ? ' govuk-form-group--error' : ''}`}>
          {props.form.errors.for('declaration') ? (
            <p id="declaration-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">{page.locale === 'pl' ? 'Błąd:' : 'Error:'}</span> {props.form.errors.for('declaration')}
            </p>
          ) : null}
          <div class="govuk-checkboxes" data-module="govuk-checkboxes">
            <div class="govuk-checkboxes__item">
              <input
                class="govuk-checkboxes__input"
                id="declaration"
                name="declaration"
                type="checkbox"
                value="yes"
                checked={props.form.values.declaration === 'yes'}
                aria-describedby={props.form.errors.for('declaration') ? 'declaration-error' : undefined}
              />
              <label class="govuk-label govuk-checkboxes__label" for="declaration">
                {t(V.declaration)}
              </label>
            </div>
            {props.policy.methods.includes('email_code') || identity.email ? (
              <div class="govuk-checkboxes__item">
                <input
                  class="govuk-checkboxes__input"
                  id="wantsResults"
                  name="wantsResults"
                  type="checkbox"
                  value="yes"
                  checked={props.form.values.wantsResults === 'yes'}
                />
                <label class="govuk-label govuk-checkboxes__label" for="wantsResults">
                  {t(V.wantsResults)}
                </label>
              </div>
            ) : null}
          </div>
        </div>
        <Button>{t(V.castButton)}</Button>
      </Form>
    </FormPage>
  );
}

export function ConfirmView(props: { edition: BoothEdition; reference: string; form: FormState }) {
  const t = useT();
  const b = base(props.edition);
  return (
    <FormPage title={t(V.confirmTitle)} errors={props.form.errors} section="budget" breadcrumbs={crumbs(t, props.edition)} lead={t(V.confirmLead)}>
      <Form action={`${b}/confirm`}>
        <TextInput
          name="code"
          label={V.code}
          hint={V.codeHint}
          form={props.form}
          inputmode="numeric"
          autocomplete="one-time-code"
          width="5"
          spellcheck={false}
          maxlength={8}
        />
        <Button>{t(V.confirmButton)}</Button>
      </Form>
      <h2 class="govuk-heading-m">{t(V.noMail)}</h2>
      <p class="govuk-body">{t(V.noMailText)}</p>
      <Form action={`${b}/resend`}>
        <Button variant="secondary">{t(V.resend)}</Button>
      </Form>
      <p class="govuk-body-s">{t(V.referenceIs, { reference: props.reference })}</p>
    </FormPage>
  );
}

export function DoneView(props: { edition: BoothEdition; reference: string; receipt: boolean }) {
  const t = useT();
  return (
    <Layout title={t(V.doneTitle)} section="budget" breadcrumbs={crumbs(t, props.edition)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Panel title={t(V.doneTitle)}>
            {t(V.doneReference)}
            <br />
            <strong id="reference">{props.reference}</strong>
          </Panel>
          <p class="govuk-body" data-civitas-copy-row="" hidden>
            <button type="button" class="govuk-button govuk-button--secondary" data-civitas-copy="reference" data-copied={t(V.copied)}>
              {t(V.copy)}
            </button>
            <span class="govuk-body-s" id="copy-status" role="status"></span>
          </p>
          <p class="govuk-body">{t(V.doneText)}</p>
          {props.receipt ? <p class="govuk-body">{t(V.receiptMail)}</p> : null}
          <p class="govuk-body">
            <a class="govuk-link" href={`/ballots/${props.reference}`}>
              {t(V.checkLink)}
            </a>
          </p>
          <h2 class="govuk-heading-m">{t(V.whatNext)}</h2>
          <p class="govuk-body">{t(V.whatNextText)}</p>
          <p class="govuk-body">
            <a class="govuk-link" href={`/budget/${props.edition.id}`}>
              {t(V.editionLink)}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

export function AlreadyVotedView(props: { edition: BoothEdition; voided: boolean }) {
  const t = useT();
  const title = props.voided ? t(V.voidedTitle) : t(V.alreadyTitle);
  return (
    <Layout title={title} section="budget" breadcrumbs={crumbs(t, props.edition)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{title}</h1>
          {props.voided ? (
            <p class="govuk-body">{t(V.voidedText)}</p>
          ) : (
            <>
              <p class="govuk-body">{t(V.alreadyText)}</p>
              <p class="govuk-body">{t(V.alreadyPending)}</p>
              <WarningText>{t(V.alreadyNotYou)}</WarningText>
            </>
          )}
          <p class="govuk-body">
            <a class="govuk-link" href="/ballots/check">
              {t(V.checkLink)}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

export function CheckView(props: { form: FormState; status: BallotStatus | null }) {
  const t = useT();
  const page = usePage();
  const s = props.status;
  if (s) {
    const title = t(V.statusTitle, { reference: s.reference });
    const channel = s.channel === 'online' ? t(V.channelOnline) : t(V.channelPaper);
    return (
      <Layout title={title}>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <h1 class="govuk-heading-l">{title}</h1>
            {s.status === 'valid' ? (
              <div class="govuk-panel govuk-panel--confirmation">
                <div class="govuk-panel__body">{t(V.statusValid)}</div>
              </div>
            ) : s.status === 'pending' ? (
              <WarningText>{t(V.statusPending)}</WarningText>
            ) : (
              <WarningText>{t(V.statusVoid, { reason: VOID_REASONS[s.voidReason ?? '']?.[page.locale] ?? s.voidReason ?? '' })}</WarningText>
            )}
            <ul class="govuk-list">
              <li>
                {t(V.castAt, { channel, date: '' })}
                <DateText value={s.createdAt} withTime />
              </li>
              {s.confirmedAt ? (
                <li>
                  {t(V.confirmedAt, { date: '' })}
                  <DateText value={s.confirmedAt} withTime />
                </li>
              ) : null}
            </ul>
            <p class="govuk-body">
              <a class="govuk-link" href="/ballots/check">
                {t(V.checkAnother)}
              </a>
            </p>
          </div>
        </div>
      </Layout>
    );
  }
  return (
    <FormPage title={t(V.checkTitle)} errors={props.form.errors} lead={t(V.checkLead)}>
      <form method="get" action="/ballots/check" novalidate>
        <TextInput
          name="reference"
          label={V.reference}
          hint={V.referenceHint}
          form={props.form}
          width="10"
          spellcheck={false}
          autocomplete="off"
          maxlength={20}
        />
        <button type="submit" class="govuk-button" data-module="govuk-button">
          {t(V.checkButton)}
        </button>
      </form>
    </FormPage>
  );
}

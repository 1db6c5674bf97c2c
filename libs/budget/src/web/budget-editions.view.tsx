import { formatDate, formatMoney, Layout, plural, SummaryList, Tag, usePage, useT, W, type Crumb } from '@civitas/web';
import type { Text } from '@civitas/common';
import type { Edition, Pool } from '../editions.service';
import { costRange } from '../editions.service';
import type { Phase, PhaseWindow } from '../phases';
import { B, PHASE_NAMES } from './budget.texts';
import { CRITERIA_NAMES, FIELD_NAMES, P, PN } from './budget-pages.texts';
import { I } from './implementation-pages.texts';

/** The crumbs above every page of the section: home, the editions, and the edition when there is one. */
export function budgetCrumbs(edition?: { id: string; name: string }): Crumb[] {
  const crumbs: Crumb[] = [
    { href: '/', text: W.home },
    { href: '/budget', text: B.homeHeading },
  ];
  if (edition) crumbs.push({ href: `/budget/${edition.id}`, text: edition.name });
  return crumbs;
}

/** The last day of a window (its end is exclusive): "31 maja 2027". */
const lastDay = (w: PhaseWindow) => new Date(w.endsAt.getTime() - 1);

export interface NowEdition {
  id: string;
  phases: PhaseWindow[];
  currentPhase: Phase | null;
  /** Online endorsements allowed (the edition's rules); unknown on the list of editions. */
  onlineEndorsements?: boolean;
}

/**
 * What a resident can do in an edition now, in a sentence or two, with the action's link when there is one:
 * "Zgłaszaj projekty do 31 maja 2027." / "Głosuj od 1 czerwca 2027 do 15 czerwca 2027."
 */
export function NowSentence(props: { edition: NowEdition; now: Date; resultsPublished?: boolean; withActions?: boolean }) {
  const { locale } = usePage();
  const t = useT();
  const { phases, currentPhase, id } = props.edition;
  const date = (d: Date) => formatDate(locale, d);
  const window = (p: Phase) => phases.find((w) => w.phase === p);
  const current = currentPhase ? window(currentPhase) : undefined;
  const voting = window('voting');
  const next = phases.find((w) => w.startsAt.getTime() > props.now.getTime());
  const lines: string[] = [];
  let action: { href: string; text: Text } | null = null;
  if (current) {
    const end = date(lastDay(current));
    switch (current.phase) {
      case 'submission':
        lines.push(t(P.nowSubmit, { end }));
        if (props.edition.onlineEndorsements) lines.push(t(P.nowSubmitEndorse));
        action = { href: `/budget/${id}/submit`, text: P.nowSubmitLink };
        break;
      case 'formal_review':
        lines.push(t(props.edition.onlineEndorsements ? P.nowEndorse : P.nowFormal, { end }));
        break;
      case 'merit_review':
        lines.push(t(P.nowMerit, { end }));
        break;
      case 'appeals':
        lines.push(t(P.nowAppeals, { end }));
        break;
      case 'ballot_list':
        lines.push(t(P.nowBallotList, { end }));
        break;
      case 'voting':
        lines.push(t(P.nowVoting, { start: date(current.startsAt), end }));
        action = { href: `/budget/${id}/vote`, text: P.nowVoteLink };
        break;
      case 'vote_verification':
        lines.push(t(P.nowVerification, { end }));
        break;
      case 'results':
        lines.push(props.resultsPublished ? t(P.nowResultsOut) : t(P.nowResults, { end }));
        break;
      case 'implementation':
        lines.push(t(P.nowImplementation, { end }));
        break;
    }
    // Before the vote, say when it will be.
    if (voting && voting.startsAt.getTime() > props.now.getTime()) lines.push(t(P.voteRange, { start: date(voting.startsAt), end: date(lastDay(voting)) }));
  } else if (next && next === phases[0]) {
    lines.push(t(P.nowBefore, { date: date(next.startsAt) }));
  } else if (next) {
    lines.push(t(P.nowBetween, { phase: t(PHASE_NAMES[next.phase]), date: date(next.startsAt) }));
  } else {
    lines.push(props.resultsPublished ? `${t(P.nowOver)} ${t(P.nowResultsOut)}` : t(P.nowOver));
  }
  return (
    <>
      {current ? (
        <p class="govuk-body govuk-!-margin-bottom-2">
          <Tag colour={current.phase === 'voting' || current.phase === 'submission' ? 'green' : 'blue'}>
            {t(B.phaseNow, { phase: t(PHASE_NAMES[current.phase]) })}
          </Tag>
        </p>
      ) : null}
      <p class="govuk-body">{lines.join(' ')}</p>
      {props.withActions && action ? (
        <p class="govuk-body">
          <a class="govuk-link govuk-!-font-weight-bold" href={action.href}>
            {t(action.text)}
          </a>
        </p>
      ) : null}
    </>
  );
}

export interface EditionSummary {
  id: string;
  name: string;
  year: number;
  phases: PhaseWindow[];
  currentPhase: Phase | null;
}

/** /budget: the published editions, newest first, each with what a resident can do in it now. */
export function EditionsView(props: { editions: EditionSummary[]; now: Date }) {
  const t = useT();
  return (
    <Layout title={t(P.editionsTitle)} section="budget" breadcrumbs={[{ href: '/', text: W.home }]}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{t(P.editionsTitle)}</h1>
          <p class="govuk-body-l">{t(P.editionsLead)}</p>
          {props.editions.length === 0 ? (
            <p class="govuk-body">{t(P.editionsEmpty)}</p>
          ) : (
            <ul class="govuk-list">
              {props.editions.map((e) => (
                <li class="civitas-card">
                  <h2 class="govuk-heading-m civitas-card__title">
                    <a class="govuk-link" href={`/budget/${e.id}`}>
                      {e.name}
                    </a>
                  </h2>
                  <p class="govuk-body-s govuk-!-margin-bottom-2">{t(P.year, { year: e.year })}</p>
                  <NowSentence edition={e} now={props.now} />
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Layout>
  );
}

/** "od 10 000 zł do 500 000 zł" — the effective limits of a pool (the stricter of absolute and relative). */
export function CostLimits(props: { pool: Pool }) {
  const { locale } = usePage();
  const t = useT();
  const { min, max } = costRange(props.pool);
  const money = (g: number) => formatMoney(locale, g);
  if (min !== null && max !== null) return <>{t(P.costBetween, { min: money(min), max: money(max) })}</>;
  if (min !== null) return <>{t(P.costAtLeast, { min: money(min) })}</>;
  if (max !== null) return <>{t(P.costAtMost, { max: money(max) })}</>;
  return <>{t(P.costNoLimit)}</>;
}

export function Timeline(props: { phases: PhaseWindow[]; current: Phase | null }) {
  const { locale } = usePage();
  const t = useT();
  return (
    <ol class="civitas-timeline">
      {props.phases.map((w) => {
        const current = w.phase === props.current;
        return (
          <li class={`civitas-timeline__item${current ? ' civitas-timeline__item--current' : ''}`} aria-current={current ? 'step' : undefined}>
            <h3 class="govuk-heading-s civitas-timeline__title">
              {t(PHASE_NAMES[w.phase])}
              {current ? (
                <>
                  {' '}
                  <Tag colour="green">{t(P.current)}</Tag>
                </>
              ) : null}
            </h3>
            <p class="govuk-body-s civitas-timeline__dates">
              <time datetime={w.startsAt.toISOString()}>{formatDate(locale, w.startsAt)}</time> –{' '}
              <time datetime={lastDay(w).toISOString()}>{formatDate(locale, lastDay(w))}</time>
            </p>
          </li>
        );
      })}
    </ol>
  );
}

/** The edition's rules in plain words. */
export function Rules(props: { edition: Edition }) {
  const { locale } = usePage();
  const t = useT();
  const r = props.edition.rules;
  const list = (xs: string[]) => xs.join(', ');
  return (
    <ul class="govuk-list govuk-list--bullet">
      <li>{t(P.rulesAuthors, { authors: plural(locale, r.maxAuthors, PN.authors) })}</li>
      <li>{r.requiredFields.length ? t(P.rulesRequired, { fields: list(r.requiredFields.map((f) => t(FIELD_NAMES[f]))) }) : t(P.rulesRequiredNone)}</li>
      <li>{t(P.rulesCriteria, { criteria: list(r.criteria.map((c) => t(CRITERIA_NAMES[c]))) })}</li>
      <li>{t(P.rulesDeadlines, { correction: plural(locale, r.correctionDays, PN.days), appeal: plural(locale, r.appealDays, PN.days) })}</li>
      <li>{t(r.onlineEndorsements ? P.rulesOnline : P.rulesPaper)}</li>
      <li>{t(props.edition.ballotOrder === 'lottery' ? P.rulesLottery : P.rulesAlphabetical)}</li>
    </ul>
  );
}

/** /budget/:editionId: the edition's schedule, what a resident can do now, its pools, rules and categories. */
export function EditionView(props: { edition: Edition; areaNames: Map<string, string>; now: Date; resultsPublished: boolean }) {
  const { locale } = usePage();
  const t = useT();
  const e = props.edition;
  const categoryName = (id: string | null) => {
    const c = id ? e.categories.find((x) => x.id === id) : undefined;
    return c ? (locale === 'pl' ? c.namePl : c.nameEn) : t(P.anyCategory);
  };
  const ballotOpen = e.phases.some((w) => w.phase === 'appeals' && w.endsAt.getTime() <= props.now.getTime());
  return (
    <Layout title={e.name} section="budget" breadcrumbs={budgetCrumbs()}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l">{t(P.year, { year: e.year })}</span>
          <h1 class="govuk-heading-l">{e.name}</h1>
          <h2 class="govuk-heading-m">{t(P.nowHeading)}</h2>
          <NowSentence
            edition={{ ...e, onlineEndorsements: e.rules.onlineEndorsements }}
            now={props.now}
            resultsPublished={props.resultsPublished}
            withActions
          />

          <h2 class="govuk-heading-m">{t(P.linksHeading)}</h2>
          <ul class="govuk-list">
            <li>
              <a class="govuk-link" href={`/budget/${e.id}/projects`}>
                {t(P.linkProjects)}
              </a>
            </li>
            <li>
              <a class="govuk-link" href={`/budget/${e.id}/ballot`}>
                {t(P.linkBallot)}
              </a>
              {ballotOpen ? null : <span class="govuk-body-s"> {t(P.ballotLater)}</span>}
            </li>
            {e.phases.some((w) => w.phase === 'voting' && new Date(w.startsAt).getTime() <= props.now.getTime()) ? (
              <li>
                <a class="govuk-link" href={`/budget/${e.id}/turnout`}>
                  {t(P.linkTurnout)}
                </a>
              </li>
            ) : null}
            {props.resultsPublished ? (
              <li>
                <a class="govuk-link" href={`/budget/${e.id}/results`}>
                  {t(P.linkResults)}
                </a>
              </li>
            ) : null}
            {props.resultsPublished ? (
              <li>
                <a class="govuk-link" href={`/budget/${e.id}/implementation`}>
                  {t(I.linkImplementation)}
                </a>
              </li>
            ) : null}
          </ul>

          <h2 class="govuk-heading-m">{t(P.timelineHeading)}</h2>
          <Timeline phases={e.phases} current={e.currentPhase} />

          <h2 class="govuk-heading-m">{t(P.poolsHeading)}</h2>
          {e.pools.length === 0 ? (
            <p class="govuk-body">{t(P.poolsEmpty)}</p>
          ) : (
            <>
              <p class="govuk-body">{t(P.poolsLead)}</p>
              {e.pools.map((pool) => (
                <div class="civitas-card">
                  <h3 class="govuk-heading-s civitas-card__title">{pool.name}</h3>
                  <SummaryList
                    noBorder
                    rows={[
                      { key: P.poolArea, value: pool.areaId ? (props.areaNames.get(pool.areaId) ?? t(P.wholeCity)) : t(P.wholeCity) },
                      { key: P.poolCategory, value: categoryName(pool.categoryId) },
                      { key: P.poolAmount, value: formatMoney(locale, pool.amount) },
                      { key: P.costLimits, value: <CostLimits pool={pool} /> },
                      {
                        key: P.signatures,
                        value: pool.signaturesRequired > 0 ? plural(locale, pool.signaturesRequired, PN.people) : t(P.noSignatures),
                      },
                    ]}
                  />
                </div>
              ))}
            </>
          )}

          <h2 class="govuk-heading-m">{t(P.rulesHeading)}</h2>
          <Rules edition={e} />

          <h2 class="govuk-heading-m">{t(P.categoriesHeading)}</h2>
          {e.categories.length === 0 ? (
            <p class="govuk-body">{t(P.categoriesEmpty)}</p>
          ) : (
            <ul class="govuk-list govuk-list--bullet">
              {e.categories.map((c) => (
                <li>{locale === 'pl' ? c.namePl : c.nameEn}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Layout>
  );
}

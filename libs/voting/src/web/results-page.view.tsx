import type { PhaseWindow } from '@civitas/budget';
import { DateText, formatDate, formatMoney, InsetText, Layout, plural, SummaryList, Tag, usePage, useT, type SummaryRow } from '@civitas/web';
import { ChartFigure, EqualSharesFigure } from './results-charts';
import type { ResultLine, ResultsPool } from './results-page.model';
import { R, RP, RULE_NAMES, TIE_CRITERIA_NAMES } from './results-pages.texts';
import { lastDay, num, votingCrumbs } from './results-params';
import { reasonText } from './results-reasons';

export interface ResultsEdition {
  id: string;
  name: string;
  phases: PhaseWindow[];
}

/** Before publication: when the results will be, and nothing of the votes (the embargo). */
export function ResultsPendingView(props: { edition: ResultsEdition; now: Date }) {
  const { locale } = usePage();
  const t = useT();
  const e = props.edition;
  const title = t(R.resultsTitle);
  const now = props.now.getTime();
  const voting = e.phases.find((w) => w.phase === 'voting');
  const results = e.phases.find((w) => w.phase === 'results');
  const lines: string[] = [];
  if (voting && voting.startsAt.getTime() > now)
    lines.push(t(R.notYetBeforeVoting, { start: formatDate(locale, voting.startsAt), end: lastDay(locale, voting) }));
  else if (voting && voting.endsAt.getTime() > now) lines.push(t(R.notYetVoting, { end: lastDay(locale, voting) }));
  else if (voting) lines.push(t(R.notYetCounting));
  lines.push(results && results.endsAt.getTime() > now ? t(R.notYetWhen, { date: lastDay(locale, results) }) : t(R.notYetSoon));
  const votingStarted = !!voting && voting.startsAt.getTime() <= now;
  return (
    <Layout title={`${title}: ${e.name}`} section="budget" breadcrumbs={votingCrumbs(e)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l">{e.name}</span>
          <h1 class="govuk-heading-l">{title}</h1>
          <p class="govuk-body-l">{t(R.notYet)}</p>
          {lines.map((l) => (
            <p class="govuk-body">{l}</p>
          ))}
          <InsetText>{t(R.notYetEmbargo)}</InsetText>
          <ul class="govuk-list">
            {votingStarted ? (
              <li>
                <a class="govuk-link" href={`/budget/${e.id}/turnout`}>
                  {t(R.seeTurnout)}
                </a>
              </li>
            ) : null}
            <li>
              <a class="govuk-link" href={`/budget/${e.id}/projects`}>
                {t(R.seeProjects)}
              </a>
            </li>
            <li>
              <a class="govuk-link" href="/subscriptions/new">
                {t(R.notYetSubscribe)}
              </a>
            </li>
            <li>
              <a class="govuk-link" href={`/budget/${e.id}`}>
                {t(R.backToEdition)}
              </a>
            </li>
          </ul>
        </div>
      </div>
    </Layout>
  );
}

function LinesTable(props: { pool: ResultsPool; lines: ResultLine[]; caption: string }) {
  const { locale } = usePage();
  const t = useT();
  const p = props.pool;
  const ctx = {
    titles: p.titles,
    points: p.points,
    greedyPreferred: p.comparison?.winner === 'greedy' ? { greedy: p.comparison.preferGreedy, mes: p.comparison.preferMes } : null,
  };
  return (
    <table class="govuk-table civitas-figures">
      <caption class="govuk-table__caption govuk-table__caption--s">{props.caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            <span aria-hidden="true">#</span>
            <span class="govuk-visually-hidden">{t(R.place)}</span>
          </th>
          <th scope="col" class="govuk-table__header">
            {t(R.project)}
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            {t(p.points ? R.points : R.votes)}
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {props.lines.map((l) => (
          <tr class="govuk-table__row" id={`project-${p.poolId}-${l.code}`}>
            <td class="govuk-table__cell govuk-table__cell--numeric">{num(locale, l.rank)}</td>
            <td class="govuk-table__cell">
              {l.projectId ? (
                <a class="govuk-link" href={`/projects/${l.projectId}`}>
                  {l.title}
                </a>
              ) : (
                l.title
              )}
              {l.topUp ? (
                <>
                  {' '}
                  <Tag colour="turquoise">{t(R.withTopUp)}</Tag>
                </>
              ) : null}
              <br />
              <span class="govuk-body-s">
                {t(R.cost, { cost: formatMoney(locale, l.cost) })} · {t(R.code, { code: l.code })}
                {p.points ? ` · ${plural(locale, l.votes, RP.voters)}` : ''}
              </span>
              {l.reason ? (
                <p class="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
                  <strong>{t(R.why)}</strong> {reasonText(locale, l.reason, ctx)}
                </p>
              ) : null}
            </td>
            <td class="govuk-table__cell govuk-table__cell--numeric">{num(locale, p.points ? l.score : l.votes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The rule of a pool in plain words (Equal Shares in two paragraphs and a figure). */
function RuleExplanation(props: { pool: ResultsPool }) {
  const { locale } = usePage();
  const t = useT();
  const p = props.pool;
  const paragraphs: string[] = [];
  const score = { approval: R.scoreApproval, 'choose-1': R.scoreChoose1, cumulative: R.scoreCumulative, ordinal: R.scoreOrdinal }[p.voteType];
  if (score) paragraphs.push(t(score));
  const mes = p.rule.startsWith('equalshares');
  if (mes) {
    paragraphs.push(t(R.ruleMes1, { share: formatMoney(locale, p.mes?.share ?? 0) }), t(R.ruleMes2));
    if (p.mes?.add1) paragraphs.push(t(R.ruleMesAdd1));
    if (p.mes?.completion) paragraphs.push(t(R.ruleMesCompletion));
  } else if (p.rule === 'greedy-no-skip') {
    paragraphs.push(t(R.ruleNoSkip));
    if (p.topUpPercent !== null) paragraphs.push(t(R.ruleTopUp, { percent: `${num(locale, p.topUpPercent)} %` }));
  } else {
    paragraphs.push(t(R.ruleGreedy));
  }
  if (p.threshold !== null) paragraphs.push(t(R.ruleThreshold, { threshold: num(locale, p.threshold) }));
  if (p.comparison) {
    paragraphs.push(
      t(R.ruleMesComparison, {
        greedy: plural(locale, p.comparison.preferGreedy, RP.voters),
        mes: plural(locale, p.comparison.preferMes, RP.voters),
        winner: t(p.comparison.winner === 'greedy' ? R.winnerGreedy : R.winnerMes),
      }),
    );
  }
  return (
    <>
      {paragraphs.map((x) => (
        <p class="govuk-body">{x}</p>
      ))}
      {p.exclusions.length || p.rule === 'greedy-exclusive' ? <p class="govuk-body">{t(R.ruleExclusions)}</p> : null}
      {p.exclusions.length ? (
        <ul class="govuk-list govuk-list--bullet">
          {p.exclusions.map((g) => (
            <li>{t(R.exclusionGroup, { projects: g.map((x) => (locale === 'pl' ? `„${x}”` : `“${x}”`)).join(', ') })}</li>
          ))}
        </ul>
      ) : null}
      {mes ? <EqualSharesFigure /> : null}
    </>
  );
}

function Ties(props: { pool: ResultsPool }) {
  const t = useT();
  const p = props.pool;
  return (
    <>
      <p class="govuk-body">
        {t(R.seed)} <code class="civitas-seed">{p.seed}</code>
      </p>
      {p.ties.length === 0 ? (
        <p class="govuk-body">{t(R.noTies)}</p>
      ) : (
        <ul class="govuk-list govuk-list--bullet">
          {p.ties.map((tie) => {
            const stage =
              tie.stage.kind === 'greedy' ? t(R.stageGreedy) : tie.stage.kind === 'mes' ? t(R.stageMes, { round: tie.stage.round }) : tie.stage.text;
            const criterion = TIE_CRITERIA_NAMES[tie.criterion] ? t(TIE_CRITERIA_NAMES[tie.criterion]) : tie.criterion;
            return (
              <li>
                {t(R.tieLine, { stage, winner: tie.winner.title, loser: tie.loser.title, criterion })}
                {tie.lotKeys ? (
                  <>
                    <br />
                    <span class="govuk-body-s">{t(R.lotKeys)}</span>
                    <ul class="govuk-list govuk-body-s">
                      <li>
                        {t(R.quoted, { title: tie.winner.title })} <code class="civitas-seed">{tie.lotKeys.winner}</code>
                      </li>
                      <li>
                        {t(R.quoted, { title: tie.loser.title })} <code class="civitas-seed">{tie.lotKeys.loser}</code>
                      </li>
                    </ul>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

function PoolSection(props: { pool: ResultsPool; index: number }) {
  const { locale } = usePage();
  const t = useT();
  const p = props.pool;
  const id = `pool-${props.index + 1}`;
  const rows: SummaryRow[] = [
    { key: R.poolAmount, value: formatMoney(locale, p.budget) },
    { key: R.spent, value: formatMoney(locale, p.spent) },
    { key: R.left, value: formatMoney(locale, p.left) },
  ];
  if (p.topUp) rows.push({ key: R.topUp, value: t(R.topUpValue, { amount: formatMoney(locale, p.topUp.reserve), title: p.topUp.title }) });
  rows.push({
    key: R.ballotsCounted,
    value: `${plural(locale, p.ballots.valid, RP.ballots)}${p.ballots.invalid ? ` ${t(R.invalidOnes, { n: num(locale, p.ballots.invalid) })}` : ''}`,
  });
  rows.push({ key: R.ruleRow, value: RULE_NAMES[p.rule] ? t(RULE_NAMES[p.rule]) : p.rule });
  const all = [...p.selected, ...p.notSelected];
  return (
    <section aria-labelledby={id} class="govuk-!-margin-bottom-9">
      <h2 class="govuk-heading-l" id={id}>
        {t(R.poolHeading, { pool: p.name })}
      </h2>
      <SummaryList rows={rows} />

      {all.length === 0 ? (
        <p class="govuk-body">{t(R.noProjects)}</p>
      ) : (
        <>
          <h3 class="govuk-heading-m">{t(R.selectedHeading)}</h3>
          {p.selected.length ? <LinesTable pool={p} lines={p.selected} caption={t(R.selectedCaption)} /> : <p class="govuk-body">{t(R.noneSelected)}</p>}
          <h3 class="govuk-heading-m">{t(R.notSelectedHeading)}</h3>
          {p.notSelected.length ? (
            <LinesTable pool={p} lines={p.notSelected} caption={t(R.notSelectedCaption)} />
          ) : (
            <p class="govuk-body">{t(R.noneNotSelected)}</p>
          )}
          <h3 class="govuk-heading-m">{t(p.points ? R.chartPointsHeading : R.chartHeading)}</h3>
          <ChartFigure
            caption={t(R.chartCaption, { what: t(p.points ? R.chartPoints : R.chartVotes) })}
            bars={all.map((l) => ({ label: l.title, value: l.score, selected: l.selected, shown: num(locale, l.score) }))}
            line={p.selected.length}
            lineLabel={t(R.fundingLine)}
          />
        </>
      )}

      <h3 class="govuk-heading-m">{t(R.ruleHeading)}</h3>
      <RuleExplanation pool={p} />

      <h3 class="govuk-heading-m">{t(R.tiesHeading)}</h3>
      <Ties pool={p} />

      <h3 class="govuk-heading-m">{t(R.turnoutHeading)}</h3>
      <p class="govuk-body">
        {t(R.poolTurnout, { valid: plural(locale, p.ballots.valid, RP.ballots) })}
        {p.ballots.invalid ? ` ${t(R.poolInvalid, { n: num(locale, p.ballots.invalid) })}` : ''}
      </p>
    </section>
  );
}

/**
 * /budget/:editionId/results once published: per pool the selected projects in order and the others, each with its
 * cost, votes or points and why it was or was not selected; the money spent and left (and a top-up from the reserve);
 * the rule in plain words; every tie-break with the published seed; turnout; a chart of the votes with the funding
 * line; the downloads and the recount in the browser.
 */
export function ResultsView(props: { edition: ResultsEdition; publishedAt: Date; pools: ResultsPool[] }) {
  const { locale } = usePage();
  const t = useT();
  const e = props.edition;
  const title = t(R.resultsTitle);
  const selected = props.pools.reduce((n, p) => n + p.selected.length, 0);
  const cost = props.pools.reduce((n, p) => n + p.selected.reduce((s, l) => s + l.cost, 0), 0);
  return (
    <Layout title={`${title}: ${e.name}`} section="budget" breadcrumbs={votingCrumbs(e)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l">{e.name}</span>
          <h1 class="govuk-heading-l">{title}</h1>
          <p class="govuk-body">
            {t(R.publishedOn)} <DateText value={props.publishedAt} />.
          </p>
          <p class="govuk-body-l">{t(R.summary, { projects: plural(locale, selected, RP.projects), money: formatMoney(locale, cost) })}</p>
          <p class="govuk-body">
            <a class="govuk-link" href={`/budget/${e.id}/results/recount`}>
              {t(R.recount)}
            </a>
            {' · '}
            <a class="govuk-link" href="#downloads">
              {t(R.downloadsHeading)}
            </a>
            {' · '}
            <a class="govuk-link" href={`/budget/${e.id}/turnout`}>
              {t(R.seeTurnout)}
            </a>
          </p>
          {props.pools.length > 1 ? (
            <nav aria-labelledby="contents">
              <h2 class="govuk-heading-s" id="contents">
                {t(R.contents)}
              </h2>
              <ul class="govuk-list">
                {props.pools.map((p, i) => (
                  <li>
                    <a class="govuk-link" href={`#pool-${i + 1}`}>
                      {p.name}
                    </a>
                  </li>
                ))}
                <li>
                  <a class="govuk-link" href="#downloads">
                    {t(R.downloadsHeading)}
                  </a>
                </li>
              </ul>
            </nav>
          ) : null}

          {props.pools.map((p, i) => (
            <PoolSection pool={p} index={i} />
          ))}

          <section aria-labelledby="downloads">
            <h2 class="govuk-heading-l" id="downloads">
              {t(R.downloadsHeading)}
            </h2>
            <p class="govuk-body">{t(R.downloadsIntro)}</p>
            <p class="govuk-body">
              <a class="govuk-link" href={`/budget/${e.id}/results/recount`}>
                {t(R.recount)}
              </a>
            </p>
            <ul class="govuk-list govuk-list--bullet">
              <li>
                <a class="govuk-link" href={`/api/v1/editions/${e.id}/results.csv`} download>
                  {t(R.csv)}
                </a>
              </li>
              <li>
                <a class="govuk-link" href={`/api/v1/editions/${e.id}/results`}>
                  {t(R.json)}
                </a>
              </li>
              {props.pools.map((p) => (
                <li>
                  <a class="govuk-link" href={`/api/v1/editions/${e.id}/pools/${p.poolId}/results.pb`} download>
                    {t(R.pb, { pool: p.name })}
                  </a>
                </li>
              ))}
            </ul>
            {props.pools.map((p) => (
              <p class="govuk-body-s">
                {t(R.inputHash, { pool: p.name })} <code class="civitas-seed">{p.inputsSha256}</code>
              </p>
            ))}
          </section>
        </div>
      </div>
    </Layout>
  );
}

import type { PhaseWindow } from '@civitas/budget';
import { formatDate, formatDateTime, InsetText, Layout, plural, SummaryList, usePage, useT } from '@civitas/web';
import type { Turnout } from '../ballots/ballots.service';
import { ChartFigure } from './results-charts';
import { lastDay, num, votingCrumbs } from './results-params';
import { R, RP } from './results-pages.texts';

export interface TurnoutEdition {
  id: string;
  name: string;
  phases: PhaseWindow[];
  pools: Array<{ id: string; name: string }>;
}

interface Row {
  key: string;
  label: string;
  ballots: number;
}

/** A table of valid ballots (the chart's figures) followed by the chart. */
function FiguresTable(props: { id: string; heading: string; caption: string; first: string; rows: Row[]; hint?: string }) {
  const { locale } = usePage();
  const t = useT();
  return (
    <section aria-labelledby={props.id} class="govuk-!-margin-bottom-8">
      <h2 class="govuk-heading-m" id={props.id}>
        {props.heading}
      </h2>
      {props.hint ? <p class="govuk-body-s">{props.hint}</p> : null}
      <table class="govuk-table civitas-figures">
        <caption class="govuk-table__caption govuk-table__caption--s">{props.caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              {props.first}
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              {t(R.ballots)}
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {props.rows.map((r) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                {r.label}
              </th>
              <td class="govuk-table__cell govuk-table__cell--numeric">{num(locale, r.ballots)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.rows.some((r) => r.ballots > 0) ? (
        <ChartFigure caption={t(R.chartNote)} bars={props.rows.map((r) => ({ label: r.label, value: r.ballots, shown: num(locale, r.ballots) }))} />
      ) : null}
    </section>
  );
}

/**
 * /budget/:editionId/turnout: how many people have voted — valid ballots per pool, per channel and per area, those
 * awaiting their code and the invalid paper ballots — as tables and bar charts, with the time of the figures and a
 * link that reloads them. Never anything per project (the embargo holds until the results are published).
 */
export function TurnoutView(props: { edition: TurnoutEdition; turnout: Turnout; areaNames: Map<string, string>; at: Date; published: boolean }) {
  const { locale } = usePage();
  const t = useT();
  const e = props.edition;
  const tu = props.turnout;
  const title = t(R.turnoutTitle);
  const voting = e.phases.find((w) => w.phase === 'voting');
  const results = e.phases.find((w) => w.phase === 'results');
  const now = props.at.getTime();
  let status: string;
  if (!voting) status = t(R.turnoutNoVoting);
  else if (voting.startsAt.getTime() > now) status = t(R.turnoutBefore, { start: formatDate(locale, voting.startsAt), end: lastDay(locale, voting) });
  else if (voting.endsAt.getTime() > now) status = t(R.turnoutDuring, { end: lastDay(locale, voting) });
  else status = t(R.turnoutAfter, { end: lastDay(locale, voting) });
  const pools: Row[] = e.pools.map((p) => ({ key: p.id, label: p.name, ballots: tu.byPool.find((b) => b.poolId === p.id)?.ballots ?? 0 }));
  const areas: Row[] = tu.byArea
    .map((a) => ({ key: a.areaId ?? '', label: a.areaId ? (props.areaNames.get(a.areaId) ?? a.areaId) : t(R.noArea), ballots: a.ballots }))
    .sort((a, b) => b.ballots - a.ballots || a.label.localeCompare(b.label, locale));
  const channels: Row[] = [
    { key: 'online', label: t(R.online), ballots: tu.byChannel.online },
    { key: 'paper', label: t(R.paper), ballots: tu.byChannel.paper },
  ];
  const path = `/budget/${e.id}/turnout`;
  return (
    <Layout title={`${title}: ${e.name}`} section="budget" breadcrumbs={votingCrumbs(e)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l">{e.name}</span>
          <h1 class="govuk-heading-l">{title}</h1>
          <p class="govuk-body">{status}</p>
          <p class="govuk-body">
            {t(R.figuresAt, { time: formatDateTime(locale, props.at) })}{' '}
            <a class="govuk-link" href={path}>
              {t(R.refresh)}
            </a>
          </p>
          {props.published ? (
            <p class="govuk-body">
              {t(R.resultsOut)}{' '}
              <a class="govuk-link" href={`/budget/${e.id}/results`}>
                {t(R.seeResults)}
              </a>
            </p>
          ) : (
            <InsetText>
              <p class="govuk-body">{t(R.embargo)}</p>
              {results ? <p class="govuk-body">{t(R.embargoWhen, { date: lastDay(locale, results) })}</p> : null}
            </InsetText>
          )}

          <h2 class="govuk-heading-m">{t(R.totalsHeading)}</h2>
          <SummaryList
            rows={[
              { key: R.validBallots, value: plural(locale, tu.total, RP.ballots) },
              { key: R.pendingBallots, value: plural(locale, tu.pending, RP.ballots) },
              { key: R.invalidBallots, value: plural(locale, tu.invalid, RP.ballots) },
            ]}
          />
          <p class="govuk-body-s">{t(R.pendingHint)}</p>
          {tu.total === 0 ? <p class="govuk-body">{t(R.noBallots)}</p> : null}

          {pools.length === 0 ? (
            <p class="govuk-body">{t(R.noPools)}</p>
          ) : (
            <FiguresTable
              id="by-pool"
              heading={t(R.byPoolHeading)}
              caption={t(R.byPoolCaption)}
              first={t(R.pool)}
              rows={pools}
              hint={pools.length > 1 ? t(R.byPoolHint) : undefined}
            />
          )}
          <FiguresTable id="by-channel" heading={t(R.byChannelHeading)} caption={t(R.byChannelCaption)} first={t(R.channel)} rows={channels} />
          {areas.length ? <FiguresTable id="by-area" heading={t(R.byAreaHeading)} caption={t(R.byAreaCaption)} first={t(R.area)} rows={areas} /> : null}

          <p class="govuk-body">
            <a class="govuk-link" href={`/budget/${e.id}`}>
              {t(R.backToEdition)}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

import { DateText, formatDate, Layout, Money, usePage, useT } from '@civitas/web';
import type { BallotList } from '../ballot.service';
import type { Edition } from '../editions.service';
import { budgetCrumbs } from './budget-editions.view';
import { P } from './budget-pages.texts';

/**
 * /budget/:editionId/ballot: per pool, the projects on the ballot in their order, how the order was made and — for a
 * lottery — its seed and how anyone can recompute it. Before the list is drawn up, when it will be.
 */
export function BallotView(props: { edition: Edition; lists: BallotList[] | null; now: Date }) {
  const { locale } = usePage();
  const t = useT();
  const e = props.edition;
  const title = t(P.ballotTitle);
  const appeals = e.phases.find((w) => w.phase === 'appeals');
  return (
    <Layout title={`${title}: ${e.name}`} section="budget" breadcrumbs={budgetCrumbs(e)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l">{e.name}</span>
          <h1 class="govuk-heading-l">{title}</h1>
          {props.lists === null ? (
            <>
              <p class="govuk-body-l">{t(P.ballotNotReady)}</p>
              {e.pools.length === 0 ? (
                <p class="govuk-body">{t(P.ballotNoPools)}</p>
              ) : appeals && appeals.endsAt.getTime() > props.now.getTime() ? (
                <p class="govuk-body">{t(P.ballotWhen, { date: formatDate(locale, appeals.endsAt) })}</p>
              ) : (
                <p class="govuk-body">{t(P.ballotWaiting)}</p>
              )}
              <p class="govuk-body">
                <a class="govuk-link" href={`/budget/${e.id}/projects`}>
                  {t(P.linkProjects)}
                </a>
              </p>
            </>
          ) : (
            props.lists.map((list, i) => (
              <section aria-labelledby={`pool-${i}`} class="govuk-!-margin-bottom-8">
                <h2 class="govuk-heading-m" id={`pool-${i}`}>
                  {t(P.ballotPool, { pool: list.poolName })}
                </h2>
                <p class="govuk-body-s">
                  {t(P.ballotDrawnAt)} <DateText value={list.createdAt} withTime />.
                </p>
                {list.ordering === 'lottery' && list.seed ? (
                  <>
                    <p class="govuk-body">
                      {t(P.ballotOrderLottery)} <code class="civitas-seed">{list.seed}</code>
                    </p>
                    <p class="govuk-body-s">{t(P.ballotRecompute, { seed: list.seed, n: list.projects[0]?.number ?? 1 })}</p>
                  </>
                ) : (
                  <p class="govuk-body">{t(P.ballotOrderAlphabetical)}</p>
                )}
                {list.projects.length === 0 ? (
                  <p class="govuk-body">{t(P.ballotEmptyPool)}</p>
                ) : (
                  <table class="govuk-table">
                    <caption class="govuk-table__caption govuk-table__caption--s">{t(P.ballotCaption)}</caption>
                    <thead class="govuk-table__head">
                      <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                          {t(P.ballotPosition)}
                        </th>
                        <th scope="col" class="govuk-table__header">
                          {t(P.ballotProject)}
                        </th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                          {t(P.cost)}
                        </th>
                      </tr>
                    </thead>
                    <tbody class="govuk-table__body">
                      {list.projects.map((p) => (
                        <tr class="govuk-table__row">
                          <td class="govuk-table__cell govuk-table__cell--numeric">{p.position}</td>
                          <td class="govuk-table__cell">
                            <a class="govuk-link" href={`/projects/${p.id}`}>
                              {p.title}
                            </a>
                            <br />
                            <span class="govuk-body-s">{t(P.number, { n: p.number })}</span>
                          </td>
                          <td class="govuk-table__cell govuk-table__cell--numeric">
                            <Money grosze={p.totalCost} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>
            ))
          )}
        </div>
      </div>
    </Layout>
  );
}

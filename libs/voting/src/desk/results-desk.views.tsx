import type { ComponentChildren } from 'preact';
import type { Text } from '@civitas/common';
import {
  Button,
  D,
  DeskLayout,
  Form,
  formatDateTime,
  formatMoney,
  formatNumber,
  InsetText,
  SummaryList,
  Tag,
  usePage,
  useT,
  WarningText,
  type FormErrors,
} from '@civitas/web';
import type { Turnout } from '../ballots/ballots.service';
import type { DeskEdition as ResultsDeskEdition, ResultsService, TallyRunView } from '../results/results.service';
import { type DeskEdition, deskPath, editionCrumbs } from './paper-desk.views';
import { VD } from './voting-desk.texts';
import { VS } from './voting-setup.texts';

/** An edition of the desk's list (the results service's view), with its paper sheets' state. */
export interface DeskEditionRow extends ResultsDeskEdition {
  keyedOnce: number;
  mismatch: number;
}

const RUN_TEXT: Record<TallyRunView['status'], Text> = { queued: VD.runQueued, running: VD.runRunning, done: VD.runDone, failed: VD.runFailed };
const STATE_TEXT: Record<TallyRunView['status'], Text> = { queued: VD.stateQueued, running: VD.stateRunning, done: VD.stateDone, failed: VD.stateFailed };

function Table(props: { caption: string; heads: Array<{ text: string; numeric?: boolean }>; children: ComponentChildren; captionSize?: 's' | 'm' }) {
  return (
    <table class="govuk-table">
      <caption class={`govuk-table__caption govuk-table__caption--${props.captionSize ?? 's'}`}>{props.caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {props.heads.map((h) => (
            <th scope="col" class={`govuk-table__header${h.numeric ? ' govuk-table__header--numeric' : ''}`}>
              {h.text}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">{props.children}</tbody>
    </table>
  );
}

/** /desk/voting/editions: the editions with a vote, what waits in each (sorted by the results' due date). */
export function EditionsView(props: { rows: DeskEditionRow[] }) {
  const t = useT();
  const { locale } = usePage();
  const date = (d: Date | null) => (d ? formatDateTime(locale, d) : t(VD.none));
  return (
    <DeskLayout title={t(VD.editionsTitle)} area="voting" breadcrumbs={[{ href: '/desk/voting', text: D.voting }]}>
      {props.rows.length === 0 ? (
        <p class="govuk-body">{t(VD.noEditions)}</p>
      ) : (
        <Table
          caption={t(VD.editionsTitle)}
          heads={[
            { text: t(VD.edition) },
            { text: t(VD.votingEnds) },
            { text: t(VD.resultsDue) },
            { text: t(VD.waitingSecond), numeric: true },
            { text: t(VD.waitingThird), numeric: true },
            { text: t(VD.state) },
          ]}
        >
          {props.rows.map((r) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                <a class="govuk-link" href={deskPath(r)}>
                  {r.name}
                </a>
              </th>
              <td class="govuk-table__cell">{date(r.votingEndsAt)}</td>
              <td class="govuk-table__cell">{date(r.resultsEndsAt)}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">
                {r.keyedOnce ? (
                  <a class="govuk-link" href={deskPath(r, '/paper/sheets?status=keyed_once')}>
                    {formatNumber(locale, r.keyedOnce)}
                  </a>
                ) : (
                  '0'
                )}
              </td>
              <td class="govuk-table__cell govuk-table__cell--numeric">
                {r.mismatch ? (
                  <a class="govuk-link" href={deskPath(r, '/paper/mismatches')}>
                    {formatNumber(locale, r.mismatch)}
                  </a>
                ) : (
                  '0'
                )}
              </td>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={deskPath(r, '/tally')}>
                  {t(r.publishedAt ? VD.statePublished : r.run ? STATE_TEXT[r.run] : VD.stateNoRun)}
                </a>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </DeskLayout>
  );
}

/** /desk/voting/:editionId: the edition's desk pages. */
export function HubView(props: { edition: DeskEdition; keyedOnce: number; mismatch: number }) {
  const t = useT();
  const e = props.edition;
  const links: Array<{ href: string; text: Text; hint?: string }> = [
    { href: deskPath(e, '/paper'), text: VD.hubPaper, hint: t(VD.hubPaperHint) },
    { href: deskPath(e, '/paper/mismatches'), text: VD.hubMismatches, hint: `${t(VD.waitingThird)}: ${props.mismatch}` },
    { href: deskPath(e, '/paper/sheets'), text: VD.hubSheets, hint: `${t(VD.waitingSecond)}: ${props.keyedOnce}` },
    { href: deskPath(e, '/turnout'), text: VD.hubTurnout },
    { href: deskPath(e, '/tally'), text: VD.hubTally },
    { href: deskPath(e, '/audit'), text: VD.hubAudit },
    // Administrators set the rules and the ballots (fixed once voting opens).
    ...(usePage().user?.roles.includes('admin') ? [{ href: deskPath(e, '/setup'), text: VS.hubLink, hint: t(VS.hubHint) }] : []),
  ];
  return (
    <DeskLayout title={e.name} area="voting" breadcrumbs={editionCrumbs(e).slice(0, 2)}>
      <ul class="govuk-list govuk-list--spaced">
        {links.map((l) => (
          <li>
            <a class="govuk-link govuk-!-font-weight-bold" href={l.href}>
              {t(l.text)}
            </a>
            {l.hint ? <p class="govuk-body-s govuk-!-margin-bottom-0">{l.hint}</p> : null}
          </li>
        ))}
      </ul>
    </DeskLayout>
  );
}

/** /desk/voting/:editionId/turnout: the live figures, with what waits on paper. */
export function DeskTurnoutView(props: {
  edition: DeskEdition;
  pools: Array<{ id: string; name: string }>;
  turnout: Turnout;
  areaNames: Map<string, string>;
  waiting: { keyedOnce: number; mismatch: number };
  at: Date;
}) {
  const t = useT();
  const { locale } = usePage();
  const e = props.edition;
  const tu = props.turnout;
  const n = (x: number) => formatNumber(locale, x);
  const rows = (items: Array<{ label: string; n: number }>) =>
    items.map((r) => (
      <tr class="govuk-table__row">
        <th scope="row" class="govuk-table__header">
          {r.label}
        </th>
        <td class="govuk-table__cell govuk-table__cell--numeric">{n(r.n)}</td>
      </tr>
    ));
  return (
    <DeskLayout title={t(VD.turnoutTitle)} area="voting" caption={e.name} breadcrumbs={editionCrumbs(e)}>
      <p class="govuk-body">
        {t(VD.figuresAt, { time: formatDateTime(locale, props.at) })}{' '}
        <a class="govuk-link" href={deskPath(e, '/turnout')}>
          {t(VD.refresh)}
        </a>
      </p>
      <SummaryList
        rows={[
          { key: VD.valid_, value: n(tu.total) },
          { key: VD.pending, value: n(tu.pending) },
          { key: VD.invalid, value: n(tu.invalid) },
          { key: VD.paperWaiting, value: n(props.waiting.keyedOnce) },
          { key: VD.paperMismatch, value: n(props.waiting.mismatch) },
        ]}
      />
      <Table caption={t(VD.byPool)} heads={[{ text: t(VD.pool) }, { text: t(VD.ballots), numeric: true }]}>
        {rows(props.pools.map((p) => ({ label: p.name, n: tu.byPool.find((b) => b.poolId === p.id)?.ballots ?? 0 })))}
      </Table>
      <Table caption={t(VD.byChannel)} heads={[{ text: t(VD.channel) }, { text: t(VD.ballots), numeric: true }]}>
        {rows([
          { label: t(VD.online), n: tu.byChannel.online },
          { label: t(VD.paper), n: tu.byChannel.paper },
        ])}
      </Table>
      <Table caption={t(VD.byArea)} heads={[{ text: t(VD.area) }, { text: t(VD.ballots), numeric: true }]}>
        {rows(
          tu.byArea
            .map((a) => ({ label: a.areaId ? (props.areaNames.get(a.areaId) ?? a.areaId) : t(VD.noArea), n: a.ballots }))
            .sort((a, b) => b.n - a.n || a.label.localeCompare(b.label, locale)),
        )}
      </Table>
      <InsetText>{t(VD.turnoutNote)}</InsetText>
    </DeskLayout>
  );
}

/** A long hash that may break every 16 characters (no spaces added: it is copied and compared as it is). */
function HashText(props: { value: string }) {
  const parts = props.value.match(/.{1,16}/g) ?? [];
  return (
    <code>
      {parts.map((part, i) => (
        <>
          {i > 0 ? <wbr /> : null}
          {part}
        </>
      ))}
    </code>
  );
}

type Review = Awaited<ReturnType<ResultsService['reviewResults']>>;
type Previous = Awaited<ReturnType<ResultsService['previousRun']>>;

/** /desk/voting/:editionId/tally: request a run, watch it, review it per pool, publish it. */
export function TallyView(props: { edition: DeskEdition; review: Review; previous: Previous; errors?: FormErrors; resultsHref: string }) {
  const t = useT();
  const { locale } = usePage();
  const e = props.edition;
  const { review, previous } = props;
  const run = review.run;
  const busy = run?.status === 'queued' || run?.status === 'running';
  const money = (g: number) => formatMoney(locale, g);
  let rerun: string | null = null;
  if (previous && run?.status === 'done' && review.embargo) {
    const diffs: string[] = [];
    for (const p of review.pools) {
      const before = previous.pools.find((x) => x.poolId === p.poolId);
      if (!before) continue;
      if (before.inputsSha256 !== p.inputsSha256) diffs.push(`${p.name}: ${t(VD.diffHash)}`);
      const now = p.projects
        .filter((x) => x.selected)
        .map((x) => x.code)
        .sort();
      if (now.join(',') !== before.selected.join(',')) diffs.push(`${p.name}: ${t(VD.diffSelected)}`);
    }
    const time = previous.finishedAt ? formatDateTime(locale, previous.finishedAt) : '';
    rerun = diffs.length ? t(VD.rerunDiffers, { time, what: diffs.join('; ') }) : t(VD.rerunSame, { time });
  }
  return (
    <DeskLayout title={t(VD.tallyTitle)} area="voting" caption={e.name} breadcrumbs={editionCrumbs(e)} errors={props.errors}>
      {run ? (
        <>
          <h2 class="govuk-heading-m">{t(VD.runState)}</h2>
          <SummaryList
            rows={[
              {
                key: VD.state,
                value: <Tag colour={run.status === 'failed' ? 'red' : run.status === 'done' ? 'green' : 'blue'}>{t(RUN_TEXT[run.status])}</Tag>,
              },
              { key: VD.requestedAt, value: formatDateTime(locale, run.createdAt) },
              ...(run.startedAt ? [{ key: VD.startedAt, value: formatDateTime(locale, run.startedAt) }] : []),
              ...(run.finishedAt ? [{ key: VD.finishedAt, value: formatDateTime(locale, run.finishedAt) }] : []),
              ...(run.error ? [{ key: VD.error, value: run.error }] : []),
            ]}
          />
          <p class="govuk-body">
            {busy ? `${t(VD.watch)} ` : null}
            <a class="govuk-link" href={deskPath(e, '/tally')}>
              {t(VD.refresh)}
            </a>
          </p>
        </>
      ) : (
        <p class="govuk-body">{t(VD.tallyNone)}</p>
      )}
      {review.published ? (
        <p class="govuk-body">
          {t(VD.published, { time: formatDateTime(locale, review.published.publishedAt) })}{' '}
          <a class="govuk-link" href={props.resultsHref}>
            {t(VD.seeResults)}
          </a>
        </p>
      ) : (
        <div class="govuk-button-group">
          <Form action={deskPath(e, '/tally')}>
            <Button variant={run ? 'secondary' : undefined}>{t(run ? VD.reRun : VD.runTally)}</Button>
          </Form>
        </div>
      )}
      {rerun ? <InsetText>{rerun}</InsetText> : null}
      {run?.status === 'done' && review.embargo ? <p class="govuk-body">{t(VD.embargo)}</p> : null}
      {run?.status === 'done' && review.embargo && review.pools.length === 0 ? <p class="govuk-body">{t(VD.noPoolsCovered)}</p> : null}
      {review.pools.map((p, i) => (
        <section aria-labelledby={`pool-${i + 1}`} class="govuk-!-margin-bottom-8">
          <h2 class="govuk-heading-m" id={`pool-${i + 1}`}>
            {p.name}
          </h2>
          <SummaryList
            rows={[
              { key: VD.budget, value: money(p.budget) },
              { key: VD.spent, value: money(p.spent) },
              {
                key: VD.ballotsKey,
                value: t(VD.ballotsCounted, { valid: formatNumber(locale, p.ballots.valid), invalid: formatNumber(locale, p.ballots.invalid) }),
              },
              { key: VD.rule, value: p.rule },
              { key: VD.seed, value: <code>{p.seed}</code> },
              { key: VD.inputsSha, value: <HashText value={p.inputsSha256} /> },
            ]}
          />
          {review.embargo ? (
            <Table
              caption={t(VD.projectsCaption, { pool: p.name })}
              heads={[{ text: t(VD.code) }, { text: t(VD.project) }, { text: t(VD.cost), numeric: true }, { text: t(VD.selected) }]}
            >
              {p.projects.map((r) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{r.code}</td>
                  <th scope="row" class="govuk-table__header">
                    {r.title}
                  </th>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{money(r.cost)}</td>
                  <td class="govuk-table__cell">{t(r.selected ? VD.yes : VD.no)}</td>
                </tr>
              ))}
            </Table>
          ) : (
            <Table
              caption={t(VD.projectsCaption, { pool: p.name })}
              heads={[
                { text: t(VD.rank), numeric: true },
                { text: t(VD.project) },
                { text: t(VD.votes), numeric: true },
                { text: t(VD.score), numeric: true },
                { text: t(VD.cost), numeric: true },
                { text: t(VD.selected) },
                { text: t(VD.reason) },
              ]}
            >
              {(p as Extract<Review, { embargo: false }>['pools'][number]).projects.map((r) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell govuk-table__cell--numeric">{r.rank}</td>
                  <th scope="row" class="govuk-table__header">
                    {r.title} ({r.code})
                  </th>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{formatNumber(locale, r.votes)}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{formatNumber(locale, r.score)}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{money(r.cost)}</td>
                  <td class="govuk-table__cell">{t(r.selected ? VD.yes : VD.no)}</td>
                  <td class="govuk-table__cell">{r.reason ? r.reason[locale] : (r.topUp?.reason[locale] ?? '')}</td>
                </tr>
              ))}
            </Table>
          )}
        </section>
      ))}
      {!review.published && run?.status === 'done' ? (
        <>
          <WarningText>{t(VD.publishWarning)}</WarningText>
          <Form action={deskPath(e, '/tally/publish')}>
            <Button>{t(VD.publish)}</Button>
          </Form>
        </>
      ) : null}
      {!review.published && run?.status !== 'done' ? (
        <Form action={deskPath(e, '/tally/publish')}>
          <Button variant="secondary">{t(VD.publish)}</Button>
        </Form>
      ) : null}
    </DeskLayout>
  );
}

export interface AuditRow {
  seq: number;
  at: Date;
  who: string;
  what: string;
  hash: string;
}

/** /desk/voting/:editionId/audit: the edition's entries in plain words, and whether the chain is intact. */
export function AuditView(props: { edition: DeskEdition; chainIntact: boolean; rows: AuditRow[] }) {
  const t = useT();
  const { locale } = usePage();
  const e = props.edition;
  return (
    <DeskLayout title={t(VD.auditTitle)} area="voting" caption={e.name} breadcrumbs={editionCrumbs(e)}>
      {props.chainIntact ? (
        <p class="govuk-body">
          <Tag colour="green">{t(VD.chainIntact)}</Tag>
        </p>
      ) : (
        <WarningText>{t(VD.chainBroken)}</WarningText>
      )}
      {props.rows.length === 0 ? (
        <p class="govuk-body">{t(VD.auditEmpty)}</p>
      ) : (
        <Table
          caption={t(VD.auditCaption)}
          heads={[
            { text: t(VD.auditNo), numeric: true },
            { text: t(VD.auditWhen) },
            { text: t(VD.auditWho) },
            { text: t(VD.auditWhat) },
            { text: t(VD.auditHash) },
          ]}
        >
          {props.rows.map((r) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell govuk-table__cell--numeric">{r.seq}</td>
              <td class="govuk-table__cell">{formatDateTime(locale, r.at)}</td>
              <td class="govuk-table__cell">{r.who}</td>
              <td class="govuk-table__cell">{r.what}</td>
              <td class="govuk-table__cell">
                <code title={r.hash}>{r.hash.slice(0, 12)}</code>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </DeskLayout>
  );
}

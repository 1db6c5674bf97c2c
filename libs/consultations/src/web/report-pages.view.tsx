import { formatDate, formatDateTime, formatNumber, InsetText, SummaryList, Tag, usePage, useT, type SummaryRow, type TagColour } from '@civitas/web';
import type { Text } from '@civitas/common';
import type { Report, ReportComment, Verdict } from '../report.service';
import { ConsultationFrame, type ConsultationFacts } from './consultation-frame.view';
import { ChartFigure } from './survey-charts';
import { SurveyResultsSection } from './survey-pages.view';
import { RT } from './report-pages.texts';

const VERDICT_COLOURS: Record<Verdict, TagColour> = {
  accepted: 'green',
  partially_accepted: 'turquoise',
  rejected: 'red',
  not_applicable: 'grey',
};

const CHANNELS = ['online', 'paper', 'email', 'meeting'] as const;

/** Before publication: what the report waits for (the consultation still running, being answered, cancelled). */
export function ReportPendingView(props: { facts: ConsultationFacts }) {
  const t = useT();
  const { locale } = usePage();
  const c = props.facts.c;
  const text =
    c.status === 'cancelled'
      ? t(RT.cancelled)
      : c.status === 'closed'
        ? t(RT.notYetClosed)
        : c.closesAt
          ? t(RT.notYetOpen, { date: formatDateTime(locale, c.closesAt) })
          : t(RT.notYetOpenNoDate);
  return (
    <ConsultationFrame facts={props.facts} active="report" heading={t(RT.notYetHeading)}>
      <p class="govuk-body">{text}</p>
      {c.status !== 'cancelled' ? <p class="govuk-body">{t(RT.subscribeHint)}</p> : null}
    </ConsultationFrame>
  );
}

/** A table of figures with a chart of the same figures after it (the table says everything). */
function FiguresWithChart(props: { id: string; caption: string; head: Text; rows: Array<{ label: string; n: number }>; chartCaption: string }) {
  const t = useT();
  const { locale } = usePage();
  return (
    <>
      <table class="govuk-table civitas-figures" id={props.id}>
        <caption class="govuk-table__caption govuk-table__caption--s">{props.caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              {t(props.head)}
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              {t(RT.figure)}
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {props.rows.map((r) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                {r.label}
              </th>
              <td class="govuk-table__cell govuk-table__cell--numeric">{formatNumber(locale, r.n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ChartFigure caption={props.chartCaption} bars={props.rows.map((r) => ({ label: r.label, value: r.n, shown: formatNumber(locale, r.n) }))} />
    </>
  );
}

function CommentEntry(props: { x: ReportComment }) {
  const t = useT();
  const { locale } = usePage();
  const x = props.x;
  const rows: SummaryRow[] = [
    { key: RT.author, value: x.authorName },
    { key: RT.date, value: x.receivedOn ? formatDate(locale, x.receivedOn) : formatDate(locale, x.createdAt) },
    { key: RT.channel, value: t(RT[x.channel]) },
  ];
  if (x.version !== null) rows.push({ key: RT.version, value: formatNumber(locale, x.version) });
  return (
    <article class="civitas-report-comment" aria-labelledby={`comment-${x.number}`}>
      <h4 class="govuk-heading-s" id={`comment-${x.number}`}>
        {t(RT.commentNumber, { n: x.number })}
      </h4>
      {x.hiddenLabel ? (
        <p class="govuk-body">
          <Tag colour="grey">{x.hiddenLabel[locale]}</Tag>
        </p>
      ) : (
        <>
          <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{t(RT.commentText)}</p>
          <p class="govuk-body govuk-!-text-break-word">{x.body}</p>
          {x.proposedWording ? (
            <>
              <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{t(RT.wording)}</p>
              <p class="govuk-body govuk-!-text-break-word">{x.proposedWording}</p>
            </>
          ) : null}
        </>
      )}
      <SummaryList rows={rows} />
      {x.response ? (
        <InsetText>
          <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
            {t(RT.response)}: <Tag colour={VERDICT_COLOURS[x.response.verdict]}>{x.response.label[locale]}</Tag>
          </p>
          <p class="govuk-body govuk-!-margin-bottom-0 govuk-!-text-break-word">
            <span class="govuk-!-font-weight-bold">{t(RT.justification)}:</span> {x.response.justification}
          </p>
        </InsetText>
      ) : (
        <p class="govuk-body">
          {t(RT.response)}: {t(RT.noResponse)}
        </p>
      )}
    </article>
  );
}

/** The published report: facts, downloads, participation (tables and charts), every comment with its response, the survey, the conclusions. */
export function ReportView(props: { facts: ConsultationFacts; report: Report }) {
  const t = useT();
  const { locale } = usePage();
  const r = props.report;
  const c = props.facts.c;
  const p = r.participation;
  const sectionName = (key: string | null) => {
    if (key === null) return t(RT.wholeDocument);
    const s = c.sections.find((x) => x.key === key);
    return s ? `${s.key}. ${s.heading}` : key;
  };
  // Comments grouped by section: the document's order, then those without a section.
  const groups = new Map<string | null, ReportComment[]>();
  const order = [...c.sections.map((s) => s.key)];
  for (const x of r.comments) {
    if (x.sectionKey !== null && !order.includes(x.sectionKey)) order.push(x.sectionKey);
    groups.set(x.sectionKey, [...(groups.get(x.sectionKey) ?? []), x]);
  }
  const keys: Array<string | null> = [...order.filter((k) => groups.has(k)), ...(groups.has(null) ? [null] : [])];
  const facts: SummaryRow[] = [];
  if (r.publishedAt) facts.push({ key: RT.published, value: formatDateTime(locale, r.publishedAt) });
  if (r.consultation.opensAt && r.consultation.closesAt)
    facts.push({
      key: RT.period,
      value: t(RT.periodRange, { from: formatDateTime(locale, r.consultation.opensAt), to: formatDateTime(locale, r.consultation.closesAt) }),
    });
  if (r.consultation.organiserUnit) facts.push({ key: RT.organiser, value: r.consultation.organiserUnit });
  const api = `/api/v1/consultations/${c.id}`;
  return (
    <ConsultationFrame facts={props.facts} active="report" heading={t(RT.heading)}>
      <SummaryList rows={facts} />
      <nav class="civitas-report-contents" aria-labelledby="report-contents">
        <h2 class="govuk-heading-s" id="report-contents">
          {t(RT.contents)}
        </h2>
        <ul class="govuk-list">
          <li>
            <a class="govuk-link" href="#participation">
              {t(RT.participationHeading)}
            </a>
          </li>
          <li>
            <a class="govuk-link" href="#comments">
              {t(RT.commentsHeading)}
            </a>
          </li>
          <li>
            <a class="govuk-link" href="#survey">
              {t(RT.surveyHeading)}
            </a>
          </li>
          <li>
            <a class="govuk-link" href="#conclusions">
              {t(RT.conclusionsHeading)}
            </a>
          </li>
        </ul>
      </nav>

      <h2 class="govuk-heading-m" id="downloads">
        {t(RT.downloadsHeading)}
      </h2>
      <ul class="govuk-list civitas-downloads">
        <li>
          <a class="govuk-link civitas-download" href={`${api}/report.csv`} download={`raport-${c.id}.csv`}>
            {t(RT.csv)}
          </a>
        </li>
        <li>
          <a class="govuk-link civitas-download" href={`${api}/report`}>
            {t(RT.json)}
          </a>
        </li>
      </ul>
      <p class="govuk-body-s civitas-no-print">{t(RT.printHint)}</p>

      <h2 class="govuk-heading-l" id="participation">
        {t(RT.participationHeading)}
      </h2>
      <FiguresWithChart
        id="participation-figures"
        caption={t(RT.participationHeading)}
        head={RT.participationHeading}
        rows={[
          { label: t(RT.people), n: p.people },
          { label: t(RT.comments), n: p.comments },
          { label: t(RT.surveyRespondents), n: p.surveyRespondents },
          { label: t(RT.meetingRegistrations), n: p.meetingRegistrations },
        ]}
        chartCaption={t(RT.chartParticipationCaption)}
      />
      {p.comments > 0 ? (
        <>
          <FiguresWithChart
            id="by-channel"
            caption={t(RT.byChannelHeading)}
            head={RT.channel}
            rows={CHANNELS.map((ch) => ({ label: t(RT[ch]), n: p.byChannel[ch] }))}
            chartCaption={t(RT.chartChannelCaption)}
          />
          <FiguresWithChart
            id="by-section"
            caption={t(RT.bySectionHeading)}
            head={RT.section}
            rows={p.bySection.map((s) => ({ label: sectionName(s.key), n: s.comments }))}
            chartCaption={t(RT.chartSectionCaption)}
          />
        </>
      ) : null}

      <h2 class="govuk-heading-l" id="comments">
        {t(RT.commentsHeading)}
      </h2>
      {r.comments.length === 0 ? <p class="govuk-body">{t(RT.noComments)}</p> : null}
      {keys.map((k, i) => (
        <section class="civitas-report-section" aria-labelledby={`section-${i + 1}`}>
          <h3 class="govuk-heading-m" id={`section-${i + 1}`}>
            {sectionName(k)}
          </h3>
          {(groups.get(k) ?? []).map((x) => (
            <CommentEntry x={x} />
          ))}
        </section>
      ))}

      <h2 class="govuk-heading-l" id="survey">
        {t(RT.surveyHeading)}
      </h2>
      {r.survey ? <SurveyResultsSection results={r.survey} level="h3" idPrefix="survey" /> : <p class="govuk-body">{t(RT.noSurvey)}</p>}

      <h2 class="govuk-heading-l" id="conclusions">
        {t(RT.conclusionsHeading)}
      </h2>
      {r.conclusions.trim() ? (
        // Safe HTML: Markdown rendered by the report service (raw HTML escaped, only safe links).
        <div class="civitas-markdown" dangerouslySetInnerHTML={{ __html: r.conclusionsHtml }} />
      ) : (
        <p class="govuk-body">{t(RT.noConclusions)}</p>
      )}
    </ConsultationFrame>
  );
}

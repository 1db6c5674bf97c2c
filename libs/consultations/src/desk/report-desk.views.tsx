import {
  Button,
  Choices,
  DateText,
  DeskLayout,
  Form,
  FormErrors,
  formatDate,
  formatDateTime,
  formatNumber,
  InsetText,
  Paragraphs,
  QueueCount,
  queueHref,
  QueuePagination,
  SummaryList,
  Tag,
  Textarea,
  usePage,
  useT,
  WarningText,
  type FormState,
  type QueuePage,
  type SummaryRow,
  type TagColour,
} from '@civitas/web';
import type { ManagedConsultation } from '../consultations.service';
import { VERDICTS, type Report, type ReportComment, type Verdict } from '../report.service';
import { answerable, commentPath, reportPath, sectionPath, type ReportSection } from './report-desk.model';
import { RD } from './report-desk.texts';

const VERDICT_COLOURS: Record<Verdict, TagColour> = { accepted: 'green', partially_accepted: 'turquoise', rejected: 'red', not_applicable: 'grey' };

const crumbs = (t: ReturnType<typeof useT>, id: string, title?: string) => [
  { text: t(RD.heading), href: '/desk/consultations' },
  ...(title ? [{ text: title, href: reportPath(id) }] : []),
];

function sectionName(t: ReturnType<typeof useT>, s: Pick<ReportSection, 'key' | 'doc'>): string {
  if (s.key === null) return t(RD.wholeDocument);
  return s.doc?.heading ? `${s.key}. ${s.doc.heading}` : s.key;
}

/** The queue of reports to prepare: closed consultations the official runs, with their progress. */
export function ReportsQueueView(props: { q: QueuePage<ManagedConsultation> }) {
  const t = useT();
  const { q } = props;
  return (
    <DeskLayout title={t(RD.reportsTitle)} area="consultations" breadcrumbs={[{ text: t(RD.heading), href: '/desk/consultations' }]}>
      <p class="govuk-body">{t(RD.reportsLead)}</p>
      <QueueCount q={q} />
      {q.rows.length ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{t(RD.reportsTitle)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(RD.consultation)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(RD.closedOn)}
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                {t(RD.progress)}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {q.rows.map((c) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  <a class="govuk-link" href={reportPath(c.id)}>
                    {c.title}
                  </a>
                </th>
                <td class="govuk-table__cell">{c.closesAt ? <DateText value={c.closesAt} withTime /> : '—'}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{t(RD.nOfM, { n: c.comments - c.unanswered, m: c.comments })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <QueuePagination q={q} href={(p) => queueHref('/desk/consultations/reports', {}, p)} />
    </DeskLayout>
  );
}

function ProgressLine(props: { n: number; m: number }) {
  const t = useT();
  return (
    <p class="govuk-body-l" role="status">
      {t(RD.answeredLine, { n: props.n, m: props.m })}
    </p>
  );
}

/** The report's overview at the desk: progress overall and per section, the next comment to answer, conclusions, publication. */
export function ReportDeskView(props: {
  report: Report;
  sections: ReportSection[];
  next: ReportComment | null;
  firstUnanswered: { comment: ReportComment; href: string } | null;
  errors?: FormErrors;
}) {
  const t = useT();
  const { locale } = usePage();
  const r = props.report;
  const id = r.consultation.id;
  const total = props.sections.reduce((a, s) => a + s.total, 0);
  const answered = props.sections.reduce((a, s) => a + s.answered, 0);
  const pending = r.comments.filter((x) => x.status === 'pending').length;
  const published = r.status === 'report_published';
  return (
    <DeskLayout title={t(RD.heading)} caption={r.consultation.title} area="consultations" breadcrumbs={crumbs(t, id)} errors={props.errors}>
      {props.firstUnanswered ? (
        <WarningText>
          <a class="govuk-link" id="first-unanswered" href={props.firstUnanswered.href}>
            {t(RD.firstUnanswered, { comment: t(RD.commentNumber, { n: props.firstUnanswered.comment.number }) })}
          </a>
        </WarningText>
      ) : null}
      {published && r.publishedAt ? (
        <InsetText>
          <p class="govuk-body">{t(RD.publishedOn, { date: formatDateTime(locale, r.publishedAt) })}</p>
          <p class="govuk-body govuk-!-margin-bottom-0">
            <a class="govuk-link" href={`/consultations/${id}/report`}>
              {t(RD.publicReport)}
            </a>
          </p>
        </InsetText>
      ) : null}
      <ProgressLine n={answered} m={total} />
      {!published && props.next ? (
        <p class="govuk-body">
          <a class="govuk-button" data-module="govuk-button" href={commentPath(id, props.next.id)}>
            {t(RD.nextUnanswered)}
          </a>
        </p>
      ) : null}
      {!published && !r.unanswered ? <p class="govuk-body">{t(RD.allAnswered)}</p> : null}
      {pending ? <p class="govuk-body">{t(RD.pendingLine, { n: pending })}</p> : null}

      {props.sections.length ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">{t(RD.sectionsCaption)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(RD.section)}
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                {t(RD.answered)}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.sections.map((s) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  <a class="govuk-link" href={sectionPath(id, s.slug)}>
                    {sectionName(t, s)}
                  </a>
                </th>
                <td class="govuk-table__cell govuk-table__cell--numeric">
                  {t(RD.nOfM, { n: s.answered, m: s.total })}
                  {s.answered === s.total ? (
                    <>
                      {' '}
                      <span aria-hidden="true">✓</span>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="govuk-body">{t(RD.noComments)}</p>
      )}

      <h2 class="govuk-heading-m">{t(RD.conclusionsHeading)}</h2>
      {r.conclusions.trim() ? (
        // Safe HTML: Markdown rendered by the report service (raw HTML escaped, only safe links).
        <div class="civitas-markdown govuk-!-margin-bottom-4" dangerouslySetInnerHTML={{ __html: r.conclusionsHtml }} />
      ) : (
        <p class="govuk-body">{t(RD.noConclusions)}</p>
      )}
      {!published ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`${reportPath(id)}/conclusions`}>
            {t(r.conclusions.trim() ? RD.changeConclusions : RD.writeConclusions)}
          </a>
        </p>
      ) : null}

      {!published ? (
        <>
          <h2 class="govuk-heading-m">{t(RD.publishHeading)}</h2>
          <p class="govuk-body">{t(RD.publishHint)}</p>
          <Form action={`${reportPath(id)}/publish`}>
            <Button>{t(RD.publish)}</Button>
          </Form>
        </>
      ) : null}
    </DeskLayout>
  );
}

function CommentFacts(props: { x: ReportComment }) {
  const t = useT();
  const { locale } = usePage();
  const x = props.x;
  const rows: SummaryRow[] = [
    { key: RD.author, value: x.authorName },
    { key: RD.date, value: formatDate(locale, x.receivedOn ?? x.createdAt) },
    { key: RD.channel, value: t(RD[x.channel]) },
  ];
  if (x.version !== null) rows.push({ key: RD.version, value: formatNumber(locale, x.version) });
  return <SummaryList rows={rows} />;
}

function CommentWords(props: { x: ReportComment }) {
  const t = useT();
  const { locale } = usePage();
  const x = props.x;
  if (x.hiddenLabel)
    return (
      <p class="govuk-body">
        <Tag colour="grey">{x.hiddenLabel[locale]}</Tag>
      </p>
    );
  return (
    <>
      {x.status === 'pending' ? (
        <p class="govuk-body">
          <Tag colour="yellow">{t(RD.pendingTag)}</Tag>
        </p>
      ) : null}
      <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{t(RD.commentText)}</p>
      <Paragraphs text={x.body} class="govuk-body govuk-!-text-break-word" />
      {x.proposedWording ? (
        <>
          <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{t(RD.wording)}</p>
          <Paragraphs text={x.proposedWording} class="govuk-body govuk-!-text-break-word" />
        </>
      ) : null}
    </>
  );
}

function ResponseShown(props: { x: ReportComment }) {
  const t = useT();
  const { locale } = usePage();
  const x = props.x;
  if (!x.response)
    return x.status === 'hidden' ? (
      <p class="govuk-body">{t(RD.hiddenNoResponse)}</p>
    ) : (
      <p class="govuk-body">
        {t(RD.response)}: <Tag colour="orange">{t(RD.noResponse)}</Tag>
      </p>
    );
  return (
    <InsetText>
      <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
        {t(RD.response)}: <Tag colour={VERDICT_COLOURS[x.response.verdict]}>{x.response.label[locale]}</Tag>
      </p>
      <p class="govuk-body govuk-!-margin-bottom-0 govuk-!-text-break-word">
        <span class="govuk-!-font-weight-bold">{t(RD.justificationShown)}:</span> {x.response.justification}
      </p>
    </InsetText>
  );
}

function SectionText(props: { s: ReportSection }) {
  const t = useT();
  if (props.s.key === null) return null;
  return (
    <details class="govuk-details">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">{t(RD.sectionText)}</span>
      </summary>
      <div class="govuk-details__text">
        {props.s.doc ? (
          // Safe HTML: Markdown rendered by the documents' service (raw HTML escaped, only safe links).
          <div class="civitas-markdown" dangerouslySetInnerHTML={{ __html: props.s.doc.bodyHtml }} />
        ) : (
          <p class="govuk-body">{t(RD.sectionGone)}</p>
        )}
      </div>
    </details>
  );
}

/** One section's comments with their responses, each a link to answer it; the section's progress; the sections around it. */
export function ReportSectionView(props: { report: Report; sections: ReportSection[]; at: number }) {
  const t = useT();
  const r = props.report;
  const id = r.consultation.id;
  const s = props.sections[props.at];
  const prev = props.sections[props.at - 1];
  const next = props.sections[props.at + 1];
  const published = r.status === 'report_published';
  return (
    <DeskLayout title={sectionName(t, s)} caption={r.consultation.title} area="consultations" breadcrumbs={crumbs(t, id, t(RD.heading))}>
      <p class="govuk-body" role="status">
        {t(RD.sectionProgress, { n: s.answered, m: s.total })}
      </p>
      <SectionText s={s} />
      {s.comments.map((x) => (
        <article class="civitas-desk-comment" aria-labelledby={`comment-${x.number}`} id={`c${x.number}`}>
          <h2 class="govuk-heading-m" id={`comment-${x.number}`}>
            {t(RD.commentNumber, { n: x.number })}
          </h2>
          <CommentWords x={x} />
          <CommentFacts x={x} />
          <ResponseShown x={x} />
          {!published && x.status === 'visible' ? (
            <p class="govuk-body">
              <a class="govuk-link" href={commentPath(id, x.id)}>
                {t(x.response ? RD.changeAnswer : RD.answer)}
                <span class="govuk-visually-hidden"> {t(RD.toComment, { n: x.number })}</span>
              </a>
            </p>
          ) : null}
        </article>
      ))}
      <nav class="govuk-pagination govuk-pagination--block" aria-label={t(RD.sectionsCaption)}>
        {prev ? (
          <div class="govuk-pagination__prev">
            <a class="govuk-link govuk-pagination__link" href={sectionPath(id, prev.slug)} rel="prev">
              <span class="govuk-pagination__link-title">{t(RD.previousSection)}</span>
              <span class="govuk-visually-hidden">:</span>
              <span class="govuk-pagination__link-label">{sectionName(t, prev)}</span>
            </a>
          </div>
        ) : null}
        {next ? (
          <div class="govuk-pagination__next">
            <a class="govuk-link govuk-pagination__link" href={sectionPath(id, next.slug)} rel="next">
              <span class="govuk-pagination__link-title">{t(RD.nextSection)}</span>
              <span class="govuk-visually-hidden">:</span>
              <span class="govuk-pagination__link-label">{sectionName(t, next)}</span>
            </a>
          </div>
        ) : null}
      </nav>
      <p class="govuk-body">
        <a class="govuk-link" href={reportPath(id)}>
          {t(RD.backToReport)}
        </a>
      </p>
    </DeskLayout>
  );
}

/** One comment and the form of the city's response to it (verdict and justification). */
export function CommentResponseView(props: {
  report: Report;
  section: ReportSection;
  comment: ReportComment;
  form: FormState;
  answered: number;
  total: number;
}) {
  const t = useT();
  const r = props.report;
  const id = r.consultation.id;
  const x = props.comment;
  const s = props.section;
  const published = r.status === 'report_published';
  return (
    <DeskLayout
      title={t(RD.commentNumber, { n: x.number })}
      caption={`${r.consultation.title} — ${sectionName(t, s)}`}
      area="consultations"
      breadcrumbs={[...crumbs(t, id, t(RD.heading)), { text: sectionName(t, s), href: sectionPath(id, s.slug) }]}
      errors={props.form.errors.any ? props.form.errors : undefined}
    >
      <p class="govuk-body" role="status">
        {t(RD.answeredLine, { n: props.answered, m: props.total })}
      </p>
      <CommentWords x={x} />
      <CommentFacts x={x} />
      <SectionText s={s} />
      {published || x.status === 'hidden' ? (
        <ResponseShown x={x} />
      ) : x.status === 'pending' ? (
        <WarningText>{t(RD.pendingNoForm)}</WarningText>
      ) : (
        <Form action={commentPath(id, x.id)}>
          <Choices
            type="radio"
            name="verdict"
            legend={RD.verdict}
            legendSize="m"
            form={props.form}
            choices={VERDICTS.map((v) => ({ value: v, label: RD[v] }))}
          />
          <Textarea name="justification" label={RD.justification} hint={RD.justificationHint} form={props.form} rows={6} maxlength={10_000} />
          <Button>{t(RD.saveAndNext)}</Button>
        </Form>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={sectionPath(id, s.slug)}>
          {t(RD.backToSection, { section: sectionName(t, s) })}
        </a>
      </p>
      {answerable(x) ? null : (
        <p class="govuk-body">
          <a class="govuk-link" href={reportPath(id)}>
            {t(RD.backToReport)}
          </a>
        </p>
      )}
    </DeskLayout>
  );
}

/** The conclusions (Markdown) with a preview rendered by the server (works without JavaScript). */
export function ConclusionsView(props: { report: Report; form: FormState; previewHtml: string | null }) {
  const t = useT();
  const r = props.report;
  const id = r.consultation.id;
  return (
    <DeskLayout
      title={t(RD.conclusionsTitle)}
      caption={r.consultation.title}
      area="consultations"
      breadcrumbs={crumbs(t, id, t(RD.heading))}
      errors={props.form.errors.any ? props.form.errors : undefined}
    >
      <Form action={`${reportPath(id)}/conclusions`}>
        <Textarea name="conclusions" label={RD.conclusions} hint={RD.conclusionsHint} form={props.form} rows={14} maxlength={100_000} />
        <div class="govuk-button-group">
          <Button>{t(RD.save)}</Button>
          <Button variant="secondary" name="action" value="preview">
            {t(RD.preview)}
          </Button>
        </div>
      </Form>
      {props.previewHtml !== null ? (
        <section aria-labelledby="preview-heading" class="civitas-preview">
          <h2 class="govuk-heading-m" id="preview-heading">
            {t(RD.previewHeading)}
          </h2>
          {props.previewHtml ? (
            // Safe HTML: renderMarkdown (raw HTML escaped, only safe links), as the published report renders it.
            <div class="civitas-markdown" dangerouslySetInnerHTML={{ __html: props.previewHtml }} />
          ) : (
            <p class="govuk-body">{t(RD.previewEmpty)}</p>
          )}
        </section>
      ) : null}
      <p class="govuk-body">
        <a class="govuk-link" href={reportPath(id)}>
          {t(RD.backToReport)}
        </a>
      </p>
    </DeskLayout>
  );
}

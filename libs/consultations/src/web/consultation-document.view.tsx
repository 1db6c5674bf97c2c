import { Paragraphs, Button, DateText, ErrorSummary, Form, formatDate, InsetText, plural, Tag, Textarea, usePage, useT, W, type FormState } from '@civitas/web';
import type { DocumentComment } from '../comments.service';
import type { ConsultationDocument, DocumentSection } from '../documents.service';
import { ConsultationFrame, type ConsultationFacts } from './consultation-frame.view';
import { CL, CPN, HIDDEN_REASON_NAMES } from './consultation-pages.texts';
import { Markdown } from './consultation-overview.view';
import type { DocumentDiff, SectionChange } from './document-diff';

/** How many comments a section shows on the document page; "show all N" leads to the section's own page. */
export const FIRST_COMMENTS = 5;

/** The fields of the comment form (their labels name them in the messages of a bad value). */
export const COMMENT_FIELDS = { sectionId: CL.fieldSection, body: CL.fieldBody, proposedWording: CL.fieldProposed };
export const REPORT_FIELDS = { reason: CL.reportReason };

/**
 * What the viewer may do with comments: comment (as a person or an organisation), or why not — not open, must sign in,
 * an NGO-only consultation and the account is not an organisation's.
 */
export type Participation =
  | { kind: 'closed' }
  | { kind: 'anonymous'; ngoOnly: boolean }
  | { kind: 'not_ngo' }
  | { kind: 'allowed'; organisation: string | null; name: string; preModerated: boolean };

const sectionAnchor = (id: string | null) => (id ? `section-${id}` : 'general');

const CHANNEL_NOTE = { paper: CL.channelPaper, email: CL.channelEmail, meeting: CL.channelMeeting } as const;

/** One comment: author, date, where it came from, the version it was made on, its words (or why it is hidden). */
export function CommentItem(props: { k: DocumentComment; consultationId: string; shownVersion: number; signedIn: boolean }) {
  const { locale } = usePage();
  const t = useT();
  const k = props.k;
  const base = `/consultations/${props.consultationId}`;
  const earlier = k.version !== null && k.version !== props.shownVersion;
  return (
    <li class="civitas-comment" id={`comment-${k.id}`}>
      <p class="govuk-body-s civitas-comment__meta">
        <strong>{k.authorName}</strong>, <DateText value={k.createdAt} />
        {k.channel !== 'online' ? <>, {t(CHANNEL_NOTE[k.channel])}</> : null}
        {earlier ? (
          <>
            {' — '}
            <a class="govuk-link" href={`${base}/document?version=${k.version}#${sectionAnchor(k.sectionId)}`}>
              {t(CL.madeOnVersion, { n: k.version! })}
            </a>
          </>
        ) : null}
        {k.own ? (
          <>
            {' '}
            <Tag colour="blue">{t(CL.yours)}</Tag>
          </>
        ) : null}
      </p>
      {k.status === 'hidden' ? (
        <p class="govuk-body civitas-comment__hidden">
          <em>{t(CL.hidden, { reason: t(HIDDEN_REASON_NAMES[k.hiddenReason ?? 'other']) })}</em>
        </p>
      ) : (
        <>
          {k.status === 'pending' ? (
            <p class="govuk-body">
              <Tag colour="yellow">{t(CL.pending)}</Tag> <span class="govuk-body-s">{t(CL.pendingHint)}</span>
            </p>
          ) : null}
          <Paragraphs text={k.body ?? ''} />
          {k.proposedWording ? (
            <div class="civitas-comment__proposal">
              <h4 class="govuk-heading-s govuk-!-margin-bottom-1">{t(CL.proposed)}</h4>
              <Paragraphs text={k.proposedWording} />
            </div>
          ) : null}
          {k.status === 'visible' && !k.own ? (
            k.reported ? (
              <p class="govuk-body-s">{t(CL.reported)}</p>
            ) : (
              <p class="govuk-body-s">
                <a class="govuk-link" href={`${base}/comments/${k.id}/report`}>
                  {t(CL.reportLink)}
                  <span class="govuk-visually-hidden"> ({t(CL.reportLinkOf, { author: k.authorName, date: formatDate(locale, k.createdAt) })})</span>
                </a>
              </p>
            )
          ) : null}
        </>
      )}
    </li>
  );
}

/** The comment form of one section (or of the whole document: section null), in a details element on the document page. */
function InlineCommentForm(props: { consultationId: string; section: DocumentSection | null; index: number; participation: Participation }) {
  const t = useT();
  const p = props.participation;
  if (p.kind !== 'allowed') return null;
  const n = props.index;
  const summary = props.section ? t(CL.commentOn, { key: props.section.key }) : t(CL.commentGeneral);
  return (
    <details class="govuk-details civitas-comment-form">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">{summary}</span>
      </summary>
      <div class="govuk-details__text">
        <Form action={`/consultations/${props.consultationId}/document/comments`}>
          {props.section ? <input type="hidden" name="sectionId" value={props.section.id} /> : null}
          <p class="govuk-body-s">{p.organisation ? t(CL.asOrganisation, { name: p.organisation }) : t(CL.asPerson, { name: p.name })}</p>
          <div class="govuk-form-group">
            <label class="govuk-label" for={`comment-${n}-body`}>
              {t(CL.fieldBody)}
            </label>
            <textarea class="govuk-textarea" id={`comment-${n}-body`} name="body" rows={5} />
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label" for={`comment-${n}-proposed`}>
              {t(CL.fieldProposed)} {t(W.optional)}
            </label>
            <div class="govuk-hint" id={`comment-${n}-proposed-hint`}>
              {t(CL.fieldProposedHint)}
            </div>
            <textarea class="govuk-textarea" id={`comment-${n}-proposed`} name="proposedWording" rows={3} aria-describedby={`comment-${n}-proposed-hint`} />
          </div>
          <Button>{t(CL.submitComment)}</Button>
        </Form>
      </div>
    </details>
  );
}

/** What the viewer is told instead of a form (sign in, NGO-only, not open). */
function ParticipationNote(props: { participation: Participation; next: string }) {
  const t = useT();
  const p = props.participation;
  if (p.kind === 'anonymous')
    return (
      <InsetText>
        {p.ngoOnly ? <p class="govuk-body">{t(CL.ngoOnlyAnonymous)}</p> : null}
        <p class="govuk-body">
          <a class="govuk-link" href={`/sign-in?next=${encodeURIComponent(props.next)}`}>
            {t(CL.signInToComment)}
          </a>
        </p>
      </InsetText>
    );
  if (p.kind === 'not_ngo')
    return (
      <InsetText>
        <p class="govuk-body">{t(CL.ngoOnlyComment)}</p>
      </InsetText>
    );
  if (p.kind === 'closed')
    return (
      <InsetText>
        <p class="govuk-body">{t(CL.notOpenComment)}</p>
      </InsetText>
    );
  return p.preModerated ? (
    <InsetText>
      <p class="govuk-body">{t(CL.preModerated)}</p>
    </InsetText>
  ) : null;
}

const CHANGE_TEXT: Record<Exclude<SectionChange, 'unchanged'>, { pl: string; en: string }> = {
  added: CL.changeAdded,
  changed: CL.changeChanged,
  moved: CL.changeMoved,
};
const CHANGE_COLOUR = { added: 'green', changed: 'orange', moved: 'grey' } as const;

function CommentList(props: { comments: DocumentComment[]; consultationId: string; shownVersion: number; signedIn: boolean }) {
  const t = useT();
  if (props.comments.length === 0) return <p class="govuk-body civitas-comments__empty">{t(CL.noComments)}</p>;
  return (
    <ol class="govuk-list civitas-comments">
      {props.comments.map((k) => (
        <CommentItem k={k} consultationId={props.consultationId} shownVersion={props.shownVersion} signedIn={props.signedIn} />
      ))}
    </ol>
  );
}

export interface DocumentPage {
  facts: ConsultationFacts;
  doc: ConsultationDocument;
  /** The shown version against the one before it (null for the first version or no document). */
  diff: DocumentDiff<DocumentSection> | null;
  comments: DocumentComment[];
  participation: Participation;
  signedIn: boolean;
}

/**
 * /consultations/:id/document: the version's sections, each with its first comments ("show all N" beyond them) and a
 * comment form while open; the general comments; a version switcher and what changed since the version before.
 */
export function DocumentView(props: DocumentPage) {
  const { locale } = usePage();
  const t = useT();
  const { facts, doc, participation } = props;
  const c = facts.c;
  const base = `/consultations/${c.id}`;
  const bySection = new Map<string | null, DocumentComment[]>();
  for (const k of props.comments) {
    const list = bySection.get(k.sectionId) ?? [];
    list.push(k);
    bySection.set(k.sectionId, list);
  }
  const shownIds = new Set(doc.sections.map((s) => s.id));
  const elsewhere = props.comments.filter((k) => k.sectionId !== null && !shownIds.has(k.sectionId));
  const general = bySection.get(null) ?? [];
  const older = doc.version > 0 && doc.version !== doc.currentVersion;
  const note = doc.versions.find((v) => v.version === doc.version)?.note;
  const canForm = participation.kind === 'allowed' && !older;
  const thread = (list: DocumentComment[], all: string, more: string) => (
    <>
      <CommentList comments={list.slice(0, FIRST_COMMENTS)} consultationId={c.id} shownVersion={doc.version} signedIn={props.signedIn} />
      {list.length > FIRST_COMMENTS ? (
        <p class="govuk-body">
          <a class="govuk-link" href={all}>
            {more}
          </a>
        </p>
      ) : null}
    </>
  );
  return (
    <ConsultationFrame facts={facts} active="document" heading={t(CL.documentTitle)}>
      <ParticipationNote participation={older ? { kind: 'closed' } : participation} next={`${base}/document`} />
      {doc.versions.length > 1 ? (
        <form method="get" action={`${base}/document`} class="civitas-filters" novalidate aria-labelledby="version-heading">
          <h2 class="govuk-heading-s" id="version-heading">
            {t(CL.versionHeading)}
          </h2>
          <div class="govuk-form-group">
            <label class="govuk-label" for="version">
              {t(CL.versionLabel)}
            </label>
            <select class="govuk-select" id="version" name="version">
              {[...doc.versions].reverse().map((v) => (
                <option value={String(v.version)} selected={v.version === doc.version}>
                  {t(v.version === doc.currentVersion ? CL.versionOptionCurrent : CL.versionOption, { n: v.version, date: formatDate(locale, v.createdAt) })}
                </option>
              ))}
            </select>
          </div>
          <Button variant="secondary">{t(CL.showVersion)}</Button>
        </form>
      ) : null}
      {older ? (
        <InsetText>
          <p class="govuk-body">{t(CL.olderVersion, { n: doc.version, current: doc.currentVersion })}</p>
          <p class="govuk-body">
            <a class="govuk-link" href={`${base}/document`}>
              {t(CL.goCurrent)}
            </a>
          </p>
        </InsetText>
      ) : null}
      {note ? <p class="govuk-body">{t(CL.versionNote, { note })}</p> : null}
      {props.diff ? <ChangesSummary diff={props.diff} doc={doc} /> : null}
      {doc.sections.length === 0 ? (
        <p class="govuk-body">{t(CL.noDocument)}</p>
      ) : (
        <nav aria-labelledby="contents-heading" class="civitas-contents">
          <h2 class="govuk-heading-s" id="contents-heading">
            {t(CL.contentsHeading)}
          </h2>
          <ol class="govuk-list">
            {doc.sections.map((s) => (
              <li>
                <a class="govuk-link" href={`#${sectionAnchor(s.id)}`}>
                  {s.key}
                  {s.heading ? ` ${s.heading}` : ''}
                </a>{' '}
                <span class="govuk-body-s">({plural(locale, (bySection.get(s.id) ?? []).filter((k) => k.status !== 'pending').length, CPN.comments)})</span>
              </li>
            ))}
          </ol>
        </nav>
      )}
      {doc.sections.map((s, i) => {
        const list = bySection.get(s.id) ?? [];
        const change = props.diff?.changes.get(s.id);
        return (
          <section class="civitas-section" id={sectionAnchor(s.id)} aria-labelledby={`${sectionAnchor(s.id)}-heading`}>
            <h2 class="govuk-heading-m" id={`${sectionAnchor(s.id)}-heading`}>
              {s.key}
              {s.heading ? ` ${s.heading}` : ''}
              {change && change.change !== 'unchanged' ? (
                <>
                  {' '}
                  <Tag colour={CHANGE_COLOUR[change.change]}>{t(CHANGE_TEXT[change.change])}</Tag>
                </>
              ) : null}
            </h2>
            <Markdown html={s.bodyHtml} class="civitas-markdown civitas-section__text" />
            {change?.change === 'changed' && change.before ? (
              <details class="govuk-details">
                <summary class="govuk-details__summary">
                  <span class="govuk-details__summary-text">{t(CL.previousWording, { n: doc.version - 1 })}</span>
                </summary>
                <div class="govuk-details__text">
                  <Markdown html={change.before.bodyHtml} />
                </div>
              </details>
            ) : null}
            <h3 class="govuk-heading-s">{t(CL.sectionComments, { key: s.key })}</h3>
            {thread(list, `${base}/document/sections/${s.id}`, t(CL.showAll, { key: s.key, n: list.length }))}
            {canForm ? <InlineCommentForm consultationId={c.id} section={s} index={i + 1} participation={participation} /> : null}
          </section>
        );
      })}
      {elsewhere.length > 0 ? (
        <section class="civitas-section" aria-labelledby="elsewhere-heading">
          <h2 class="govuk-heading-m" id="elsewhere-heading">
            {t(CL.elsewhereHeading)}
          </h2>
          <CommentList comments={elsewhere} consultationId={c.id} shownVersion={doc.version} signedIn={props.signedIn} />
        </section>
      ) : null}
      <section class="civitas-section" id="general" aria-labelledby="general-heading">
        <h2 class="govuk-heading-m" id="general-heading">
          {t(CL.generalHeading)}
        </h2>
        <p class="govuk-body">{t(CL.generalLead)}</p>
        {thread(general, `${base}/document/general`, t(CL.showAllGeneral, { n: general.length }))}
        {canForm ? <InlineCommentForm consultationId={c.id} section={null} index={0} participation={participation} /> : null}
      </section>
    </ConsultationFrame>
  );
}

function ChangesSummary(props: { diff: DocumentDiff<DocumentSection>; doc: ConsultationDocument }) {
  const t = useT();
  const changed = props.doc.sections.filter((s) => {
    const x = props.diff.changes.get(s.id);
    return x && x.change !== 'unchanged';
  });
  return (
    <section aria-labelledby="changes-heading" class="civitas-changes">
      <h2 class="govuk-heading-s" id="changes-heading">
        {t(CL.changesHeading, { n: props.doc.version - 1 })}
      </h2>
      {changed.length === 0 && props.diff.removed.length === 0 ? <p class="govuk-body">{t(CL.noChanges)}</p> : null}
      {changed.length > 0 ? (
        <ul class="govuk-list govuk-list--bullet">
          {changed.map((s) => (
            <li>
              <a class="govuk-link" href={`#${sectionAnchor(s.id)}`}>
                {s.key}
              </a>
              : {t(CHANGE_TEXT[props.diff.changes.get(s.id)!.change as Exclude<SectionChange, 'unchanged'>])}
            </li>
          ))}
        </ul>
      ) : null}
      {props.diff.removed.length > 0 ? <p class="govuk-body">{t(CL.removedSections, { keys: props.diff.removed.map((s) => s.key).join(', ') })}</p> : null}
    </section>
  );
}

/**
 * /consultations/:id/document/sections/:sectionId (and …/document/general): one section with all its comments and
 * the comment form — where a comment form with errors comes back (422).
 */
export function SectionView(props: {
  facts: ConsultationFacts;
  doc: ConsultationDocument;
  section: DocumentSection | null;
  comments: DocumentComment[];
  participation: Participation;
  signedIn: boolean;
  form: FormState;
}) {
  const t = useT();
  const { facts, section, participation } = props;
  const c = facts.c;
  const base = `/consultations/${c.id}`;
  const heading = section ? t(CL.sectionComments, { key: section.key }) : t(CL.generalHeading);
  const path = section ? `${base}/document/sections/${section.id}` : `${base}/document/general`;
  return (
    <ConsultationFrame facts={facts} active="document" heading={heading} errors={props.form.errors}>
      <ErrorSummary errors={props.form.errors} />
      <p class="govuk-body">
        <a class="govuk-link" href={`${base}/document#${sectionAnchor(section?.id ?? null)}`}>
          {t(CL.backToDocument)}
        </a>
      </p>
      {section ? (
        <>
          <h2 class="govuk-heading-m">
            {section.key}
            {section.heading ? ` ${section.heading}` : ''}
          </h2>
          <Markdown html={section.bodyHtml} class="civitas-markdown civitas-section__text" />
        </>
      ) : (
        <p class="govuk-body">{t(CL.generalLead)}</p>
      )}
      <h2 class="govuk-heading-m">{t(CL.comments)}</h2>
      <CommentList comments={props.comments} consultationId={c.id} shownVersion={props.doc.currentVersion} signedIn={props.signedIn} />
      <ParticipationNote participation={participation} next={path} />
      {participation.kind === 'allowed' ? (
        <Form action={`${base}/document/comments`}>
          <h2 class="govuk-heading-m">{section ? t(CL.commentOn, { key: section.key }) : t(CL.commentGeneral)}</h2>
          {section ? <input type="hidden" name="sectionId" value={section.id} /> : null}
          <p class="govuk-body">
            {participation.organisation ? t(CL.asOrganisation, { name: participation.organisation }) : t(CL.asPerson, { name: participation.name })}
          </p>
          <Textarea name="body" label={CL.fieldBody} form={props.form} rows={6} maxlength={10_000} />
          <Textarea name="proposedWording" label={CL.fieldProposed} hint={CL.fieldProposedHint} optional form={props.form} rows={4} />
          <Button>{t(CL.submitComment)}</Button>
        </Form>
      ) : null}
    </ConsultationFrame>
  );
}

/** /consultations/:id/comments/:commentId/report: the comment, and why the visitor reports it (optional). */
export function ReportCommentView(props: { facts: ConsultationFacts; comment: DocumentComment; form: FormState }) {
  const t = useT();
  const c = props.facts.c;
  return (
    <ConsultationFrame facts={props.facts} active="document" heading={t(CL.reportTitle)} errors={props.form.errors}>
      <ErrorSummary errors={props.form.errors} />
      <p class="govuk-body">{t(CL.reportLead)}</p>
      <h2 class="govuk-heading-m">{t(CL.reportComment)}</h2>
      <div class="civitas-comment civitas-comment--quoted">
        <p class="govuk-body-s civitas-comment__meta">
          <strong>{props.comment.authorName}</strong>, <DateText value={props.comment.createdAt} />
        </p>
        <Paragraphs text={props.comment.body ?? ''} />
      </div>
      <Form action={`/consultations/${c.id}/comments/${props.comment.id}/report`}>
        <Textarea name="reason" label={CL.reportReason} optional form={props.form} rows={4} maxlength={1000} />
        <Button variant="warning">{t(CL.submitReport)}</Button>
      </Form>
      <p class="govuk-body">
        <a class="govuk-link" href={`/consultations/${c.id}/document#comment-${props.comment.id}`}>
          {t(CL.backToDocument)}
        </a>
      </p>
    </ConsultationFrame>
  );
}

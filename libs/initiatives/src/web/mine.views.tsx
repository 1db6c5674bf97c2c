import { Button, DateText, emptyForm, Form, formatDate, InsetText, SummaryList, Textarea, TextInput, usePage, useT, type FormState } from '@civitas/web';
import type { FullInitiative } from '../applications.service';
import { WITH_AGREEMENT_STATUSES } from '../initiative-status';
import { CityShareRows, CorrectionBox, InKindRows } from './apply.views';
import {
  ApplicantsLine,
  ApplicationDetails,
  crumbs,
  DecisionDetails,
  InitiativePage,
  MINE,
  ProblemSummary,
  ReportTotals,
  StatusTag,
  tasksPath,
  type LinkedProblem,
} from './initiatives-page.view';
import { L, STATUS_NAMES } from './initiatives-pages.texts';

const mine = (a?: FullInitiative) => crumbs({ href: MINE, text: L.myApplications }, ...(a ? [{ href: `/initiatives/${a.id}`, text: a.title }] : []));

/** What the author does next with an application, as a link (or a line). */
function NextStep(props: { a: FullInitiative }) {
  const t = useT();
  const { locale } = usePage();
  const a = props.a;
  const link = (href: string, text: string) => (
    <a class="govuk-link" href={href}>
      {text}
      <span class="govuk-visually-hidden">: {a.title}</span>
    </a>
  );
  if (a.status === 'draft') return link(tasksPath(a.id), t(L.nextDraft));
  if (a.status === 'correction_requested')
    return link(`/initiatives/${a.id}/correction`, t(L.nextCorrection, { date: a.correctionDeadline ? formatDate(locale, a.correctionDeadline) : '' }));
  if (a.status === 'agreement_drafted' || a.status === 'agreement_signed') return link(`/initiatives/${a.id}/agreement`, t(L.nextAgreement));
  if (a.status === 'in_progress') return link(`/initiatives/${a.id}/final-report`, t(L.nextReport));
  if (['submitted', 'registered', 'formal_check', 'evaluation', 'approved'].includes(a.status)) return <>{t(L.nextWait)}</>;
  return <>{t(L.nextNone)}</>;
}

/** The author's applications: status and what to do next. */
export function MineView(props: { items: FullInitiative[] }) {
  const t = useT();
  return (
    <InitiativePage title={t(L.mineTitle)} crumbs={crumbs()} wide>
      <p class="govuk-body">
        <a class="govuk-button" href="/initiatives/apply" role="button" draggable={false} data-module="govuk-button">
          {t(L.applyLink)}
        </a>
      </p>
      {props.items.length === 0 ? (
        <p class="govuk-body">{t(L.mineEmpty)}</p>
      ) : (
        <table class="govuk-table civitas-table--stack">
          <caption class="govuk-table__caption govuk-visually-hidden">{t(L.mineTitle)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(L.title)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(L.caseNumber)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(L.status)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(L.next)}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.items.map((a) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/initiatives/${a.id}`}>
                    {a.title}
                  </a>
                </td>
                <td class="govuk-table__cell">{a.caseNumber ?? t(L.none)}</td>
                <td class="govuk-table__cell">
                  <StatusTag status={a.status} />
                </td>
                <td class="govuk-table__cell">
                  <NextStep a={a} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </InitiativePage>
  );
}

/** The author's own application: status, the correction request, the decision, the agreement, the report, everything. */
export function MyApplicationView(props: { a: FullInitiative; hourValue: number; now: Date }) {
  const t = useT();
  const a = props.a;
  return (
    <InitiativePage title={a.title} caption={t(L.myCaption)} crumbs={mine()}>
      <SummaryList
        rows={[
          { key: L.caseNumber, value: a.caseNumber ?? t(L.noCase) },
          { key: L.status, value: <StatusTag status={a.status} /> },
          { key: L.year, value: String(a.year) },
          { key: L.whoApplies, value: <ApplicantsLine a={a} /> },
          ...(a.submittedAt ? [{ key: L.submittedOn, value: <DateText value={a.submittedAt} /> }] : []),
          ...(a.registeredAt ? [{ key: L.registeredOn, value: <DateText value={a.registeredAt} /> }] : []),
        ]}
      />
      {a.status === 'draft' ? (
        <>
          <InsetText>{t(L.draftNote)}</InsetText>
          <p class="govuk-body">
            <a class="govuk-button" href={tasksPath(a.id)} role="button" draggable={false} data-module="govuk-button">
              {t(L.continueDraft)}
            </a>
          </p>
        </>
      ) : null}
      {a.status === 'correction_requested' ? <CorrectionBox a={a} now={props.now} link /> : null}
      <DecisionDetails a={a} />
      {WITH_AGREEMENT_STATUSES.includes(a.status) ? (
        <>
          <h2 class="govuk-heading-m">{t(L.agreementHeading)}</h2>
          <SummaryList
            rows={[
              { key: L.agreementNumber, value: a.agreement.number ?? t(L.none) },
              ...(a.agreement.termFrom && a.agreement.termTo ? [{ key: L.term, value: <Term from={a.agreement.termFrom} to={a.agreement.termTo} /> }] : []),
              { key: L.signed, value: <Signed at={a.agreement.signedAt} /> },
            ]}
          />
          <p class="govuk-body">
            <a class="govuk-link" href={`/initiatives/${a.id}/agreement`}>
              {t(L.readAgreement)}
            </a>
          </p>
        </>
      ) : null}
      {a.status === 'terminated' && a.terminatedReason ? (
        <>
          <h2 class="govuk-heading-m">{t(L.terminatedHeading)}</h2>
          <p class="govuk-body">{a.terminatedReason}</p>
        </>
      ) : null}
      {a.status === 'in_progress' ? (
        <p class="govuk-body">
          <a class="govuk-button" href={`/initiatives/${a.id}/final-report`} role="button" draggable={false} data-module="govuk-button">
            {t(L.fileReport)}
          </a>
        </p>
      ) : null}
      <ReportTotals report={a.finalReport} />
      <ApplicationDetails a={a} hourValue={props.hourValue} />
    </InitiativePage>
  );
}

function Term(props: { from: string; to: string }) {
  const t = useT();
  const { locale } = usePage();
  return <>{t(L.termValue, { from: formatDate(locale, props.from), to: formatDate(locale, props.to) })}</>;
}

function Signed(props: { at: Date | null }) {
  const t = useT();
  const { locale } = usePage();
  return <>{props.at ? t(L.signedOn, { date: formatDate(locale, props.at) }) : t(L.notSigned)}</>;
}

/** The correction request and the form to send the corrected application back. */
export function CorrectionView(props: { a: FullInitiative; now: Date; problems: LinkedProblem[] }) {
  const t = useT();
  const a = props.a;
  if (a.status !== 'correction_requested') {
    return (
      <InitiativePage title={t(L.correctionTitle)} caption={a.title} crumbs={mine(a)}>
        <p class="govuk-body">{t(L.noCorrection)}</p>
        <p class="govuk-body">
          <a class="govuk-link" href={`/initiatives/${a.id}`}>
            {t(L.viewApplication)}
          </a>
        </p>
      </InitiativePage>
    );
  }
  return (
    <InitiativePage title={t(L.correctionTitle)} docTitle={`${t(L.correctionTitle)}: ${a.title}`} caption={a.title} crumbs={mine(a)} problems={props.problems}>
      <CorrectionBox a={a} now={props.now} />
      <p class="govuk-body">{t(L.correctionHow)}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={tasksPath(a.id)}>
          {t(L.changeParts)}
        </a>
      </p>
      <Form action={`/initiatives/${a.id}/correction`}>
        <Button>{t(L.resubmit)}</Button>
      </Form>
    </InitiativePage>
  );
}

/** The agreement to read and print (the document itself on its own page), and how it is signed. */
export function AgreementView(props: { a: FullInitiative }) {
  const t = useT();
  const a = props.a;
  const has = WITH_AGREEMENT_STATUSES.includes(a.status);
  return (
    <InitiativePage title={t(L.agreementTitle)} docTitle={`${t(L.agreementTitle)}: ${a.title}`} caption={a.title} crumbs={mine(a)}>
      {!has ? (
        <p class="govuk-body">{t(L.noAgreement)}</p>
      ) : (
        <>
          <SummaryList
            rows={[
              { key: L.agreementNumber, value: a.agreement.number ?? t(L.none) },
              ...(a.agreement.termFrom && a.agreement.termTo ? [{ key: L.term, value: <Term from={a.agreement.termFrom} to={a.agreement.termTo} /> }] : []),
              { key: L.status, value: <StatusTag status={a.status} /> },
              { key: L.signed, value: <Signed at={a.agreement.signedAt} /> },
            ]}
          />
          <h2 class="govuk-heading-m">{t(L.agreementDocument)}</h2>
          <p class="govuk-body">{t(L.documentNote)}</p>
          <ul class="govuk-list">
            <li>
              <a class="govuk-link" href={`/initiatives/${a.id}/agreement/document`} data-agreement-link="read">
                {t(L.openDocument)}
              </a>
            </li>
            <li>
              <a class="govuk-link" href={`/initiatives/${a.id}/agreement/download`} download>
                {t(L.downloadDocument)}
              </a>
            </li>
          </ul>
          <h2 class="govuk-heading-m">{t(L.signed)}</h2>
          <p class="govuk-body">{t(L.howToSign)}</p>
        </>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`/initiatives/${a.id}`}>
          {t(L.viewApplication)}
        </a>
      </p>
    </InitiativePage>
  );
}

/** The final report form: what was done and the actual contributions of both sides. */
export function FinalReportView(props: {
  a: FullInitiative;
  form: FormState;
  inKindRows: number;
  shareRows: number;
  problems?: LinkedProblem[];
  /** The photo upload form with its error (a file refused). */
  photoForm?: FormState;
}) {
  const t = useT();
  const a = props.a;
  if (a.status !== 'in_progress') {
    return (
      <InitiativePage title={t(L.reportTitle)} caption={a.title} crumbs={mine(a)}>
        <p class="govuk-body">{t(L.reportNotNow, { status: t(STATUS_NAMES[a.status]) })}</p>
        <ReportTotals report={a.finalReport} />
        <p class="govuk-body">
          <a class="govuk-link" href={`/initiatives/${a.id}`}>
            {t(L.viewApplication)}
          </a>
        </p>
      </InitiativePage>
    );
  }
  const filedAt = a.finalReport?.filedAt as string | undefined;
  return (
    <InitiativePage
      title={t(L.reportTitle)}
      docTitle={`${t(L.reportTitle)}: ${a.title}`}
      caption={a.title}
      crumbs={mine(a)}
      errors={props.photoForm?.errors.any ? props.photoForm.errors : props.form.errors}
    >
      {props.problems?.length ? <ProblemSummary problems={props.problems} /> : null}
      <p class="govuk-body">{t(L.reportLead)}</p>
      {filedAt ? <InsetText>{t(L.reportFiled, { date: formatDate(usePage().locale, filedAt) })}</InsetText> : null}
      <Form action={`/initiatives/${a.id}/final-report`}>
        <Textarea name="summary" label={L.summaryLabel} form={props.form} rows={8} />
        <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{t(L.volunteerHeading)}</legend>
          <TextInput name="volunteerPeople" label={L.volunteerPeople} form={props.form} width="5" inputmode="numeric" />
          <TextInput name="volunteerHours" label={L.volunteerHours} form={props.form} width="5" inputmode="numeric" />
        </fieldset>
        <h2 class="govuk-heading-m">{t(L.inKindHeading)}</h2>
        <InKindRows form={props.form} rows={props.inKindRows} />
        <TextInput name="cash" label={L.cashLabel} form={props.form} width="10" inputmode="decimal" />
        <h2 class="govuk-heading-m">{t(L.actualCityShare)}</h2>
        <CityShareRows form={props.form} rows={props.shareRows} />
        <Button>{t(L.reportButton)}</Button>
      </Form>
      <ReportPhotos a={a} form={props.photoForm ?? emptyForm()} />
    </InitiativePage>
  );
}

/** The photos of what was done (attachments `report_photo`, seen by the applicants and the area's officials) and the upload form. */
function ReportPhotos(props: { a: FullInitiative; form: FormState }) {
  const t = useT();
  const page = usePage();
  const a = props.a;
  const photos = a.attachments.filter((f) => f.kind === 'report_photo');
  const error = props.form.errors.for('photo');
  const src = (id: string) => `/api/v1/initiatives/${a.id}/attachments/${id}`;
  return (
    <section aria-labelledby="photos-heading" class="govuk-!-margin-top-8">
      <h2 class="govuk-heading-m" id="photos-heading">
        {t(L.photosHeading)}
      </h2>
      <p class="govuk-body">{t(L.photosLead)}</p>
      {photos.length === 0 ? (
        <p class="govuk-body" id="photos-none">
          {t(L.photosNone)}
        </p>
      ) : (
        <ul class="govuk-list civitas-photos">
          {photos.map((f) => (
            <li>
              <img class="civitas-photo" src={src(f.id)} alt={t(L.photoAlt, { name: f.fileName })} loading="lazy" />
              <br />
              <a class="govuk-link govuk-body-s" href={src(f.id)}>
                {f.fileName}
              </a>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`/initiatives/${a.id}/final-report/photos`} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={page.csrfToken()} />
        <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="photo">
            {t(L.photoLabel)}
          </label>
          {error ? (
            <p id="photo-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">{page.locale === 'pl' ? 'Błąd:' : 'Error:'}</span> {error}
            </p>
          ) : null}
          <input
            class={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`}
            id="photo"
            name="photo"
            type="file"
            accept=".png,.jpg,.jpeg,image/png,image/jpeg"
            aria-describedby={error ? 'photo-error' : undefined}
          />
        </div>
        <Button variant="secondary">{t(L.addPhoto)}</Button>
      </form>
    </section>
  );
}

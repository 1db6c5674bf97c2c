import type { ComponentChildren } from 'preact';
import {
  Button,
  Choices,
  DateText,
  Form,
  formatMoney,
  FormErrors,
  Layout,
  Panel,
  Select,
  SummaryList,
  Tag,
  Textarea,
  TextInput,
  usePage,
  useT,
  WarningText,
  type FormState,
} from '@civitas/web';
import type { FullInitiative } from '../applications.service';
import type { Programme } from '../programmes.service';
import { TASK_AREA_KEYS, TASK_AREAS } from '../task-areas';
import { ApplicationDetails, crumbs, InitiativePage, MINE, StatusTag, tasksPath, type LinkedProblem } from './initiatives-page.view';
import { SECTIONS, shareCheck, type FieldSection, type TaskStatus } from './initiatives-pages.model';
import { ATTACHMENT_KIND, L, LAND_OWNER, SECTION_HINTS, SECTION_NAMES, SHARE_KIND, STATUS_NAMES, TASK_STATUS } from './initiatives-pages.texts';

const author = (a?: FullInitiative) => crumbs({ href: MINE, text: L.myApplications }, ...(a ? [{ href: tasksPath(a.id), text: a.title }] : []));

/** Starting an application: its title and who applies (the rest comes section by section). */
export function StartView(props: { form: FormState; programme: Programme; open: boolean }) {
  const t = useT();
  const p = props.programme;
  return (
    <InitiativePage title={t(L.startTitle)} crumbs={crumbs({ href: MINE, text: L.myApplications })} errors={props.form.errors}>
      <p class="govuk-body">{t(L.startLead)}</p>
      {props.open ? null : <WarningText>{t(L.intakeClosedNow)}</WarningText>}
      <Form action="/initiatives/apply">
        <TextInput name="title" label={L.titleLabel} form={props.form} maxlength={300} />
        <Choices
          type="radio"
          name="applicantType"
          legend={L.applicantType}
          form={props.form}
          choices={[
            { value: 'residents', label: L.typeResidents, hint: t(L.typeResidentsHint, { n: p.minApplicants }) },
            { value: 'ngo', label: L.typeNgo, hint: L.typeNgoHint },
          ]}
        />
        <Button>{t(L.startButton)}</Button>
      </Form>
    </InitiativePage>
  );
}

/** No programme this year: nothing to apply to. */
export function NoProgrammeApplyView(props: { year: number }) {
  const t = useT();
  return (
    <InitiativePage title={t(L.noProgrammeTitle, { year: props.year })} crumbs={crumbs()}>
      <p class="govuk-body">{t(L.noProgrammeApply, { year: props.year })}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={MINE}>
          {t(L.myApplications)}
        </a>
      </p>
    </InitiativePage>
  );
}

function StatusCell(props: { id: string; status: TaskStatus }) {
  const t = useT();
  const text = t(TASK_STATUS[props.status]);
  return (
    <div class="govuk-task-list__status" id={props.id}>
      {props.status === 'completed' ? text : <Tag colour={props.status === 'in_progress' ? 'light-blue' : 'blue'}>{text}</Tag>}
    </div>
  );
}

/** The correction request: the official's note and the deadline. */
export function CorrectionBox(props: { a: FullInitiative; now: Date; link?: boolean }) {
  const t = useT();
  const { locale } = usePage();
  const deadline = props.a.correctionDeadline;
  const lapsed = !!deadline && new Date(deadline).getTime() < props.now.getTime();
  const date = deadline
    ? new Intl.DateTimeFormat(locale === 'pl' ? 'pl-PL' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Warsaw' }).format(
        new Date(deadline),
      )
    : '';
  return (
    <div class="govuk-inset-text">
      <h2 class="govuk-heading-m">{t(L.correctionHeading)}</h2>
      {deadline ? lapsed ? <WarningText>{t(L.correctionLapsed, { date })}</WarningText> : <p class="govuk-body">{t(L.correctionDeadline, { date })}</p> : null}
      {props.a.correctionNote ? (
        <>
          <h3 class="govuk-heading-s govuk-!-margin-bottom-1">{t(L.correctionNote)}</h3>
          <p class="govuk-body">{props.a.correctionNote}</p>
        </>
      ) : null}
      {props.link ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`/initiatives/${props.a.id}/correction`}>
            {t(L.answerCorrection)}
          </a>
        </p>
      ) : null}
    </div>
  );
}

/** The application's task list: each section with its status; every section is saved on its own. */
export function TaskListView(props: { a: FullInitiative; statuses: Record<FieldSection, TaskStatus>; now: Date }) {
  const t = useT();
  const a = props.a;
  const correction = a.status === 'correction_requested';
  const countable = SECTIONS.filter((s) => s !== 'check');
  const done = countable.filter((s) => props.statuses[s as FieldSection] === 'completed').length;
  return (
    <InitiativePage
      title={t(correction ? L.correctionTasksTitle : L.tasksTitle)}
      docTitle={t(L.tasksTitleOf, { title: a.title })}
      caption={a.title}
      crumbs={author()}
    >
      {correction ? <CorrectionBox a={a} now={props.now} /> : null}
      <SummaryList
        rows={[
          { key: L.status, value: <StatusTag status={a.status} /> },
          { key: L.year, value: String(a.year) },
          ...(a.caseNumber ? [{ key: L.caseNumber, value: a.caseNumber }] : []),
        ]}
      />
      <p class="govuk-body govuk-!-margin-bottom-7">{t(L.tasksProgress, { done, total: countable.length })}</p>
      <ul class="govuk-task-list">
        {SECTIONS.map((s) => {
          const id = `task-${s}`;
          const name = s === 'check' && correction ? t(L.checkCorrectionTitle) : t(SECTION_NAMES[s]);
          return (
            <li class="govuk-task-list__item govuk-task-list__item--with-link">
              <div class="govuk-task-list__name-and-hint">
                <a class="govuk-link govuk-task-list__link" href={`${tasksPath(a.id)}/${s}`} aria-describedby={`${id}-hint ${id}-status`}>
                  {name}
                </a>
                <div id={`${id}-hint`} class="govuk-task-list__hint">
                  {t(SECTION_HINTS[s])}
                </div>
              </div>
              {s === 'check' ? (
                <div class="govuk-task-list__status" id={`${id}-status`}>
                  <Tag colour="blue">{t(TASK_STATUS[done === countable.length ? 'not_started' : 'in_progress'])}</Tag>
                </div>
              ) : (
                <StatusCell id={`${id}-status`} status={props.statuses[s]} />
              )}
            </li>
          );
        })}
      </ul>
      <p class="govuk-body">{t(L.tasksSaved)}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={MINE}>
          {t(L.myApplications)}
        </a>
      </p>
    </InitiativePage>
  );
}

/** An application that can no longer be changed: what it is, and where to see it. */
export function NotEditableView(props: { a: FullInitiative }) {
  const t = useT();
  const a = props.a;
  return (
    <InitiativePage title={t(L.notEditableTitle)} caption={a.title} crumbs={author()}>
      <p class="govuk-body">{t(L.notEditableBody, { status: t(STATUS_NAMES[a.status]) })}</p>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={`/initiatives/${a.id}`}>
            {t(L.viewApplication)}
          </a>
        </li>
        <li>
          <a class="govuk-link" href={MINE}>
            {t(L.myApplications)}
          </a>
        </li>
      </ul>
    </InitiativePage>
  );
}

/** A section's page: its form, "save and return" (and "save and add rows" where rows repeat), back to the list. */
function SectionPage(props: {
  a: FullInitiative;
  section: FieldSection;
  form: FormState;
  more?: boolean;
  lead?: string;
  children: ComponentChildren;
  multipart?: boolean;
}) {
  const t = useT();
  const a = props.a;
  return (
    <InitiativePage
      title={t(SECTION_NAMES[props.section])}
      docTitle={`${t(SECTION_NAMES[props.section])}: ${a.title}`}
      caption={a.title}
      crumbs={author(a)}
      errors={props.form.errors}
    >
      {props.lead ? <p class="govuk-body">{props.lead}</p> : null}
      <Form action={`${tasksPath(a.id)}/${props.section}`}>
        {props.children}
        <div class="govuk-button-group">
          <Button name="action" value="save">
            {t(L.saveContinue)}
          </Button>
          {props.more ? (
            <Button name="action" value="more" variant="secondary">
              {t(L.saveMore)}
            </Button>
          ) : null}
        </div>
      </Form>
      <p class="govuk-body">
        <a class="govuk-link" href={tasksPath(a.id)}>
          {t(L.backToTasks)}
        </a>
      </p>
    </InitiativePage>
  );
}

export function ApplicantsView(props: { a: FullInitiative; form: FormState; rows: number; minApplicants: number }) {
  const t = useT();
  return (
    <SectionPage a={props.a} section="applicants" form={props.form} more>
      <Choices
        type="radio"
        name="applicantType"
        legend={L.applicantType}
        form={props.form}
        choices={[
          { value: 'residents', label: L.typeResidents },
          { value: 'ngo', label: L.typeNgo },
        ]}
      />
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(L.ngoOnly)}</legend>
        <TextInput name="ngoName" label={L.ngoName} form={props.form} maxlength={300} optional />
        <TextInput name="ngoKrs" label={L.ngoKrs} hint={L.ngoKrsHint} form={props.form} width="10" inputmode="numeric" optional />
      </fieldset>
      <h2 class="govuk-heading-m">{t(L.residentsHeading)}</h2>
      <p class="govuk-hint">{t(L.residentsHint, { n: props.minApplicants })}</p>
      {Array.from({ length: props.rows }, (_, i) => (
        <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(L.resident, { n: i + 1 })}</legend>
          <TextInput name={`applicants.${i}.firstName`} label={L.firstName} form={props.form} width="20" autocomplete="off" />
          <TextInput name={`applicants.${i}.lastName`} label={L.lastName} form={props.form} width="20" autocomplete="off" />
          <TextInput name={`applicants.${i}.address`} label={L.address} form={props.form} autocomplete="off" />
        </fieldset>
      ))}
    </SectionPage>
  );
}

export function ContactView(props: { a: FullInitiative; form: FormState }) {
  return (
    <SectionPage a={props.a} section="contact" form={props.form}>
      <TextInput name="contactName" label={L.contactName} form={props.form} autocomplete="name" maxlength={200} />
      <TextInput name="contactEmail" label={L.contactEmail} hint={L.contactHint} type="email" form={props.form} autocomplete="email" spellcheck={false} />
      <TextInput name="contactPhone" label={L.contactPhone} type="tel" form={props.form} autocomplete="tel" width="20" optional />
      <Choices
        type="checkbox"
        name="contactPublic"
        legend={L.contactPublicLegend}
        form={props.form}
        choices={[{ value: 'true', label: L.contactPublic }]}
        small
      />
    </SectionPage>
  );
}

export function TaskView(props: { a: FullInitiative; form: FormState }) {
  const t = useT();
  return (
    <SectionPage a={props.a} section="task" form={props.form}>
      <Choices
        type="radio"
        name="taskArea"
        legend={L.taskArea}
        hint={L.taskAreasLead}
        form={props.form}
        small
        choices={TASK_AREA_KEYS.map((k) => ({ value: k, label: t(TASK_AREAS[k]) }))}
      />
      <TextInput name="title" label={L.titleLabel} form={props.form} maxlength={300} />
      <Textarea name="description" label={L.descriptionLabel} hint={L.descriptionHint} form={props.form} rows={8} />
      <Textarea name="beneficiaries" label={L.beneficiariesLabel} form={props.form} rows={3} />
      <TextInput name="beneficiariesCount" label={L.beneficiariesCountLabel} form={props.form} width="5" inputmode="numeric" />
    </SectionPage>
  );
}

export function LocationView(props: { a: FullInitiative; form: FormState; areas: Array<{ id: string; name: string }> }) {
  return (
    <SectionPage a={props.a} section="location" form={props.form}>
      <Textarea name="location" label={L.locationLabel} hint={L.locationHint} form={props.form} rows={3} />
      <Select
        name="areaId"
        label={L.areaLabel}
        form={props.form}
        choices={[{ value: '', label: L.noArea }, ...props.areas.map((x) => ({ value: x.id, label: x.name }))]}
      />
      <Choices
        type="radio"
        name="landOwner"
        legend={L.landOwnerLegend}
        form={props.form}
        choices={[
          { value: 'city', label: LAND_OWNER.city },
          { value: 'other', label: LAND_OWNER.other, hint: L.landOtherHint },
          { value: 'none', label: LAND_OWNER.none },
        ]}
      />
    </SectionPage>
  );
}

export function ScheduleView(props: { a: FullInitiative; form: FormState; rows: number }) {
  const t = useT();
  return (
    <SectionPage a={props.a} section="schedule" form={props.form} more lead={t(L.scheduleHint)}>
      {Array.from({ length: props.rows }, (_, i) => (
        <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(L.scheduleItem, { n: i + 1 })}</legend>
          <TextInput name={`schedule.${i}.from`} label={L.scheduleFrom} form={props.form} width="10" />
          <TextInput name={`schedule.${i}.to`} label={L.scheduleTo} form={props.form} width="10" />
          <TextInput name={`schedule.${i}.activity`} label={L.activity} form={props.form} maxlength={500} />
        </fieldset>
      ))}
    </SectionPage>
  );
}

/** Rows of in-kind items: what and its value. */
export function InKindRows(props: { form: FormState; rows: number }) {
  const t = useT();
  return (
    <>
      {Array.from({ length: props.rows }, (_, i) => (
        <fieldset class="govuk-fieldset govuk-!-margin-bottom-4">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(L.itemOf, { n: i + 1 })}</legend>
          <TextInput name={`inKind.${i}.item`} label={L.item} form={props.form} maxlength={300} />
          <TextInput name={`inKind.${i}.value`} label={L.value} form={props.form} width="10" inputmode="decimal" />
        </fieldset>
      ))}
    </>
  );
}

/** Rows of what the city is asked for: kind, description, value. */
export function CityShareRows(props: { form: FormState; rows: number }) {
  const t = useT();
  return (
    <>
      {Array.from({ length: props.rows }, (_, i) => (
        <fieldset class="govuk-fieldset govuk-!-margin-bottom-4">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(L.shareItem, { n: i + 1 })}</legend>
          <Select
            name={`cityShare.${i}.kind`}
            label={L.kind}
            form={props.form}
            choices={(['services', 'materials', 'equipment'] as const).map((k) => ({ value: k, label: SHARE_KIND[k] }))}
          />
          <TextInput name={`cityShare.${i}.description`} label={L.item} form={props.form} maxlength={500} />
          <TextInput name={`cityShare.${i}.value`} label={L.value} form={props.form} width="10" inputmode="decimal" />
        </fieldset>
      ))}
    </>
  );
}

/** The city's share asked for, against what the programme has left. */
export function ShareCheck(props: { share: number; remaining: number }) {
  const t = useT();
  const { locale } = usePage();
  const c = shareCheck(props.share, props.remaining);
  return c.fits ? (
    <p class="govuk-body" data-share-check="fits">
      {t(L.shareFits)}
    </p>
  ) : (
    <div data-share-check="over">
      <WarningText>{t(L.shareOver, { over: formatMoney(locale, c.over), remaining: formatMoney(locale, props.remaining) })}</WarningText>
    </div>
  );
}

export function CostsView(props: { a: FullInitiative; form: FormState; inKindRows: number; shareRows: number; programme: Programme }) {
  const t = useT();
  const { locale } = usePage();
  const a = props.a;
  const money = (g: number) => formatMoney(locale, g);
  return (
    <SectionPage a={a} section="costs" form={props.form} more lead={t(L.costsLead)}>
      <TextInput name="totalCost" label={L.totalCostLabel} form={props.form} width="10" inputmode="decimal" />
      <fieldset class="govuk-fieldset govuk-!-margin-bottom-6" aria-describedby="volunteer-hint">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{t(L.volunteerHeading)}</legend>
        <div id="volunteer-hint" class="govuk-hint">
          {t(L.volunteerHint, { rate: money(props.programme.volunteerHourValue) })}
        </div>
        <TextInput name="volunteerPeople" label={L.volunteerPeople} form={props.form} width="5" inputmode="numeric" />
        <TextInput name="volunteerHours" label={L.volunteerHours} form={props.form} width="5" inputmode="numeric" />
      </fieldset>
      <h2 class="govuk-heading-m">{t(L.inKindHeading)}</h2>
      <InKindRows form={props.form} rows={props.inKindRows} />
      <TextInput name="cash" label={L.cashLabel} form={props.form} width="10" inputmode="decimal" />
      <h2 class="govuk-heading-m">{t(L.cityShareHeading)}</h2>
      <p class="govuk-hint">{t(L.cityShareHint)}</p>
      <CityShareRows form={props.form} rows={props.shareRows} />
      <h2 class="govuk-heading-m">{t(L.sumsHeading)}</h2>
      <SummaryList
        rows={[
          {
            key: L.volunteerWork,
            value: t(L.volunteerWorkValue, {
              people: a.contribution.volunteerPeople,
              hours: a.contribution.volunteerHours,
              rate: money(props.programme.volunteerHourValue),
              value: money(a.contribution.volunteerValue),
            }),
          },
          { key: L.contributionTotal, value: money(a.contribution.total) },
          { key: L.requestedShare, value: money(a.cityShareTotal) },
          { key: L.stillAvailable, value: money(props.programme.remaining) },
        ]}
      />
      <ShareCheck share={a.cityShareTotal} remaining={props.programme.remaining} />
    </SectionPage>
  );
}

/** The files of the application, and the upload form (multipart; works without JavaScript). */
export function AttachmentsView(props: { a: FullInitiative; form: FormState }) {
  const t = useT();
  const { locale } = usePage();
  const page = usePage();
  const a = props.a;
  const required = [
    ...(a.landOwner === 'other' ? [t(ATTACHMENT_KIND.owner_consent)] : []),
    ...(a.applicantType === 'ngo' ? [t(ATTACHMENT_KIND.authorisation)] : []),
  ];
  const error = props.form.errors.for('file');
  return (
    <InitiativePage
      title={t(SECTION_NAMES.attachments)}
      docTitle={`${t(SECTION_NAMES.attachments)}: ${a.title}`}
      caption={a.title}
      crumbs={author(a)}
      errors={props.form.errors}
    >
      <p class="govuk-body">{t(L.attachmentsLead)}</p>
      {required.length ? <p class="govuk-body">{t(L.attachmentsRequired, { kinds: required.join(', ') })}</p> : null}
      {a.attachments.length ? (
        <SummaryList
          rows={a.attachments.map((f) => ({
            key: t(ATTACHMENT_KIND[f.kind]),
            value: (
              <a class="govuk-link" href={`/api/v1/initiatives/${a.id}/attachments/${f.id}`}>
                {f.fileName}
              </a>
            ),
          }))}
        />
      ) : (
        <p class="govuk-body">{t(L.attachmentsNone)}</p>
      )}
      <form method="post" action={`${tasksPath(a.id)}/attachments`} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={page.csrfToken()} />
        <Choices
          type="radio"
          name="kind"
          legend={L.kindLegend}
          form={props.form}
          small
          choices={(['owner_consent', 'authorisation', 'support_list', 'other'] as const).map((k) => ({ value: k, label: ATTACHMENT_KIND[k] }))}
        />
        <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="file">
            {t(L.fileLabel)}
          </label>
          {error ? (
            <p id="file-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">{locale === 'pl' ? 'Błąd:' : 'Error:'}</span> {error}
            </p>
          ) : null}
          <input
            class={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`}
            id="file"
            name="file"
            type="file"
            accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
            aria-describedby={error ? 'file-error' : undefined}
          />
        </div>
        <Button>{t(L.upload)}</Button>
      </form>
      <p class="govuk-body">
        <a class="govuk-link" href={tasksPath(a.id)}>
          {t(L.backToTasks)}
        </a>
      </p>
    </InitiativePage>
  );
}

/** The whole application to check, each part with "change", and the declaration to submit it. */
export function CheckView(props: { a: FullInitiative; programme: Programme; problems: LinkedProblem[]; declared: boolean }) {
  const t = useT();
  const a = props.a;
  const correction = a.status === 'correction_requested';
  const change = (s: string) => `${tasksPath(a.id)}/${s}`;
  const act = (s: FieldSection, hidden: string) => ({ href: change(s), text: L.change, hidden });
  return (
    <InitiativePage
      title={t(correction ? L.checkCorrectionTitle : L.checkTitle)}
      docTitle={`${t(correction ? L.checkCorrectionTitle : L.checkTitle)}: ${a.title}`}
      caption={a.title}
      crumbs={author(a)}
      problems={props.problems}
    >
      <h2 class="govuk-heading-m">{t(SECTION_NAMES.applicants)}</h2>
      <SummaryList
        rows={[
          { key: L.applicantType, value: t(a.applicantType === 'ngo' ? L.typeNgo : L.typeResidents), action: act('applicants', t(L.applicantType)) },
          ...(a.applicantType === 'ngo'
            ? [
                { key: L.ngoName, value: a.ngoName ?? t(L.none), action: act('applicants', t(L.ngoName)) },
                { key: L.ngoKrs, value: a.ngoKrs ?? t(L.none), action: act('applicants', t(L.ngoKrs)) },
              ]
            : []),
          {
            key: L.residentsHeading,
            value: a.applicants.length ? (
              <ul class="govuk-list">
                {a.applicants.map((p) => (
                  <li>
                    {p.firstName} {p.lastName}, {p.address}
                  </li>
                ))}
              </ul>
            ) : (
              t(L.none)
            ),
            action: act('applicants', t(L.residentsHeading)),
          },
          {
            key: L.contactPerson,
            value: [a.contactName, a.contactEmail, a.contactPhone].filter(Boolean).join(', ') || t(L.none),
            action: act('contact', t(L.contactPerson)),
          },
        ]}
      />
      <ApplicationDetails a={a} hourValue={props.programme.volunteerHourValue} change={change} />
      <ShareCheck share={a.cityShareTotal} remaining={props.programme.remaining} />
      <h2 class="govuk-heading-m">{t(L.files)}</h2>
      <SummaryList
        rows={[
          {
            key: L.files,
            value: a.attachments.length ? (
              <ul class="govuk-list">
                {a.attachments.map((f) => (
                  <li>
                    {t(ATTACHMENT_KIND[f.kind])}: {f.fileName}
                  </li>
                ))}
              </ul>
            ) : (
              t(L.attachmentsNone)
            ),
            action: act('attachments', t(L.files)),
          },
        ]}
      />
      <Form action={`${tasksPath(a.id)}/check`}>
        <Choices
          type="checkbox"
          name="declaration"
          legend={L.declarationLegend}
          form={{ values: { declaration: props.declared ? 'yes' : undefined }, errors: FormErrors.none() }}
          choices={[{ value: 'yes', label: L.declaration }]}
        />
        <Button>{t(correction ? L.resubmit : L.submit)}</Button>
      </Form>
    </InitiativePage>
  );
}

/** The confirmation after submitting: what happens next (the case number comes with registration). */
export function SubmittedView(props: { a: FullInitiative; resubmitted: boolean }) {
  const t = useT();
  const a = props.a;
  const title = t(props.resubmitted ? L.resubmittedTitle : L.submittedTitle);
  return (
    <Layout title={title} section="initiatives" breadcrumbs={author()}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Panel title={title}>{a.caseNumber ? t(L.yourCaseNumber, { n: a.caseNumber }) : a.title}</Panel>
          {a.submittedAt ? (
            <p class="govuk-body">
              {t(L.submittedOn)}: <DateText value={a.submittedAt} withTime />
            </p>
          ) : null}
          <p class="govuk-body">{t(props.resubmitted ? L.resubmitted : L.submittedBody)}</p>
          <ul class="govuk-list">
            <li>
              <a class="govuk-link" href={`/initiatives/${a.id}`}>
                {t(L.viewApplication)}
              </a>
            </li>
            <li>
              <a class="govuk-link" href={MINE}>
                {t(L.myApplications)}
              </a>
            </li>
          </ul>
        </div>
      </div>
    </Layout>
  );
}

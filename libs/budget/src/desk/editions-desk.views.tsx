import { format, type Text } from '@civitas/common';
import {
  Button,
  Choices,
  DeskLayout,
  Form,
  Select,
  SummaryList,
  Tag,
  TextInput,
  formatMoney,
  formatNumber,
  useT,
  usePage,
  type Choice,
  type FormState,
} from '@civitas/web';
import { CRITERIA, OPTIONAL_FIELDS } from '../edition-rules';
import type { Edition } from '../editions.service';
import { PHASES, type Phase } from '../phases';
import { CostLimits, Rules, Timeline } from '../web/budget-editions.view';
import { CRITERIA_NAMES, FIELD_NAMES } from '../web/budget-pages.texts';
import { PHASE_NAMES } from '../web/budget.texts';
import { editionPath, EDITIONS_PATH, NEW_CATEGORY_ROWS } from './editions-desk.model';
import { ED } from './editions-desk.texts';
import { budgetDeskCrumbs } from './reviews-desk.views';

const textOf = (template: Text, params: Record<string, string | number>): Text => ({ pl: format(template.pl, params), en: format(template.en, params) });

const editionsCrumbs = (...more: Array<{ href: string; text: Text }>) => budgetDeskCrumbs({ href: EDITIONS_PATH, text: ED.editionsTitle }, ...more);

export interface EditionRow {
  id: string;
  name: string;
  year: number;
  status: string;
  currentPhase: Phase | null;
}

export function EditionsListView(props: { editions: EditionRow[] }) {
  const t = useT();
  return (
    <DeskLayout title={t(ED.editionsTitle)} area="budget" breadcrumbs={budgetDeskCrumbs()}>
      <p class="govuk-body">{t(ED.editionsLead)}</p>
      <p class="govuk-body">
        <a class="govuk-button" href={`${EDITIONS_PATH}/new`} role="button" draggable={false} data-module="govuk-button">
          {t(ED.newEdition)}
        </a>
      </p>
      {props.editions.length ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{t(ED.editionsTitle)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(ED.colEdition)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(ED.colYear)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(ED.colStatus)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(ED.colPhase)}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.editions.map((e) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  <a class="govuk-link" href={editionPath(e.id)}>
                    {e.name}
                  </a>
                </th>
                <td class="govuk-table__cell">{e.year}</td>
                <td class="govuk-table__cell">{e.status === 'draft' ? <Tag colour="grey">{t(ED.draft)}</Tag> : <Tag colour="green">{t(ED.published)}</Tag>}</td>
                <td class="govuk-table__cell">{e.currentPhase ? t(PHASE_NAMES[e.currentPhase]) : t(ED.noPhase)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="govuk-body">{t(ED.noEditions)}</p>
      )}
    </DeskLayout>
  );
}

/** The edition as residents will read it, from the unsaved form: the schedule, the rules, the categories. */
function Preview(props: { edition: Edition }) {
  const t = useT();
  const { locale } = usePage();
  const e = props.edition;
  return (
    <section class="govuk-!-margin-top-6" aria-labelledby="preview-heading">
      <h2 class="govuk-heading-m" id="preview-heading">
        {t(ED.previewHeading)}
      </h2>
      <p class="govuk-body">{t(ED.previewNote)}</p>
      <div class="govuk-inset-text">
        <p class="govuk-heading-s">
          {e.name} ({e.year})
        </p>
        <Timeline phases={e.phases} current={e.currentPhase} />
        <Rules edition={e} />
        {e.categories.length ? <p class="govuk-body">{e.categories.map((c) => (locale === 'pl' ? c.namePl : c.nameEn)).join(', ')}</p> : null}
      </div>
    </section>
  );
}

/** Create or change an edition: name, year, ballot order, the schedule (every phase), the rules, and (new) categories. */
export function EditionFormView(props: { edition?: Edition; form: FormState; preview?: Edition }) {
  const t = useT();
  const { form, edition } = props;
  const action = edition ? `${editionPath(edition.id)}/edit` : `${EDITIONS_PATH}/new`;
  const title = edition ? ED.editTitle : ED.newTitle;
  return (
    <DeskLayout
      title={t(title)}
      caption={edition?.name}
      area="budget"
      breadcrumbs={edition ? editionsCrumbs({ href: editionPath(edition.id), text: { pl: edition.name, en: edition.name } }) : editionsCrumbs()}
      errors={form.errors.any ? form.errors : undefined}
    >
      <Form action={action}>
        {/* Enter in a field saves (the first submit button of a form is its default). */}
        <button type="submit" name="action" value="save" class="govuk-visually-hidden" tabindex={-1} aria-hidden="true">
          {t(edition ? ED.save : ED.create)}
        </button>
        <TextInput name="name" label={ED.name} form={form} maxlength={200} />
        <TextInput name="year" label={ED.year} form={form} inputmode="numeric" width="4" />
        <Choices
          type="radio"
          name="ballotOrder"
          legend={ED.ballotOrder}
          form={form}
          choices={[
            { value: 'alphabetical', label: ED.alphabetical },
            { value: 'lottery', label: ED.lottery },
          ]}
        />
        <h2 class="govuk-heading-m">{t(ED.scheduleHeading)}</h2>
        <p class="govuk-hint">{t(ED.scheduleHint)}</p>
        {PHASES.map((p, i) => (
          <fieldset class="govuk-fieldset govuk-!-margin-bottom-4">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(PHASE_NAMES[p])}</legend>
            <TextInput name={`phases.${i}.startsAt`} label={textOf(ED.starts, { phase: t(PHASE_NAMES[p]) })} form={form} width="10" />
            <TextInput name={`phases.${i}.endsAt`} label={textOf(ED.ends, { phase: t(PHASE_NAMES[p]) })} form={form} width="10" />
          </fieldset>
        ))}
        <h2 class="govuk-heading-m">{t(ED.rulesHeading)}</h2>
        <TextInput name="rules.maxAuthors" label={ED.maxAuthors} form={form} inputmode="numeric" width="2" />
        <TextInput name="rules.correctionDays" label={ED.correctionDays} form={form} inputmode="numeric" width="2" />
        <TextInput name="rules.appealDays" label={ED.appealDays} form={form} inputmode="numeric" width="2" />
        <Choices
          type="radio"
          name="rules.onlineEndorsements"
          legend={ED.onlineEndorsements}
          form={form}
          choices={[
            { value: 'true', label: ED.onlineYes },
            { value: 'false', label: ED.onlineNo },
          ]}
        />
        <Choices
          type="checkbox"
          small
          name="rules.criteria"
          legend={ED.criteria}
          form={form}
          choices={CRITERIA.map((c) => ({ value: c, label: CRITERIA_NAMES[c] }))}
        />
        <Choices
          type="checkbox"
          small
          name="rules.requiredFields"
          legend={ED.requiredFields}
          form={form}
          choices={OPTIONAL_FIELDS.map((f) => ({ value: f, label: FIELD_NAMES[f] }))}
        />
        {edition ? null : (
          <>
            <h2 class="govuk-heading-m">{t(ED.categoriesHeading)}</h2>
            <p class="govuk-hint">{t(ED.categoriesHint)}</p>
            {Array.from({ length: NEW_CATEGORY_ROWS }, (_, i) => (
              <fieldset class="govuk-fieldset govuk-!-margin-bottom-4">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(ED.category, { n: i + 1 })}</legend>
                <TextInput name={`categories.${i}.namePl`} label={ED.namePl} form={form} maxlength={100} />
                <TextInput name={`categories.${i}.nameEn`} label={ED.nameEn} form={form} maxlength={100} />
              </fieldset>
            ))}
          </>
        )}
        <div class="govuk-button-group">
          <Button variant="secondary" name="action" value="preview">
            {t(ED.preview)}
          </Button>
          <Button name="action" value="save">
            {t(edition ? ED.save : ED.create)}
          </Button>
        </div>
      </Form>
      {props.preview ? <Preview edition={props.preview} /> : null}
    </DeskLayout>
  );
}

/** An edition's page for its administrators: the schedule, rules, categories (add one), pools (add one), publishing. */
export function EditionDeskView(props: { edition: Edition; areaNames: Map<string, string>; form: FormState }) {
  const t = useT();
  const { locale } = usePage();
  const e = props.edition;
  const categoryName = (id: string | null) => {
    const c = id ? e.categories.find((x) => x.id === id) : undefined;
    return c ? (locale === 'pl' ? c.namePl : c.nameEn) : t(ED.anyCategory);
  };
  return (
    <DeskLayout
      title={e.name}
      caption={t(ED.editionCaption, { year: e.year })}
      area="budget"
      breadcrumbs={editionsCrumbs()}
      errors={props.form.errors.any ? props.form.errors : undefined}
    >
      <SummaryList
        rows={[
          { key: ED.status, value: e.status === 'draft' ? t(ED.draft) : t(ED.published) },
          { key: ED.phaseNow, value: e.currentPhase ? t(PHASE_NAMES[e.currentPhase]) : t(ED.noPhase) },
        ]}
      />
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={`${editionPath(e.id)}/edit`}>
            {t(ED.change)}
          </a>
        </li>
        {e.status === 'published' ? (
          <li>
            <a class="govuk-link" href={`/budget/${e.id}`}>
              {t(ED.publicPage)}
            </a>
          </li>
        ) : null}
      </ul>
      <h2 class="govuk-heading-m">{t(ED.scheduleHeading)}</h2>
      <Timeline phases={e.phases} current={e.currentPhase} />
      <h2 class="govuk-heading-m">{t(ED.rulesHeading)}</h2>
      <Rules edition={e} />

      <h2 class="govuk-heading-m">{t(ED.poolsHeading)}</h2>
      {e.pools.length ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{t(ED.poolsHeading)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(ED.colPool)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(ED.colArea)}
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                {t(ED.colAmount)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(ED.colLimits)}
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                {t(ED.colSignatures)}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {e.pools.map((p) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  {p.name}
                </th>
                <td class="govuk-table__cell">
                  {p.areaId ? (props.areaNames.get(p.areaId) ?? p.areaId) : t(ED.wholeCity)}, {categoryName(p.categoryId)}
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{formatMoney(locale, p.amount)}</td>
                <td class="govuk-table__cell">
                  <CostLimits pool={p} />
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric">
                  {formatNumber(locale, p.signaturesRequired)} ({formatNumber(locale, p.signatureCap)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="govuk-body">{t(ED.noPools)}</p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`${editionPath(e.id)}/pools/new`}>
          {t(ED.addPool)}
        </a>
      </p>

      <h2 class="govuk-heading-m">{t(ED.categoriesHeading)}</h2>
      {e.categories.length ? (
        <ul class="govuk-list govuk-list--bullet">
          {e.categories.map((c) => (
            <li>
              {c.namePl} / <span lang="en">{c.nameEn}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">{t(ED.noCategories)}</p>
      )}
      <Form action={`${editionPath(e.id)}/categories`} id="add-category">
        <TextInput name="namePl" label={ED.namePl} form={props.form} maxlength={100} />
        <TextInput name="nameEn" label={ED.nameEn} form={props.form} maxlength={100} />
        <Button variant="secondary">{t(ED.addCategory)}</Button>
      </Form>

      {e.status === 'published' ? (
        <>
          <h2 class="govuk-heading-m">{t(ED.ballotHeading)}</h2>
          <p class="govuk-body">{t(ED.ballotHint)}</p>
          <p class="govuk-body">
            <a class="govuk-link" href={`/budget/${e.id}/ballot`}>
              {t(ED.ballotPage)}
            </a>
          </p>
          <Form action={`${editionPath(e.id)}/ballot`} id="ballot">
            <Button variant="secondary">{t(ED.drawBallot)}</Button>
          </Form>
        </>
      ) : null}
      {e.status === 'draft' ? (
        <>
          <h2 class="govuk-heading-m">{t(ED.publishHeading)}</h2>
          <p class="govuk-body">{t(ED.publishHint)}</p>
          <Form action={`${editionPath(e.id)}/publish`} id="publish">
            <Button>{t(ED.publish)}</Button>
          </Form>
        </>
      ) : null}
    </DeskLayout>
  );
}

export interface AreaCap {
  id: string | null;
  name: string;
  residents: number;
  cap: number;
}

/** A new pool: its area and category, amount and cost limits in złoty or percent, signatures — the statutory caps beside. */
export function PoolFormView(props: { edition: Edition; areas: Choice[]; caps: AreaCap[]; form: FormState }) {
  const t = useT();
  const { locale } = usePage();
  const e = props.edition;
  const none: Choice = { value: '', label: ED.wholeCity };
  return (
    <DeskLayout
      title={t(ED.poolTitle)}
      caption={e.name}
      area="budget"
      breadcrumbs={editionsCrumbs({ href: editionPath(e.id), text: { pl: e.name, en: e.name } })}
      errors={props.form.errors.any ? props.form.errors : undefined}
    >
      <Form action={`${editionPath(e.id)}/pools/new`}>
        <TextInput name="name" label={ED.poolName} form={props.form} maxlength={200} />
        <Select name="areaId" label={ED.poolArea} hint={ED.poolAreaHint} form={props.form} choices={[none, ...props.areas]} />
        <Select
          name="categoryId"
          label={ED.poolCategory}
          form={props.form}
          choices={[{ value: '', label: ED.none }, ...e.categories.map((c) => ({ value: c.id, label: { pl: c.namePl, en: c.nameEn } }))]}
        />
        <TextInput name="amount" label={ED.amount} form={props.form} inputmode="decimal" width="10" />
        <TextInput name="minCost" label={ED.minCost} form={props.form} inputmode="decimal" width="10" />
        <TextInput name="maxCost" label={ED.maxCost} form={props.form} inputmode="decimal" width="10" />
        <TextInput name="minCostBp" label={ED.minCostBp} hint={ED.percentHint} form={props.form} inputmode="decimal" width="5" />
        <TextInput name="maxCostBp" label={ED.maxCostBp} hint={ED.percentHint} form={props.form} inputmode="decimal" width="5" />
        <TextInput name="signaturesRequired" label={ED.signaturesRequired} hint={ED.signaturesHint} form={props.form} inputmode="numeric" width="5" />
        <Button>{t(ED.addThePool)}</Button>
      </Form>
      <h2 class="govuk-heading-m">{t(ED.capsHeading)}</h2>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-visually-hidden">{t(ED.capsHeading)}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              {t(ED.poolArea)}
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              {t(ED.colResidents)}
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              {t(ED.colCap)}
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {props.caps.map((c) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                {c.name}
              </th>
              <td class="govuk-table__cell govuk-table__cell--numeric">{formatNumber(locale, c.residents)}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{formatNumber(locale, c.cap)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </DeskLayout>
  );
}

import { Button, Choices, DeskLayout, Form, formatMoney, Money, Tag, TextInput, textWith, usePage, useT, type FormState } from '@civitas/web';
import type { Programme } from '../programmes.service';
import { PG } from './programme-desk.texts';

export const PROGRAMMES_PATH = '/desk/initiatives/programmes';

/** The years around this one with their programme's state, each linked to its form. */
export function ProgrammesIndexView(props: { years: Array<{ year: number; programme: Programme | null }> }) {
  const t = useT();
  return (
    <DeskLayout title={t(PG.indexTitle)} area="initiatives">
      <p class="govuk-body">{t(PG.indexLead)}</p>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-visually-hidden">{t(PG.indexTitle)}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              {t(PG.year)}
            </th>
            <th scope="col" class="govuk-table__header">
              {t(PG.state)}
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              {t(PG.allocation)}
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              {t(PG.remaining)}
            </th>
            <th scope="col" class="govuk-table__header">
              <span class="govuk-visually-hidden">{t(PG.edit)}</span>
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {props.years.map(({ year, programme: p }) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                {year}
              </th>
              <td class="govuk-table__cell">{p ? <Tag colour="green">{t(PG.set)}</Tag> : <Tag colour="grey">{t(PG.notSet)}</Tag>}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{p ? <Money grosze={p.allocation} /> : '—'}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{p ? <Money grosze={p.remaining} /> : '—'}</td>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={`${PROGRAMMES_PATH}/${year}`}>
                  {t(p ? PG.edit : PG.create)}
                  <span class="govuk-visually-hidden">{t(PG.ofYear, { year: String(year) })}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </DeskLayout>
  );
}

/** A year's programme as a form: intake and its windows, the money, the applicants, the criteria as rows. */
export function ProgrammeFormView(props: { year: number; programme: Programme | null; form: FormState; rows: { windows: number; criteria: number } }) {
  const t = useT();
  const { locale } = usePage();
  const { year, programme: p, form } = props;
  const n = (text: typeof PG.key, i: number) => textWith(text, { n: String(i + 1) });
  const windows = Math.max(props.rows.windows, form.values.intake === 'windows' ? 1 : 0);
  return (
    <DeskLayout
      title={t(PG.title, { year: String(year) })}
      area="initiatives"
      breadcrumbs={[{ text: t(PG.indexTitle), href: PROGRAMMES_PATH }]}
      errors={form.errors.any ? form.errors : undefined}
    >
      <p class="govuk-body">{t(PG.lead)}</p>
      {p ? (
        <p class="govuk-body">{t(PG.remainingNow, { allocation: formatMoney(locale, p.allocation), remaining: formatMoney(locale, p.remaining) })}</p>
      ) : null}
      <p class="govuk-body">
        <a class="govuk-link" href={`/initiatives?year=${year}`}>
          {t(PG.publicLink)}
        </a>
      </p>
      <Form action={`${PROGRAMMES_PATH}/${year}`}>
        <Choices
          type="radio"
          name="intake"
          legend={PG.intake}
          form={form}
          choices={[
            { value: 'continuous', label: PG.continuous },
            { value: 'windows', label: PG.windows },
          ]}
        />
        <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(PG.windowsLegend)}</legend>
          <div class="govuk-hint">{t(PG.windowsHint)}</div>
          {Array.from({ length: windows }, (_, i) => (
            <div class="govuk-grid-row">
              <div class="govuk-grid-column-one-half">
                <TextInput name={`windows.${i}.opensOn`} label={n(PG.opensOn, i)} form={form} width="10" optional />
              </div>
              <div class="govuk-grid-column-one-half">
                <TextInput name={`windows.${i}.closesOn`} label={n(PG.closesOn, i)} form={form} width="10" optional />
              </div>
            </div>
          ))}
        </fieldset>
        <TextInput name="allocation" label={PG.allocation} hint={PG.allocationHint} form={form} width="10" inputmode="decimal" />
        <TextInput name="minApplicants" label={PG.minApplicants} form={form} width="3" inputmode="numeric" />
        <TextInput name="correctionDays" label={PG.correctionDays} hint={PG.correctionDaysHint} form={form} width="3" inputmode="numeric" optional />
        <TextInput name="volunteerHourValue" label={PG.volunteerHourValue} hint={PG.volunteerHourValueHint} form={form} width="5" inputmode="decimal" />
        <h2 class="govuk-heading-m">{t(PG.criteriaLegend)}</h2>
        <p class="govuk-hint">{t(PG.criteriaHint)}</p>
        {Array.from({ length: props.rows.criteria }, (_, i) => (
          <fieldset class="govuk-fieldset govuk-!-margin-bottom-4">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(PG.criterion, { n: String(i + 1) })}</legend>
            <TextInput name={`criteria.${i}.key`} label={n(PG.key, i)} form={form} width="10" optional />
            <TextInput name={`criteria.${i}.namePl`} label={n(PG.namePl, i)} form={form} optional />
            <TextInput name={`criteria.${i}.nameEn`} label={n(PG.nameEn, i)} form={form} optional />
            <TextInput name={`criteria.${i}.weight`} label={n(PG.weight, i)} form={form} width="4" inputmode="decimal" optional />
            <TextInput name={`criteria.${i}.maxPoints`} label={n(PG.maxPoints, i)} form={form} width="3" inputmode="numeric" optional />
          </fieldset>
        ))}
        <Choices
          type="radio"
          name="volunteerCriterion"
          legend={PG.volunteerCriterion}
          hint={PG.volunteerCriterionHint}
          form={form}
          choices={Array.from({ length: props.rows.criteria }, (_, i) => ({
            value: String(i),
            label: textWith(PG.criterion, { n: String(i + 1) }),
          }))}
        />
        <div class="govuk-button-group">
          <Button>{t(PG.save)}</Button>
          <Button variant="secondary" name="action" value="add-window">
            {t(PG.addWindow)}
          </Button>
          <Button variant="secondary" name="action" value="add-criterion">
            {t(PG.addCriterion)}
          </Button>
        </div>
      </Form>
    </DeskLayout>
  );
}

import type { Text } from '@civitas/common';
import {
  Button,
  D,
  DeskLayout,
  fieldId,
  Form,
  formatDateTime,
  formatMoney,
  InsetText,
  QueueCount,
  QueueFilters,
  QueuePagination,
  queueHref,
  Select,
  TextInput,
  usePage,
  useT,
  WarningText,
  type Crumb,
  type FormState,
  type QueuePage,
} from '@civitas/web';
import type { SheetStatus, SheetSummary } from '../ballots/paper-ballots.service';
import { type CardPool, numbersField, type PaperCard, poolField, projectField } from './paper-card';
import { VD } from './voting-desk.texts';

export interface DeskEdition {
  id: string;
  name: string;
}

export const deskPath = (e: { id: string }, rest = '') => `/desk/voting/${e.id}${rest}`;

export function editionCrumbs(e: DeskEdition): Crumb[] {
  return [
    { href: '/desk/voting', text: D.voting },
    { href: '/desk/voting/editions', text: VD.editionsTitle },
    { href: deskPath(e), text: e.name },
  ];
}

export const STATUS_TEXT: Record<SheetStatus, Text> = {
  keyed_once: VD.statusKeyedOnce,
  matched: VD.statusMatched,
  mismatch: VD.statusMismatch,
  resolved: VD.statusResolved,
  rejected: VD.statusRejected,
};

/** The outcome of a keying, shown above the next empty form; polite, and never taking the focus from the sheet number. */
export function OutcomeBanner(props: { kind: 'success' | 'info'; text: string }) {
  const t = useT();
  const success = props.kind === 'success';
  return (
    <div
      class={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role="status"
      aria-labelledby="keying-outcome-title"
      data-module="govuk-notification-banner"
      data-disable-auto-focus="true"
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="keying-outcome-title">
          {t(success ? { pl: 'Zapisano', en: 'Saved' } : { pl: 'Uwaga', en: 'Important' })}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{props.text}</p>
      </div>
    </div>
  );
}

function ruleOf(t: ReturnType<typeof useT>, pool: CardPool): string {
  const s = pool.spec;
  switch (s.voteType) {
    case 'approval':
      return s.maxLength ? t(VD.approvalRule, { min: s.minLength, max: s.maxLength }) : t(VD.approvalRuleNoMax, { min: s.minLength });
    case 'choose-1':
      return t(VD.choose1Rule);
    case 'cumulative':
      return t(VD.cumulativeRule, { total: s.pointsTotal ?? 0, max: s.maxPointsPerProject ?? s.pointsTotal ?? 0 });
    default:
      return t(VD.ordinalRule, { max: s.maxLength ?? pool.projects.length });
  }
}

function PoolError(props: { pool: CardPool; form: FormState }) {
  const t = useT();
  const error = props.form.errors.for(poolField(props.pool));
  if (!error) return null;
  return (
    <p id={`${poolField(props.pool)}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">{t({ pl: 'Błąd:', en: 'Error:' })}</span> {error}
    </p>
  );
}

/** One pool of the card, as printed: its projects numbered in ballot order, a box (or a field) beside each. */
function PoolOnCard(props: { pool: CardPool; form: FormState }) {
  const t = useT();
  const { locale } = usePage();
  const { pool, form } = props;
  const error = form.errors.for(poolField(pool));
  const hintId = `${poolField(pool)}-hint`;
  const described = [hintId, error ? `${poolField(pool)}-error` : ''].filter(Boolean).join(' ');
  const v = form.values[poolField(pool)];
  const ticked = new Set(Array.isArray(v) ? v : v ? [v] : []);
  const vt = pool.spec.voteType;
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={described}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{pool.name}</legend>
        <div id={hintId} class="govuk-hint">
          {ruleOf(t, pool)}
        </div>
        <PoolError pool={pool} form={form} />
        {vt === 'approval' || vt === 'choose-1' ? (
          <>
            <div class="govuk-form-group">
              <label class="govuk-label" for={poolField(pool)}>
                {t(VD.numbers)}
              </label>
              <div id={`${poolField(pool)}-numbers-hint`} class="govuk-hint">
                {t(VD.numbersHint)}
              </div>
              <input
                class={`govuk-input govuk-input--width-10${error ? ' govuk-input--error' : ''}`}
                id={poolField(pool)}
                name={numbersField(pool)}
                type="text"
                inputmode="numeric"
                autocomplete="off"
                spellcheck={false}
                value={typeof form.values[numbersField(pool)] === 'string' ? (form.values[numbersField(pool)] as string) : ''}
                aria-describedby={`${poolField(pool)}-numbers-hint`}
              />
            </div>
            <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              {pool.projects.map((p) => {
                const id = `${poolField(pool)}-c${p.position}`;
                return (
                  <div class="govuk-checkboxes__item">
                    <input
                      class="govuk-checkboxes__input"
                      id={id}
                      name={poolField(pool)}
                      type="checkbox"
                      value={String(p.position)}
                      checked={ticked.has(String(p.position))}
                    />
                    <label class="govuk-label govuk-checkboxes__label" for={id}>
                      {p.position}. {p.title} <span class="govuk-hint govuk-!-display-inline">({formatMoney(locale, p.cost)})</span>
                    </label>
                  </div>
                );
              })}
            </div>
          </>
        ) : (
          pool.projects.map((p, i) => {
            const name = projectField(pool, p.position);
            const value = form.values[name];
            return (
              <div class="govuk-form-group govuk-!-margin-bottom-2">
                <label class="govuk-label" for={i === 0 ? poolField(pool) : fieldId(name)}>
                  {t(vt === 'cumulative' ? VD.pointsOf : VD.placeOf, { n: p.position, title: p.title })}
                </label>
                <input
                  class="govuk-input govuk-input--width-2"
                  id={i === 0 ? poolField(pool) : fieldId(name)}
                  name={name}
                  type="text"
                  inputmode="numeric"
                  autocomplete="off"
                  value={typeof value === 'string' ? value : ''}
                />
              </div>
            );
          })
        )}
      </fieldset>
    </div>
  );
}

/**
 * The paper card as a form, in the card's order: the sheet number first (focused), then whether the sheet is valid
 * (one Tab and the arrow keys away), the voter, and each pool's projects in ballot order. Enter saves it.
 */
export function CardForm(props: { card: PaperCard; form: FormState; action: string; sheetFixed?: string; focusSheet: boolean }) {
  const t = useT();
  const { card, form } = props;
  const sheetError = form.errors.for('sheet');
  const invalid = typeof form.values.invalid === 'string' ? form.values.invalid : 'valid';
  const invalidChoices: Array<{ value: string; label: Text }> = [
    { value: 'valid', label: VD.valid },
    { value: 'content', label: VD.invalidContent },
    { value: 'unsigned', label: VD.invalidUnsigned },
    { value: 'illegible', label: VD.invalidIllegible },
  ];
  return (
    <Form action={props.action} id="sheet-form">
      {props.sheetFixed !== undefined ? (
        <input type="hidden" name="sheet" value={props.sheetFixed} />
      ) : (
        <div class={`govuk-form-group${sheetError ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label govuk-label--m" for="sheet">
            {t(VD.sheet)}
          </label>
          {sheetError ? (
            <p id="sheet-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">{t({ pl: 'Błąd:', en: 'Error:' })}</span> {sheetError}
            </p>
          ) : null}
          <input
            class={`govuk-input govuk-input--width-10${sheetError ? ' govuk-input--error' : ''}`}
            id="sheet"
            name="sheet"
            type="text"
            autocomplete="off"
            spellcheck={false}
            maxlength={64}
            value={typeof form.values.sheet === 'string' ? form.values.sheet : ''}
            aria-describedby={sheetError ? 'sheet-error' : undefined}
            autofocus={props.focusSheet}
          />
        </div>
      )}
      <div class="govuk-form-group">
        <fieldset class="govuk-fieldset" aria-describedby="invalid-hint">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(VD.invalidLegend)}</legend>
          <div id="invalid-hint" class="govuk-hint">
            {t(VD.invalidHint)}
          </div>
          <div class="govuk-radios govuk-radios--small govuk-radios--inline" data-module="govuk-radios">
            {invalidChoices.map((c, i) => (
              <div class="govuk-radios__item">
                <input
                  class="govuk-radios__input"
                  id={i === 0 ? 'invalid' : `invalid-${c.value}`}
                  name="invalid"
                  type="radio"
                  value={c.value}
                  checked={invalid === c.value}
                />
                <label class="govuk-label govuk-radios__label" for={i === 0 ? 'invalid' : `invalid-${c.value}`}>
                  {t(c.label)}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <h2 class="govuk-heading-m">{t(VD.voter)}</h2>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <TextInput name="firstName" label={VD.firstName} form={form} autocomplete="off" spellcheck={false} maxlength={100} />
        </div>
        <div class="govuk-grid-column-one-half">
          <TextInput name="lastName" label={VD.lastName} form={form} autocomplete="off" spellcheck={false} maxlength={100} />
        </div>
      </div>
      <Select
        name="areaId"
        label={VD.areaId}
        form={form}
        choices={[{ value: '', label: VD.chooseArea }, ...card.areas.map((a) => ({ value: a.id, label: a.name }))]}
      />
      {card.asks.email ? (
        <TextInput name="email" type="email" label={VD.email} hint={VD.emailHint} optional form={form} autocomplete="off" spellcheck={false} />
      ) : null}
      {card.asks.pesel ? <TextInput name="pesel" label={VD.pesel} form={form} inputmode="numeric" autocomplete="off" width="10" maxlength={11} /> : null}
      {card.asks.birthYear ? (
        <TextInput name="birthYear" label={VD.birthYear} form={form} inputmode="numeric" autocomplete="off" width="4" maxlength={4} />
      ) : null}
      {card.asks.guardian ? (
        <>
          <TextInput name="guardianName" label={VD.guardianName} optional form={form} autocomplete="off" />
          <div class="govuk-form-group">
            <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              <div class="govuk-checkboxes__item">
                <input
                  class="govuk-checkboxes__input"
                  id="guardianDeclaration"
                  name="guardianDeclaration"
                  type="checkbox"
                  value="yes"
                  checked={form.values.guardianDeclaration === 'yes'}
                />
                <label class="govuk-label govuk-checkboxes__label" for="guardianDeclaration">
                  {t(VD.guardianDeclaration)}
                </label>
              </div>
            </div>
          </div>
        </>
      ) : null}
      {card.pools.map((p) => (
        <PoolOnCard pool={p} form={form} />
      ))}
      <Button>{t(VD.save)}</Button>
    </Form>
  );
}

/** /desk/voting/:editionId/paper: one sheet at a time. */
export function PaperView(props: {
  edition: DeskEdition;
  card: PaperCard | null;
  form: FormState;
  outcome: { kind: 'success' | 'info'; text: string } | null;
}) {
  const t = useT();
  const e = props.edition;
  return (
    <DeskLayout title={t(VD.paperTitle)} area="voting" caption={e.name} breadcrumbs={editionCrumbs(e)} errors={props.form.errors}>
      {props.outcome ? <OutcomeBanner kind={props.outcome.kind} text={props.outcome.text} /> : null}
      {props.card ? (
        <>
          <p class="govuk-body">{t(VD.paperIntro)}</p>
          <CardForm card={props.card} form={props.form} action={deskPath(e, '/paper')} focusSheet={!props.form.errors.any} />
          <p class="govuk-body">
            <a class="govuk-link" href={deskPath(e, '/paper/mismatches')}>
              {t(VD.hubMismatches)}
            </a>
          </p>
        </>
      ) : (
        <p class="govuk-body">{t(VD.noCard)}</p>
      )}
    </DeskLayout>
  );
}

/** A queue of sheets: the mismatches to settle, or every sheet in a state. */
export function SheetsView(props: { edition: DeskEdition; q: QueuePage<SheetSummary>; status: SheetStatus | undefined; mismatches: boolean }) {
  const t = useT();
  const { locale } = usePage();
  const e = props.edition;
  const path = deskPath(e, props.mismatches ? '/paper/mismatches' : '/paper/sheets');
  const params = props.mismatches ? {} : { status: props.status };
  return (
    <DeskLayout title={t(props.mismatches ? VD.mismatchesTitle : VD.sheetsTitle)} area="voting" caption={e.name} breadcrumbs={editionCrumbs(e)}>
      {props.mismatches ? (
        <p class="govuk-body">{t(VD.mismatchesIntro)}</p>
      ) : (
        <QueueFilters action={path}>
          <div class="govuk-form-group">
            <label class="govuk-label" for="status">
              {t(VD.statusFilter)}
            </label>
            <select class="govuk-select" id="status" name="status">
              <option value="">{t(VD.anyStatus)}</option>
              {(Object.keys(STATUS_TEXT) as SheetStatus[]).map((s) => (
                <option value={s} selected={s === props.status}>
                  {t(STATUS_TEXT[s])}
                </option>
              ))}
            </select>
          </div>
        </QueueFilters>
      )}
      <QueueCount q={props.q} />
      {props.q.rows.length ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{t(props.mismatches ? VD.mismatchesTitle : VD.sheetsTitle)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(VD.sheet)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(VD.state)}
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                {t(VD.keyings)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(VD.changedAt)}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.q.rows.map((r) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  {r.status === 'mismatch' ? (
                    <a class="govuk-link" href={deskPath(e, `/paper/mismatches/${encodeURIComponent(r.sheet)}`)}>
                      <span class="govuk-visually-hidden">{t(VD.settle, { sheet: '' })}</span>
                      {r.sheet}
                    </a>
                  ) : (
                    r.sheet
                  )}
                </th>
                <td class="govuk-table__cell">{t(STATUS_TEXT[r.status])}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{r.keyings}</td>
                <td class="govuk-table__cell">{formatDateTime(locale, r.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <QueuePagination q={props.q} href={(n) => queueHref(path, params, n)} />
      <p class="govuk-body">
        <a class="govuk-link" href={deskPath(e, '/paper')}>
          {t(VD.hubPaper)}
        </a>
      </p>
    </DeskLayout>
  );
}

/** One row of the side-by-side table: the field, what each keying read. */
export interface EntryRow {
  what: Text;
  values: string[];
}

/** /desk/voting/:editionId/paper/mismatches/:sheet: both keyings side by side, then the third keying. */
export function SettleView(props: {
  edition: DeskEdition;
  sheet: SheetSummary;
  heads: string[];
  rows: EntryRow[];
  card: PaperCard | null;
  form: FormState;
  mine: boolean;
}) {
  const t = useT();
  const e = props.edition;
  const s = props.sheet;
  return (
    <DeskLayout
      title={t(VD.settleTitle, { sheet: s.sheet })}
      area="voting"
      caption={e.name}
      breadcrumbs={[...editionCrumbs(e), { href: deskPath(e, '/paper/mismatches'), text: VD.mismatchesTitle }]}
      errors={props.form.errors}
    >
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">{t(VD.entriesHeading)}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              {t(VD.what)}
            </th>
            {props.heads.map((h) => (
              <th scope="col" class="govuk-table__header">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {props.rows.map((r) => {
            const differs = new Set(r.values).size > 1;
            return (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  {t(r.what)}
                  {differs ? (
                    <>
                      {' '}
                      <strong class="govuk-tag govuk-tag--red">{t(VD.differs)}</strong>
                    </>
                  ) : null}
                </th>
                {r.values.map((v) => (
                  <td class="govuk-table__cell">{v || t(VD.none)}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="govuk-body-s">{t(VD.entriesCaption)}.</p>
      {props.card?.asks.pesel ? <InsetText>{t(VD.peselNote)}</InsetText> : null}
      {s.status !== 'mismatch' ? (
        <p class="govuk-body">{t(VD.sheetSettled, { status: t(STATUS_TEXT[s.status]) })}</p>
      ) : props.mine ? (
        <WarningText>{t(VD.yourEntry)}</WarningText>
      ) : props.card ? (
        <>
          <h2 class="govuk-heading-m">{t(VD.keyAgain)}</h2>
          <CardForm
            card={props.card}
            form={props.form}
            action={deskPath(e, `/paper/mismatches/${encodeURIComponent(s.sheet)}`)}
            sheetFixed={s.sheet}
            focusSheet={false}
          />
        </>
      ) : null}
    </DeskLayout>
  );
}

import type { ComponentChildren } from 'preact';
import type { Text } from '@civitas/common';
import { CSRF_FIELD, FormErrors, type FormState } from '../forms/form';
import { usePage, useT } from '../page/page-context';
import { W } from './web.texts';

/**
 * A POST form with its CSRF token. `novalidate`: the server's rules (the API's) decide and explain, so the browser's
 * own bubbles never contradict them.
 */
export function Form(props: { action: string; children: ComponentChildren; id?: string; class?: string }) {
  const page = usePage();
  return (
    <form method="post" action={props.action} novalidate id={props.id} class={props.class}>
      <input type="hidden" name={CSRF_FIELD} value={page.csrfToken()} />
      {props.children}
    </form>
  );
}

/** GOV.UK's error summary: every problem, linked to its field; focused on load (autofocus without JavaScript). */
export function ErrorSummary(props: { errors: FormErrors }) {
  const t = useT();
  if (!props.errors.any) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary" tabindex={-1} autofocus>
      <div role="alert">
        <h2 class="govuk-error-summary__title">{t(W.errorSummaryTitle)}</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {props.errors.list.map((e) => (
              <li>{e.field ? <a href={`#${fieldId(e.field)}`}>{e.text}</a> : e.text}</li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** The id of a field's input: its name with dots kept (valid in HTML ids; `items.0.cost`). */
export function fieldId(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '-');
}

function ErrorMessage(props: { id: string; text: string | undefined }) {
  const t = useT();
  if (!props.text) return null;
  return (
    <p id={`${props.id}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">{t(W.errorPrefix)}</span> {props.text}
    </p>
  );
}

function describedBy(id: string, hint: unknown, error: unknown, extra?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', extra ?? ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

interface FieldProps {
  name: string;
  label: Text;
  form: FormState;
  hint?: Text;
  optional?: boolean;
  /** The label as the page's heading (a one-question page). */
  isPageHeading?: boolean;
}

function Label(props: { id: string; label: Text; optional?: boolean; isPageHeading?: boolean }) {
  const t = useT();
  const text = (
    <>
      {t(props.label)}
      {props.optional ? ` ${t(W.optional)}` : ''}
    </>
  );
  if (props.isPageHeading) {
    return (
      <h1 class="govuk-label-wrapper">
        <label class="govuk-label govuk-label--l" for={props.id}>
          {text}
        </label>
      </h1>
    );
  }
  return (
    <label class="govuk-label" for={props.id}>
      {text}
    </label>
  );
}

function Hint(props: { id: string; hint?: Text }) {
  const t = useT();
  return props.hint ? (
    <div id={`${props.id}-hint`} class="govuk-hint">
      {t(props.hint)}
    </div>
  ) : null;
}

function value(form: FormState, name: string): string {
  const v = form.values[name];
  return typeof v === 'string' ? v : '';
}

export function TextInput(
  props: FieldProps & {
    type?: 'text' | 'email' | 'tel' | 'url' | 'number' | 'search';
    autocomplete?: string;
    inputmode?: 'numeric' | 'decimal' | 'email' | 'tel' | 'text';
    spellcheck?: boolean;
    width?: '2' | '3' | '4' | '5' | '10' | '20' | '30' | 'full';
    maxlength?: number;
  },
) {
  const id = fieldId(props.name);
  const error = props.form.errors.for(props.name);
  const width = props.width === 'full' ? ' govuk-!-width-full' : props.width ? ` govuk-input--width-${props.width}` : '';
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label id={id} label={props.label} optional={props.optional} isPageHeading={props.isPageHeading} />
      <Hint id={id} hint={props.hint} />
      <ErrorMessage id={id} text={error} />
      <input
        class={`govuk-input${width}${error ? ' govuk-input--error' : ''}`}
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={value(props.form, props.name)}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        spellcheck={props.spellcheck}
        aria-describedby={describedBy(id, props.hint, error)}
        maxlength={props.maxlength}
      />
    </div>
  );
}

/** GOV.UK's password input: never re-filled after a failed submit; "show" works with JavaScript only (hidden otherwise). */
export function PasswordInput(props: FieldProps & { autocomplete: 'current-password' | 'new-password' }) {
  const t = useT();
  const id = fieldId(props.name);
  const error = props.form.errors.for(props.name);
  return (
    <div
      class={`govuk-form-group govuk-password-input${error ? ' govuk-form-group--error' : ''}`}
      data-module="govuk-password-input"
      {...{ 'data-i18n.show-password': t(W.showPassword) }}
      {...{ 'data-i18n.hide-password': t(W.hidePassword) }}
      {...{ 'data-i18n.show-password-aria-label': t(W.showPasswordLabel) }}
      {...{ 'data-i18n.hide-password-aria-label': t(W.hidePasswordLabel) }}
      {...{ 'data-i18n.password-shown-announcement': t(W.passwordShown) }}
      {...{ 'data-i18n.password-hidden-announcement': t(W.passwordHidden) }}
    >
      <Label id={id} label={props.label} />
      <Hint id={id} hint={props.hint} />
      <ErrorMessage id={id} text={error} />
      <div class="govuk-input__wrapper govuk-password-input__wrapper">
        <input
          class={`govuk-input govuk-password-input__input govuk-js-password-input-input${error ? ' govuk-input--error' : ''}`}
          id={id}
          name={props.name}
          type="password"
          spellcheck={false}
          autocomplete={props.autocomplete}
          autocapitalize="none"
          aria-describedby={describedBy(id, props.hint, error)}
        />
        <button
          type="button"
          class="govuk-button govuk-button--secondary govuk-password-input__toggle govuk-js-password-input-toggle"
          data-module="govuk-button"
          aria-controls={id}
          aria-label={t(W.showPasswordLabel)}
          hidden
        >
          {t(W.showPassword)}
        </button>
      </div>
    </div>
  );
}

/** A textarea with GOV.UK's character count when `maxlength` is given (the count needs JavaScript; the limit is the server's). */
export function Textarea(props: FieldProps & { rows?: number; maxlength?: number }) {
  const t = useT();
  const id = fieldId(props.name);
  const error = props.form.errors.for(props.name);
  const area = (
    <textarea
      class={`govuk-textarea${props.maxlength ? ' govuk-js-character-count' : ''}${error ? ' govuk-textarea--error' : ''}`}
      id={id}
      name={props.name}
      rows={props.rows ?? 5}
      aria-describedby={describedBy(id, props.hint, error, props.maxlength ? `${id}-info` : undefined)}
    >
      {value(props.form, props.name)}
    </textarea>
  );
  const group = (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label id={id} label={props.label} optional={props.optional} />
      <Hint id={id} hint={props.hint} />
      <ErrorMessage id={id} text={error} />
      {area}
      {props.maxlength ? (
        <div id={`${id}-info`} class="govuk-hint govuk-character-count__message">
          {t(W.charactersLimit).replace('%{count}', String(props.maxlength))}
        </div>
      ) : null}
    </div>
  );
  if (!props.maxlength) return group;
  return (
    <div
      class="govuk-character-count"
      data-module="govuk-character-count"
      data-maxlength={props.maxlength}
      {...{ 'data-i18n.characters-under-limit.other': t(W.charactersUnder) }}
      {...{ 'data-i18n.characters-over-limit.other': t(W.charactersOver) }}
      {...{ 'data-i18n.characters-at-limit': t(W.charactersAtLimit) }}
      {...{ 'data-i18n.textarea-description.other': t(W.charactersLimit) }}
    >
      {group}
    </div>
  );
}

export interface Choice {
  value: string;
  label: Text | string;
  hint?: Text | string;
}

function choiceText(t: ReturnType<typeof useT>, x: Text | string): string {
  return typeof x === 'string' ? x : t(x);
}

/** Checkboxes or radios in a fieldset with a legend; the chosen values come from the form's values. */
export function Choices(props: {
  type: 'checkbox' | 'radio';
  name: string;
  legend: Text;
  form: FormState;
  choices: Choice[];
  hint?: Text;
  small?: boolean;
  inline?: boolean;
  legendSize?: 's' | 'm' | 'l';
}) {
  const t = useT();
  const id = fieldId(props.name);
  const error = props.form.errors.for(props.name);
  const v = props.form.values[props.name];
  const chosen = new Set(Array.isArray(v) ? v : v ? [v] : []);
  const kind = props.type === 'checkbox' ? 'checkboxes' : 'radios';
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(id, props.hint, error)}>
        <legend class={`govuk-fieldset__legend govuk-fieldset__legend--${props.legendSize ?? 's'}`}>{t(props.legend)}</legend>
        <Hint id={id} hint={props.hint} />
        <ErrorMessage id={id} text={error} />
        <div class={`govuk-${kind}${props.small ? ` govuk-${kind}--small` : ''}${props.inline ? ` govuk-${kind}--inline` : ''}`} data-module={`govuk-${kind}`}>
          {props.choices.map((c, i) => {
            const itemId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <div class={`govuk-${kind}__item`}>
                <input
                  class={`govuk-${kind}__input`}
                  id={itemId}
                  name={props.name}
                  type={props.type}
                  value={c.value}
                  checked={chosen.has(c.value)}
                  aria-describedby={c.hint ? `${itemId}-item-hint` : undefined}
                />
                <label class={`govuk-label govuk-${kind}__label`} for={itemId}>
                  {choiceText(t, c.label)}
                </label>
                {c.hint ? (
                  <div id={`${itemId}-item-hint`} class={`govuk-hint govuk-${kind}__hint`}>
                    {choiceText(t, c.hint)}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Select(props: FieldProps & { choices: Choice[] }) {
  const t = useT();
  const id = fieldId(props.name);
  const error = props.form.errors.for(props.name);
  const v = value(props.form, props.name);
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label id={id} label={props.label} optional={props.optional} />
      <Hint id={id} hint={props.hint} />
      <ErrorMessage id={id} text={error} />
      <select class={`govuk-select${error ? ' govuk-select--error' : ''}`} id={id} name={props.name} aria-describedby={describedBy(id, props.hint, error)}>
        {props.choices.map((c) => (
          <option value={c.value} selected={c.value === v}>
            {choiceText(t, c.label)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Button(props: { children: ComponentChildren; variant?: 'secondary' | 'warning'; name?: string; value?: string; id?: string }) {
  return (
    <button
      type="submit"
      class={`govuk-button${props.variant ? ` govuk-button--${props.variant}` : ''}`}
      data-module="govuk-button"
      data-prevent-double-click="true"
      name={props.name}
      value={props.value}
      id={props.id}
    >
      {props.children}
    </button>
  );
}

import type { ComponentChildren } from 'preact';
import type { Text } from '@civitas/common';
import { formatDate, formatDateTime, formatMoney, isoDate } from '../i18n/format';
import type { Flash } from '../page/page-context';
import { usePage, useT } from '../page/page-context';
import { W } from './web.texts';

/** A notification banner: a flash message after a redirect (success) or important information. */
export function NotificationBanner(props: { kind: Flash['kind']; heading: string; children?: ComponentChildren }) {
  const t = useT();
  const success = props.kind === 'success';
  return (
    <div
      class={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby="govuk-notification-banner-title"
      data-module="govuk-notification-banner"
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="govuk-notification-banner-title">
          {t(success ? W.success : W.important)}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{props.heading}</p>
        {props.children}
      </div>
    </div>
  );
}

export type TagColour = 'grey' | 'green' | 'turquoise' | 'blue' | 'light-blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

/** A status tag; the colour never carries the meaning alone (the text does). */
export function Tag(props: { colour?: TagColour; children: ComponentChildren }) {
  return <strong class={`govuk-tag${props.colour ? ` govuk-tag--${props.colour}` : ''}`}>{props.children}</strong>;
}

export interface SummaryRow {
  key: Text | string;
  value: ComponentChildren;
  action?: { href: string; text: Text; hidden: string };
}

export function SummaryList(props: { rows: SummaryRow[]; noBorder?: boolean }) {
  const t = useT();
  return (
    <dl class={`govuk-summary-list${props.noBorder ? ' govuk-summary-list--no-border' : ''}`}>
      {props.rows.map((r) => (
        <div class={`govuk-summary-list__row${r.action ? '' : ' govuk-summary-list__row--no-actions'}`}>
          <dt class="govuk-summary-list__key">{typeof r.key === 'string' ? r.key : t(r.key)}</dt>
          <dd class="govuk-summary-list__value">{r.value}</dd>
          {r.action ? (
            <dd class="govuk-summary-list__actions">
              <a class="govuk-link" href={r.action.href}>
                {t(r.action.text)}
                <span class="govuk-visually-hidden"> {r.action.hidden}</span>
              </a>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

export function Panel(props: { title: string; children?: ComponentChildren }) {
  return (
    <div class="govuk-panel govuk-panel--confirmation">
      <h1 class="govuk-panel__title">{props.title}</h1>
      {props.children ? <div class="govuk-panel__body">{props.children}</div> : null}
    </div>
  );
}

export function InsetText(props: { children: ComponentChildren }) {
  return <div class="govuk-inset-text">{props.children}</div>;
}

export function WarningText(props: { children: ComponentChildren }) {
  return (
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text">{props.children}</strong>
    </div>
  );
}

/** A date in the page's language (Europe/Warsaw), machine-readable in `datetime`. */
export function DateText(props: { value: Date | string; withTime?: boolean }) {
  const { locale } = usePage();
  const d = new Date(props.value);
  return <time datetime={props.withTime ? d.toISOString() : isoDate(d)}>{props.withTime ? formatDateTime(locale, d) : formatDate(locale, d)}</time>;
}

/** An amount of money from integer grosze, in the page's language. */
export function Money(props: { grosze: number | bigint | string }) {
  const { locale } = usePage();
  return <>{formatMoney(locale, props.grosze)}</>;
}

/** Plain text with its paragraphs (blank lines) and line breaks kept; never HTML. */
export function Paragraphs(props: { text: string | null | undefined; class?: string }) {
  const paragraphs = (props.text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((p) => (
        <p class={props.class ?? 'govuk-body'}>
          {p.split('\n').map((line, i) => (
            <>
              {i > 0 ? <br /> : null}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

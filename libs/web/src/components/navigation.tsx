import type { Text } from '@civitas/common';
import { useT } from '../page/page-context';
import { W } from './web.texts';

export interface Crumb {
  href: string;
  text: Text | string;
}

export function Breadcrumbs(props: { items: Crumb[] }) {
  const t = useT();
  if (props.items.length === 0) return null;
  return (
    <nav class="govuk-breadcrumbs" aria-label={t(W.breadcrumbs)}>
      <ol class="govuk-breadcrumbs__list">
        {props.items.map((c) => (
          <li class="govuk-breadcrumbs__list-item">
            <a class="govuk-breadcrumbs__link" href={c.href}>
              {typeof c.text === 'string' ? c.text : t(c.text)}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The pages to link around the current one: first, last, the current ± 1, with gaps as null (an ellipsis). */
export function pageWindow(current: number, total: number): Array<number | null> {
  const wanted = new Set([1, total, current - 1, current, current + 1].filter((p) => p >= 1 && p <= total));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: Array<number | null> = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1] > 1) out.push(null);
    out.push(p);
  });
  return out;
}

/**
 * GOV.UK pagination with real links: `href(n)` builds the URL of page n (keeping the list's filters), so every page
 * of a list has an address to share and works without JavaScript.
 */
export function Pagination(props: { page: number; pages: number; href: (page: number) => string }) {
  const t = useT();
  const { page, pages } = props;
  if (pages <= 1) return null;
  return (
    <nav class="govuk-pagination" aria-label={t(W.paginationLabel)}>
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={props.href(page - 1)} rel="prev">
            <svg
              class="govuk-pagination__icon govuk-pagination__icon--prev"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>
            </svg>
            <span class="govuk-pagination__link-title">
              {t(W.previous)}
              <span class="govuk-visually-hidden">{t(W.pageHidden)}</span>
            </span>
          </a>
        </div>
      ) : null}
      <ul class="govuk-pagination__list">
        {pageWindow(page, pages).map((p) =>
          p === null ? (
            <li class="govuk-pagination__item govuk-pagination__item--ellipses">⋯</li>
          ) : (
            <li class={`govuk-pagination__item${p === page ? ' govuk-pagination__item--current' : ''}`}>
              <a
                class="govuk-link govuk-pagination__link"
                href={props.href(p)}
                aria-label={t(W.pageN, { n: p })}
                aria-current={p === page ? 'page' : undefined}
              >
                {p}
              </a>
            </li>
          ),
        )}
      </ul>
      {page < pages ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={props.href(page + 1)} rel="next">
            <span class="govuk-pagination__link-title">
              {t(W.next)}
              <span class="govuk-visually-hidden">{t(W.pageHidden)}</span>
            </span>
            <svg
              class="govuk-pagination__icon govuk-pagination__icon--next"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>
            </svg>
          </a>
        </div>
      ) : null}
    </nav>
  );
}

import type { ComponentChildren } from 'preact';
import { Pagination } from '../components/navigation';
import { useT } from '../page/page-context';
import { D } from './desk.texts';

/** Rows per page of a desk queue. */
export const QUEUE_PAGE_SIZE = 25;

/** One page of a queue: its rows, the total and the page asked for (1-based). */
export interface QueuePage<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * The page number of a queue's `?page=`: a positive whole number, 1 when absent. Anything else is null, so the
 * controller answers 404 (an address that names no page), as a page past the end does.
 */
export function queuePageNumber(raw: unknown): number | null {
  if (raw === undefined || raw === '') return 1;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw)) return null;
  return Number(raw);
}

/** Whether a queue page exists: page 1 always (an empty queue), others only when they hold rows. */
export function queuePageExists(q: Pick<QueuePage<unknown>, 'page' | 'total' | 'pageSize'>): boolean {
  return q.page === 1 || (q.page - 1) * q.pageSize < q.total;
}

/** The address of a queue's page with its filters kept (empty values left out). */
export function queueHref(path: string, params: Record<string, string | number | undefined | null>, page = 1): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * A queue's filters: a GET form (works without JavaScript, the address can be shared) with its fields, a "Filter"
 * button and "Clear filters".
 */
export function QueueFilters(props: { action: string; children: ComponentChildren }) {
  const t = useT();
  return (
    <form method="get" action={props.action} class="civitas-desk-filters" novalidate>
      <div class="civitas-desk-filters__fields">{props.children}</div>
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          {t(D.filter)}
        </button>
        <a class="govuk-link" href={props.action}>
          {t(D.clearFilters)}
        </a>
      </div>
    </form>
  );
}

/** "Items 26–50 of 312" above a queue's table, or "Nothing waits here." when it is empty. */
export function QueueCount(props: { q: QueuePage<unknown> }) {
  const t = useT();
  const { q } = props;
  if (q.total === 0) return <p class="govuk-body">{t(D.nothing)}</p>;
  const from = (q.page - 1) * q.pageSize + 1;
  const to = Math.min(q.total, q.page * q.pageSize);
  return (
    <p class="govuk-body" role="status">
      {t(D.showing, { from, to, total: q.total })}
    </p>
  );
}

/** The queue's page links (real addresses, filters kept). */
export function QueuePagination(props: { q: QueuePage<unknown>; href: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(props.q.total / props.q.pageSize));
  return <Pagination page={props.q.page} pages={pages} href={props.href} />;
}

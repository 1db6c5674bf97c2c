import { ParseUUIDPipe } from '@nestjs/common';
import { formatDate, formatNumber, pageNotFound, W, type Crumb } from '@civitas/web';
import type { Locale } from '@civitas/common';
import type { PhaseWindow } from '@civitas/budget';

/** An edition id in a page's address: anything but a UUID is the 404 page. */
export const EditionPageId = new ParseUUIDPipe({ exceptionFactory: () => pageNotFound() });

/** The breadcrumbs of the voting pages: home, the budget, the edition. */
export function votingCrumbs(edition: { id: string; name: string }): Crumb[] {
  return [
    { href: '/', text: W.home },
    { href: '/budget', text: W.navBudget },
    { href: `/budget/${edition.id}`, text: edition.name },
  ];
}

/** The last day of a phase window (its end is exclusive), in the page's language: "31 maja 2027". */
export function lastDay(locale: Locale, w: PhaseWindow): string {
  return formatDate(locale, new Date(w.endsAt.getTime() - 1));
}

/** A whole number in the page's language ("12 345"). */
export const num = (locale: Locale, n: number) => formatNumber(locale, n);

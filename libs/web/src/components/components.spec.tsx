import { expectValidHtml } from '../testing/html';
import { fakePage, renderView } from '../testing/render';
import { Layout } from '../layout/layout';
import { DateText, Money, NotificationBanner, SummaryList, Tag } from './content';
import { Breadcrumbs, pageWindow, Pagination } from './navigation';

const inLayout = (children: preact.ComponentChildren, locale: 'pl' | 'en' = 'pl') =>
  renderView(<Layout title="Test">{children}</Layout>, fakePage({ locale, path: '/budget?page=5' }));

describe('shared components', () => {
  it('pagination: real links that keep the filters, the current page marked, gaps as an ellipsis, previous and next', async () => {
    expect(pageWindow(5, 12)).toEqual([1, null, 4, 5, 6, null, 12]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    const page = inLayout(<Pagination page={5} pages={12} href={(n) => `/budget?category=zielen&page=${n}`} />);
    const links = page.doc.querySelectorAll('.govuk-pagination__list a');
    expect(links.map((a) => a.textContent.trim())).toEqual(['1', '4', '5', '6', '12']);
    expect(links.map((a) => a.getAttribute('href'))).toContain('/budget?category=zielen&page=4');
    expect(page.doc.querySelector('[aria-current="page"]')?.textContent.trim()).toBe('5');
    expect(page.doc.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe('/budget?category=zielen&page=4');
    expect(page.doc.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('/budget?category=zielen&page=6');
    expect(page.all('.govuk-pagination__item--ellipses')).toHaveLength(2);
    expect(page.doc.querySelector('nav.govuk-pagination')?.getAttribute('aria-label')).toBe('Stronicowanie');
    await expectValidHtml(page.html);
    const first = inLayout(<Pagination page={1} pages={2} href={(n) => `?page=${n}`} />, 'en');
    expect(first.doc.querySelector('a[rel="prev"]')).toBeNull();
    expect(first.text('a[rel="next"]')).toBe('Next page');
    expect(inLayout(<Pagination page={1} pages={1} href={(n) => `?page=${n}`} />).doc.querySelector('.govuk-pagination')).toBeNull();
  });

  it('breadcrumbs, tags, summary lists, banners, dates and money in the page language', async () => {
    const page = inLayout(
      <>
        <Breadcrumbs
          items={[
            { href: '/budget', text: { pl: 'Budżet', en: 'Budget' } },
            { href: '/budget/x', text: 'BO 2027' },
          ]}
        />
        <Tag colour="green">wybrany</Tag>
        <SummaryList
          rows={[
            {
              key: { pl: 'Koszt', en: 'Cost' },
              value: <Money grosze="124000000" />,
              action: { href: '/edit', text: { pl: 'Zmień', en: 'Change' }, hidden: 'koszt' },
            },
          ]}
        />
        <NotificationBanner kind="success" heading="Zapisano." />
        <DateText value="2026-12-31T23:30:00Z" />
      </>,
    );
    expect(page.all('.govuk-breadcrumbs__link')).toEqual(['Budżet', 'BO 2027']);
    expect(page.text('.govuk-tag--green')).toBe('wybrany');
    expect(page.text('.govuk-summary-list__value')).toBe('1 240 000 zł');
    expect(page.text('.govuk-summary-list__actions')).toBe('Zmień koszt');
    expect(page.doc.querySelector('.govuk-notification-banner')?.getAttribute('role')).toBe('alert');
    expect(page.text('.govuk-notification-banner__title')).toBe('Gotowe');
    expect(page.doc.querySelector('time')?.getAttribute('datetime')).toBe('2027-01-01');
    expect(page.text('time')).toBe('1 stycznia 2027');
    await expectValidHtml(page.html);
  });

  it('the layout: one h1 from the view, a unique title "Page — Section — City", lang, landmarks, the skip link first', async () => {
    const page = renderView(
      <Layout title="Projekty" section="budget">
        <h1>Projekty</h1>
      </Layout>,
      fakePage({ path: '/budget?page=2' }),
    );
    expect(page.title).toBe('Projekty — Budżet obywatelski — Miasto Testowe');
    expect(page.lang).toBe('pl');
    expect(page.doc.querySelectorAll('h1')).toHaveLength(1);
    expect(page.doc.querySelector('body > a')?.getAttribute('href')).toBe('#main-content');
    expect(page.doc.querySelector('main#main-content')).not.toBeNull();
    expect(page.doc.querySelector('header')).not.toBeNull();
    expect(page.doc.querySelector('footer a[href="/accessibility"]')).not.toBeNull();
    expect(page.doc.querySelector('.govuk-service-navigation__item--active a')?.getAttribute('aria-current')).toBe('true');
    // Without a user: sign in (coming back here) and register; the language switch returns to this page.
    expect(page.doc.querySelector('header a[href^="/sign-in"]')?.getAttribute('href')).toBe('/sign-in?next=%2Fbudget%3Fpage%3D2');
    expect(page.doc.querySelector('.govuk-language-navigation a')?.getAttribute('href')).toBe('/language/en?next=%2Fbudget%3Fpage%3D2');
    const signedIn = renderView(<Layout title="X">x</Layout>, fakePage({ user: { id: 'u', displayName: 'Ala', email: 'a@x.pl', roles: ['resident'] } }));
    expect(signedIn.text('header')).toContain('Ala');
    expect(signedIn.doc.querySelector('header form[action="/sign-out"] input[name="_csrf"]')?.getAttribute('value')).toBe('csrf-test-token');
    await expectValidHtml(signedIn.html);
  });
});

import type { Locale } from '@civitas/common';
import type { PageInput } from './contract';
import { PageRenderer } from './page-renderer';

type Page = PageInput['page'];

const MANAGE_URL = '/notifications/manage?token=tok_1&x=2';

function input(page: Page, locale: Locale): PageInput {
  switch (page) {
    case 'confirm':
      return { page, locale, action: '/notifications/confirm?token=tok_1' };
    case 'confirmed':
      return { page, locale, manageUrl: MANAGE_URL, topicLabels: ['Wyniki budżetu obywatelskiego', 'Jeżyce'] };
    case 'unsubscribe':
      return { page, locale, action: '/notifications/unsubscribe?token=tok_1', scope: 'topics' };
    case 'unsubscribed':
      return { page, locale, scope: 'own', manageUrl: MANAGE_URL };
    case 'manage':
      return {
        page,
        locale,
        action: '/notifications/manage?token=tok_1',
        unsubscribeAction: '/notifications/unsubscribe?token=tok_1&scope=all',
        frequency: 'daily',
        ownActivity: true,
        maskedEmail: 'a***@example.pl',
        topics: [
          { value: 'results', label: 'Wyniki budżetu obywatelskiego', checked: true },
          { value: 'area:2f1c', label: 'Jeżyce', checked: false },
        ],
      };
    case 'saved':
      return { page, locale, manageUrl: MANAGE_URL };
    case 'invalid_link':
      return { page, locale };
  }
}

const PAGES: Page[] = ['confirm', 'confirmed', 'unsubscribe', 'unsubscribed', 'manage', 'saved', 'invalid_link'];

const count = (html: string, re: RegExp) => html.match(re)?.length ?? 0;

/** Every input has an id and a label pointing at it. */
function expectLabelledInputs(html: string): void {
  for (const tag of html.match(/<input\b[^>]*>/g) ?? []) {
    const id = /\bid="([^"]+)"/.exec(tag)?.[1];
    expect([tag, id !== undefined]).toEqual([tag, true]);
    expect(count(html, new RegExp(`<label for="${id}"[^>]*>[^<]+</label>`, 'g'))).toBe(1);
  }
}

describe('PageRenderer', () => {
  const renderer = new PageRenderer();

  describe.each(PAGES)('%s', (page) => {
    it.each(['pl', 'en'] as const)('is an accessible document in %s', (locale) => {
      const html = renderer.render(input(page, locale));
      expect(html).toMatch(new RegExp(`^<!doctype html>\\s*<html lang="${locale}">`));
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toMatch(/<title>[^<]+ — Civitas<\/title>/);
      expect(count(html, /<main>/g)).toBe(1);
      expect(count(html, /<h1>/g)).toBe(1);
      expect(html).not.toMatch(/<script|\son\w+=|\{\{/);
      expectLabelledInputs(html);
      expect(count(html, /<fieldset>/g)).toBe(count(html, /<fieldset>\s*<legend>[^<]+<\/legend>/g));
      for (const form of html.match(/<form\b[^>]*>/g) ?? []) expect(form).toMatch(/^<form method="post" action="\/notifications\//);
    });
  });

  it('titles each page in its language', () => {
    const h1 = (page: Page, locale: Locale) => /<h1>([^<]+)<\/h1>/.exec(renderer.render(input(page, locale)))?.[1];
    expect(h1('confirm', 'pl')).toBe('Potwierdź subskrypcję');
    expect(h1('invalid_link', 'pl')).toBe('Link jest nieprawidłowy lub wygasł');
    expect(h1('invalid_link', 'en')).toBe('The link is invalid or has expired');
    expect(h1('manage', 'en')).toBe('Notification settings');
  });

  it('confirms with a single button posting to the action', () => {
    const pl = renderer.render(input('confirm', 'pl'));
    expect(pl).toContain('<form method="post" action="/notifications/confirm?token=tok_1">');
    expect(pl).toContain('<button type="submit">Potwierdzam subskrypcję</button>');
    expect(renderer.render(input('confirm', 'en'))).toContain('<button type="submit">Confirm my subscription</button>');
  });

  it('explains the scope of an unsubscription', () => {
    const topics = renderer.render(input('unsubscribe', 'pl'));
    expect(topics).toContain('wszystkich subskrybowanych tematach');
    expect(count(topics, /<button/g)).toBe(1);
    const own = renderer.render({ page: 'unsubscribe', locale: 'en', action: '/notifications/unsubscribe?token=t', scope: 'own' });
    expect(own).toContain('your own projects, comments and applications');
    expect(renderer.render(input('unsubscribed', 'pl'))).toContain('o swoich projektach, komentarzach i wnioskach');
  });

  it('links back to the settings', () => {
    for (const page of ['confirmed', 'unsubscribed', 'saved'] as const) {
      expect(renderer.render(input(page, 'pl'))).toContain('href="/notifications/manage?token=tok_1&amp;x=2"');
    }
    expect(renderer.render(input('confirmed', 'en'))).toContain('<li>Jeżyce</li>');
  });

  describe('manage', () => {
    const html = renderer.render(input('manage', 'pl'));

    it('shows the current settings', () => {
      expect(html).toContain('a***@example.pl');
      expect(html).toContain('<input type="checkbox" id="topic-0" name="topics" value="results" aria-describedby="topics-hint" checked>');
      expect(html).toContain('<input type="checkbox" id="topic-1" name="topics" value="area:2f1c" aria-describedby="topics-hint">');
      expect(html).toContain('<input type="radio" id="locale-pl" name="locale" value="pl" checked>');
      expect(html).toContain('<input type="radio" id="locale-en" name="locale" value="en">');
      expect(html).toContain('<input type="radio" id="frequency-daily" name="frequency" value="daily" checked>');
      expect(html).toContain('<input type="radio" id="frequency-immediate" name="frequency" value="immediate">');
      expect(html).toContain('<input type="checkbox" id="own-activity" name="ownActivity" value="true" checked>');
      expect(count(html, /<fieldset>/g)).toBe(4);
      expect(html).not.toContain('role="alert"');
    });

    it('has a separate form to unsubscribe from everything', () => {
      expect(html).toContain('<form method="post" action="/notifications/manage?token=tok_1">');
      expect(html).toContain('<form method="post" action="/notifications/unsubscribe?token=tok_1&amp;scope=all">');
      expect(html).toContain('Wypisz mnie ze wszystkich powiadomień</button>');
    });

    it('shows errors, escaped', () => {
      const withErrors = renderer.render({
        ...(input('manage', 'en') as Extract<PageInput, { page: 'manage' }>),
        ownActivity: false,
        frequency: 'immediate',
        errors: ['Choose <b>one</b> language'],
      });
      expect(withErrors).toContain('role="alert"');
      expect(withErrors).toContain('<li>Choose &lt;b&gt;one&lt;/b&gt; language</li>');
      expect(withErrors).toContain('<input type="checkbox" id="own-activity" name="ownActivity" value="true">');
      expect(withErrors).toContain('<input type="radio" id="frequency-immediate" name="frequency" value="immediate" checked>');
      expect(withErrors).toContain('<input type="radio" id="locale-en" name="locale" value="en" checked>');
    });

    it('escapes the data it shows', () => {
      const hostile = renderer.render({
        ...(input('manage', 'pl') as Extract<PageInput, { page: 'manage' }>),
        maskedEmail: '<i>x</i>***@example.pl',
        topics: [{ value: 'area:"><script>', label: '<img src=x onerror=alert(1)>', checked: false }],
      });
      expect(hostile).toContain('&lt;i&gt;x&lt;/i&gt;***@example.pl');
      expect(hostile).toContain('value="area:&quot;&gt;&lt;script&gt;"');
      expect(hostile).toContain('<label for="topic-0">&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</label>');
      expect(hostile).not.toMatch(/<script|<img|<i>/);
      const confirmed = renderer.render({ page: 'confirmed', locale: 'en', manageUrl: MANAGE_URL, topicLabels: ['<b>Old Town</b>'] });
      expect(confirmed).toContain('<li>&lt;b&gt;Old Town&lt;/b&gt;</li>');
    });

    it('says when there are no topics', () => {
      const empty = renderer.render({ ...(input('manage', 'en') as Extract<PageInput, { page: 'manage' }>), topics: [] });
      expect(empty).toContain('There are no topics to choose from.');
      expectLabelledInputs(empty);
    });
  });
});

import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { h } from 'preact';
import type { Locale } from '@civitas/common';
import { PageProvider, type PageContext } from '../page/page-context';
import { Page } from './page-client';

/** A page context for rendering a view on its own (unit tests of views). */
export function fakePage(overrides: Partial<PageContext> & { locale?: Locale } = {}): PageContext {
  return {
    locale: 'pl',
    path: '/',
    user: null,
    site: {
      cityName: { pl: 'Miasto Testowe', en: 'Test City' },
      shortName: 'Testowo',
      brandColour: '#1d4f91',
      contactEmail: 'kontakt@testowo.example',
      contactPhone: null,
      address: 'ul. Rynek 1, 00-001 Testowo',
      dpoEmail: null,
      accessibility: { contactName: null, contactEmail: null, contactPhone: null, published: null, updated: null },
    },
    assets: { css: ['/assets/civitas.css'], js: ['/assets/civitas.js'], logo: null, icon: null },
    flash: null,
    requestId: 'req-test',
    csrfToken: () => 'csrf-test-token',
    ...overrides,
  };
}

/** Renders a view as WebPages does (a whole document) and parses it. */
export function renderView(view: VNode, page: PageContext = fakePage()): Page {
  const html = '<!DOCTYPE html>' + renderToString(h(PageProvider, { value: page }, view));
  return new Page(page.path, 200, {}, html);
}

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale, Text } from '@civitas/common';
import type { SiteIdentity } from '../identity/site-identity.service';

/** The signed-in person as pages show them (the request's authenticated account). */
export interface PageUser {
  id: string;
  displayName: string;
  email: string;
  roles: string[];
}

/** A message shown once, on the page a redirect leads to (a notification banner). */
export interface Flash {
  kind: 'success' | 'info';
  text: Text;
}

/** Which section of the navigation a page belongs to (marked as current in the header). */
export type Section = 'budget' | 'consultations' | 'initiatives' | 'subscriptions' | 'account' | 'desk';

/**
 * What every view may need about the request it renders for: language, the signed-in person, the city, the asset
 * URLs, the flash message, the request id, and a CSRF token for its forms (created on first use: a page without a
 * form sets no cookie).
 */
export interface PageContext {
  locale: Locale;
  /** Path and query of this request (for the language switch and `next` links). */
  path: string;
  user: PageUser | null;
  site: SiteIdentity;
  assets: { css: string[]; js: string[]; logo: string | null; icon: string | null };
  flash: Flash | null;
  requestId: string;
  csrfToken(): string;
}

const Ctx = createContext<PageContext | null>(null);
export const PageProvider = Ctx.Provider;

/** The page context inside a view or component (rendered by WebPages.send). */
export function usePage(): PageContext {
  const page = useContext(Ctx);
  if (!page) throw new Error('usePage() outside a page: render views with WebPages.send or renderPage');
  return page;
}

/** The text in the page's language, with `{name}` placeholders filled. */
export function useT(): (text: Text, params?: Record<string, string | number>) => string {
  const { locale } = usePage();
  return (text, params) => (params ? text[locale].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : text[locale]);
}

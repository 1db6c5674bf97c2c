import type { ComponentChildren } from 'preact';
import type { Text } from '@civitas/common';
import { Form } from '../components/form';
import { NotificationBanner } from '../components/content';
import { Breadcrumbs, type Crumb } from '../components/navigation';
import { W } from '../components/web.texts';
import { isDeskUser } from '../desk/desk-roles';
import type { FormErrors } from '../forms/form';
import { usePage, useT, type PageContext, type Section } from '../page/page-context';

/** Where the sections of the navigation live (the pages of each come with their domain). */
export const SECTION_PATHS: Record<Exclude<Section, 'account' | 'desk'>, string> = {
  budget: '/budget',
  consultations: '/consultations',
  initiatives: '/initiatives',
  subscriptions: '/subscriptions/new',
};

const SECTION_TEXT: Record<Section, Text> = {
  budget: W.navBudget,
  consultations: W.navConsultations,
  initiatives: W.navInitiatives,
  subscriptions: W.navSubscriptions,
  account: W.myAccount,
  desk: W.desk,
};

export interface LayoutProps {
  /** The page's own title (its h1, usually). */
  title: string;
  section?: Section;
  breadcrumbs?: Crumb[];
  /** A form's problems: the title then starts with "Błąd:" (GOV.UK), so a screen reader hears it first. */
  errors?: FormErrors;
  /** Wide pages (lists with a map) use the full width container. */
  children: ComponentChildren;
}

/** "Page — Section — City": unique per page, the city last. */
export function pageTitle(page: PageContext, props: Pick<LayoutProps, 'title' | 'section' | 'errors'>): string {
  const parts = [props.title];
  if (props.section) parts.push(SECTION_TEXT[props.section][page.locale]);
  parts.push(page.site.cityName[page.locale]);
  return `${props.errors?.any ? `${W.errorPrefix[page.locale]} ` : ''}${parts.join(' — ')}`;
}

function languageHref(path: string, lang: string): string {
  return `/language/${lang}?next=${encodeURIComponent(path)}`;
}

function Header(props: { section?: Section }) {
  const page = usePage();
  const t = useT();
  const city = page.site.cityName[page.locale];
  const nav = Object.entries(SECTION_PATHS) as Array<[Exclude<Section, 'account' | 'desk'>, string]>;
  const signInHref = page.path === '/' || page.path.startsWith('/sign-in') ? '/sign-in' : `/sign-in?next=${encodeURIComponent(page.path)}`;
  return (
    <>
      <header class="govuk-generic-header civitas-header">
        <div class="govuk-generic-header__container govuk-width-container">
          <div class="govuk-generic-header__logo">
            <a href="/" class="govuk-generic-header__homepage-link">
              {page.assets.logo ? <img class="civitas-header__logo" src={page.assets.logo} alt="" /> : null}
              <span>{city}</span>
            </a>
          </div>
          <nav aria-label={t(W.accountLabel)}>
            <ul class="civitas-account">
              {page.user ? (
                <>
                  <li class="civitas-account__item civitas-account__name">
                    <span class="govuk-visually-hidden">{t(W.signedInAs)} </span>
                    {page.user.displayName}
                  </li>
                  {isDeskUser(page.user) ? (
                    <li class="civitas-account__item">
                      <a class="civitas-account__link" href="/desk" aria-current={props.section === 'desk' ? 'page' : undefined}>
                        {t(W.desk)}
                      </a>
                    </li>
                  ) : null}
                  <li class="civitas-account__item">
                    <a class="civitas-account__link" href="/account" aria-current={props.section === 'account' ? 'page' : undefined}>
                      {t(W.myAccount)}
                    </a>
                  </li>
                  <li class="civitas-account__item">
                    <Form action="/sign-out" class="civitas-account__form">
                      <button type="submit" class="civitas-account__button">
                        {t(W.signOut)}
                      </button>
                    </Form>
                  </li>
                </>
              ) : (
                <>
                  <li class="civitas-account__item">
                    <a class="civitas-account__link" href={signInHref}>
                      {t(W.signIn)}
                    </a>
                  </li>
                  <li class="civitas-account__item">
                    <a class="civitas-account__link" href="/register">
                      {t(W.register)}
                    </a>
                  </li>
                </>
              )}
            </ul>
          </nav>
        </div>
      </header>
      <section aria-label={t(W.serviceLabel)} class="govuk-service-navigation" data-module="govuk-service-navigation">
        <div class="govuk-width-container">
          <div class="govuk-service-navigation__container">
            <nav aria-label={t(W.navLabel)} class="govuk-service-navigation__wrapper">
              <button
                type="button"
                class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                aria-controls="navigation"
                hidden
                aria-hidden="true"
              >
                {t(W.menu)}
              </button>
              <ul class="govuk-service-navigation__list" id="navigation">
                {nav.map(([section, href]) => {
                  const current = props.section === section;
                  return (
                    <li class={`govuk-service-navigation__item${current ? ' govuk-service-navigation__item--active' : ''}`}>
                      <a class="govuk-service-navigation__link" href={href} aria-current={current ? 'true' : undefined}>
                        {current ? <strong class="govuk-service-navigation__active-fallback">{t(SECTION_TEXT[section])}</strong> : t(SECTION_TEXT[section])}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </nav>
          </div>
          <nav class="govuk-language-navigation" aria-label={t(W.languageLabel)}>
            <ul class="govuk-language-navigation__list">
              {(['pl', 'en'] as const).map((lang) => (
                <li class="govuk-language-navigation__list-item">
                  {lang === page.locale ? (
                    <span class="govuk-language-navigation__text" lang={lang} aria-current="true">
                      {lang === 'pl' ? W.languagePl.pl : W.languageEn.en}
                    </span>
                  ) : (
                    <a class="govuk-language-navigation__link" href={languageHref(page.path, lang)} lang={lang} hreflang={lang} rel="alternate">
                      {lang === 'pl' ? W.languagePl.pl : W.languageEn.en}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </section>
    </>
  );
}

function Footer() {
  const page = usePage();
  const t = useT();
  const s = page.site;
  return (
    <footer class="govuk-footer">
      <div class="govuk-width-container">
        <div class="govuk-footer__meta">
          <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 class="govuk-visually-hidden">{t(W.footerLinks)}</h2>
            <ul class="govuk-footer__inline-list">
              <li class="govuk-footer__inline-list-item">
                <a class="govuk-footer__link" href="/accessibility">
                  {t(W.accessibility)}
                </a>
              </li>
              <li class="govuk-footer__inline-list-item">
                <a class="govuk-footer__link" href="/privacy">
                  {t(W.privacy)}
                </a>
              </li>
              <li class="govuk-footer__inline-list-item">
                <a class="govuk-footer__link" href="/api/docs">
                  {t(W.apiDocs)}
                </a>
              </li>
            </ul>
            <div class="govuk-footer__meta-custom">
              <p class="govuk-body-s govuk-!-margin-bottom-1">
                <strong>{s.cityName[page.locale]}</strong>
                {s.address ? <>, {s.address}</> : null}
              </p>
              {s.contactEmail || s.contactPhone ? (
                <p class="govuk-body-s govuk-!-margin-bottom-1">
                  {t(W.contact)}:{' '}
                  {s.contactEmail ? (
                    <a class="govuk-footer__link" href={`mailto:${s.contactEmail}`}>
                      {s.contactEmail}
                    </a>
                  ) : null}
                  {s.contactEmail && s.contactPhone ? ', ' : null}
                  {s.contactPhone ? (
                    <a class="govuk-footer__link" href={`tel:${s.contactPhone.replace(/[^+\d]/g, '')}`}>
                      {s.contactPhone}
                    </a>
                  ) : null}
                </p>
              ) : null}
              <p class="govuk-body-s civitas-footer__licence">{t(W.licence)}</p>
            </div>
          </div>
        </div>
      </div>
    </footer>
  );
}

/**
 * Every page: skip link, header (city, account menu), navigation with the language switch, breadcrumbs, the flash
 * message, one `main`, footer. The view puts its h1 in `children`.
 */
export function Layout(props: LayoutProps) {
  const page = usePage();
  return (
    <html lang={page.locale} class="govuk-template">
      <head>
        <meta charset="utf-8" />
        <title>{pageTitle(page, props)}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content={page.site.brandColour} />
        {page.assets.css.map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        {page.assets.icon ? <link rel="icon" href={page.assets.icon} type="image/svg+xml" /> : null}
        {page.assets.js.map((src) => (
          <script type="module" src={src}></script>
        ))}
      </head>
      <body class="govuk-template__body">
        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
          {W.skipLink[page.locale]}
        </a>
        <Header section={props.section} />
        <div class="govuk-width-container">
          <Breadcrumbs items={props.breadcrumbs ?? []} />
          <main class="govuk-main-wrapper" id="main-content">
            {page.flash ? <NotificationBanner kind={page.flash.kind} heading={page.flash.text[page.locale]} /> : null}
            {props.children}
          </main>
        </div>
        <Footer />
      </body>
    </html>
  );
}

import { format, type Locale } from '@civitas/common';
import type { TokenPurpose } from '../token';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface AccountMailParams {
  displayName: string;
  /** The one-time link (verify_email, reset_password). */
  link?: string;
  publicUrl: string;
}

interface Template {
  subject: string;
  greeting: string;
  /** Paragraphs; {link}, {loginUrl} and {resetUrl} become links. */
  body: string[];
  /** Text of the button / link line. */
  action?: string;
}

const TEMPLATES: Record<TokenPurpose, Record<Locale, Template>> = {
  verify_email: {
    pl: {
      subject: 'Potwierdź adres e-mail w Civitas',
      greeting: 'Dzień dobry, {name}!',
      body: [
        'Dziękujemy za założenie konta w Civitas. Aby je aktywować, potwierdź adres e-mail, otwierając link:',
        '{link}',
        'Link jest ważny przez 48 godzin i można go użyć tylko raz.',
        'Jeśli to nie Ty zakładałeś(-aś) konto, zignoruj tę wiadomość.',
      ],
    },
    en: {
      subject: 'Confirm your e-mail address for Civitas',
      greeting: 'Hello {name},',
      body: [
        'Thank you for creating a Civitas account. To activate it, confirm your e-mail address by opening this link:',
        '{link}',
        'The link is valid for 48 hours and can be used once.',
        'If you did not create an account, ignore this message.',
      ],
    },
  },
  reset_password: {
    pl: {
      subject: 'Ustaw nowe hasło w Civitas',
      greeting: 'Dzień dobry, {name}!',
      body: [
        'Otrzymaliśmy prośbę o ustawienie nowego hasła do Twojego konta w Civitas. Aby to zrobić, otwórz link:',
        '{link}',
        'Link jest ważny przez godzinę i można go użyć tylko raz. Po zmianie hasła zostaniesz wylogowany(-a) na wszystkich urządzeniach.',
        'Jeśli to nie Ty prosiłeś(-aś) o nowe hasło, zignoruj tę wiadomość — hasło pozostanie bez zmian.',
      ],
    },
    en: {
      subject: 'Set a new password for Civitas',
      greeting: 'Hello {name},',
      body: [
        'We received a request to set a new password for your Civitas account. To do so, open this link:',
        '{link}',
        'The link is valid for one hour and can be used once. Changing the password logs you out on every device.',
        'If you did not ask for a new password, ignore this message — your password stays as it is.',
      ],
    },
  },
  account_exists: {
    pl: {
      subject: 'Próba rejestracji na Twój adres w Civitas',
      greeting: 'Dzień dobry, {name}!',
      body: [
        'Ktoś (być może Ty) próbował założyć konto w Civitas, podając ten adres e-mail. Masz już konto z tym adresem, więc nowego konta nie utworzono.',
        'Zaloguj się: {loginUrl}',
        'Jeśli nie pamiętasz hasła, ustaw nowe: {resetUrl}',
        'Jeśli to nie Ty, zignoruj tę wiadomość — Twoje konto pozostaje bez zmian.',
      ],
    },
    en: {
      subject: 'Someone tried to register with your address on Civitas',
      greeting: 'Hello {name},',
      body: [
        'Someone (perhaps you) tried to create a Civitas account with this e-mail address. You already have an account with this address, so no new account was created.',
        'Sign in: {loginUrl}',
        'If you do not remember your password, set a new one: {resetUrl}',
        'If this was not you, ignore this message — your account is unchanged.',
      ],
    },
  },
};

const SIGNATURE: Record<Locale, string> = { pl: 'Zespół Civitas', en: 'The Civitas team' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Renders an account mail in the recipient's language, as plain text and HTML. */
export function renderAccountMail(purpose: TokenPurpose, locale: Locale, p: AccountMailParams): RenderedMail {
  const t = TEMPLATES[purpose][locale];
  const urls = { link: p.link ?? '', loginUrl: `${p.publicUrl}/sign-in`, resetUrl: `${p.publicUrl}/forgot-password` };
  const text = [format(t.greeting, { name: p.displayName }), ...t.body.map((b) => format(b, urls)), `— ${SIGNATURE[locale]}`].join('\n\n');
  const anchor = (url: string) => `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
  const paragraphs = [
    escapeHtml(format(t.greeting, { name: p.displayName })),
    ...t.body.map((b) => escapeHtml(b).replace(/\{(link|loginUrl|resetUrl)\}/g, (_m, k: keyof typeof urls) => anchor(urls[k]))),
    `— ${escapeHtml(SIGNATURE[locale])}`,
  ];
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(t.subject)}</title></head>` +
    `<body>${paragraphs.map((x) => `<p>${x}</p>`).join('')}</body></html>`;
  return { subject: t.subject, text, html };
}

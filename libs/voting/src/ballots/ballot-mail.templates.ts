import type { Locale } from '@civitas/common';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function render(subject: string, paragraphs: string[]): RenderedMail {
  return {
    subject,
    text: `${paragraphs.join('\n\n')}\n`,
    html: `<!doctype html><html><body>${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}</body></html>`,
  };
}

/** The one-time code confirming an online ballot. */
export function renderCodeMail(locale: Locale, p: { name: string; edition: string; code: string; reference: string; minutes: number }): RenderedMail {
  return locale === 'en'
    ? render(`Your voting code: ${p.code}`, [
        `Hello ${p.name},`,
        `to confirm your ballot in "${p.edition}", enter this code: ${p.code}`,
        `The code is valid for ${p.minutes} minutes. Your ballot reference: ${p.reference}. Until you confirm it, the ballot does not count.`,
        'If you did not vote, ignore this message: the ballot will not count.',
      ])
    : render(`Kod potwierdzenia głosu: ${p.code}`, [
        `Dzień dobry, ${p.name}!`,
        `Aby potwierdzić głos w „${p.edition}”, wpisz ten kod: ${p.code}`,
        `Kod jest ważny przez ${p.minutes} minut. Numer Twojego głosu: ${p.reference}. Dopóki go nie potwierdzisz, głos nie jest liczony.`,
        'Jeśli to nie Ty głosowałeś(-aś), zignoruj tę wiadomość: głos nie zostanie policzony.',
      ]);
}

/** The receipt of a counted ballot, with the reference to check its status. */
export function renderReceiptMail(locale: Locale, p: { name: string; edition: string; reference: string; statusUrl: string }): RenderedMail {
  return locale === 'en'
    ? render(`Your ballot has been counted: ${p.reference}`, [
        `Hello ${p.name},`,
        `thank you for voting in "${p.edition}". Your ballot is valid and will be counted.`,
        `Ballot reference: ${p.reference}. You can check its status at ${p.statusUrl} (the status only; nobody can see how you voted there).`,
      ])
    : render(`Twój głos został przyjęty: ${p.reference}`, [
        `Dzień dobry, ${p.name}!`,
        `Dziękujemy za udział w głosowaniu „${p.edition}”. Twój głos jest ważny i zostanie policzony.`,
        `Numer głosu: ${p.reference}. Jego status sprawdzisz pod adresem ${p.statusUrl} (tylko status; nikt nie zobaczy tam, jak głosowałeś(-aś)).`,
      ]);
}

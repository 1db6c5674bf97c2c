import type { Locale } from '@civitas/common';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface CodeFacts {
  consultation: string;
  code: string;
  minutes: number;
}

const SUBJECT: Record<Locale, string> = { pl: 'Kod potwierdzenia ankiety', en: 'Survey confirmation code' };

const PARAGRAPHS: Record<Locale, (p: CodeFacts) => string[]> = {
  pl: (p) => [
    'Dzień dobry!',
    `Aby potwierdzić odpowiedź na ankietę w konsultacjach „${p.consultation}”, wpisz ten kod: ${p.code}`,
    `Kod jest ważny przez ${p.minutes} minut. Dopóki go nie wpiszesz, odpowiedź nie jest liczona.`,
    'Jeśli to nie Ty wypełniłeś(-aś) ankietę, zignoruj tę wiadomość: odpowiedź nie zostanie policzona.',
  ],
  en: (p) => [
    'Hello,',
    `to confirm your answers to the survey of the consultation "${p.consultation}", enter this code: ${p.code}`,
    `The code is valid for ${p.minutes} minutes. Until you enter it, your answers do not count.`,
    'If you did not answer this survey, ignore this message: the answers will not count.',
  ],
};

/**
 * The one-time code confirming an anonymous survey response. A response keeps no language, so the mail carries the
 * given languages one after the other (Polish first by default).
 */
export function renderSurveyCodeMail(p: CodeFacts, locales: Locale[] = ['pl', 'en']): RenderedMail {
  const parts = locales.map((l) => PARAGRAPHS[l](p));
  return {
    subject: `${locales.map((l) => SUBJECT[l]).join(' / ')}: ${p.code}`,
    text: `${parts.map((ps) => ps.join('\n\n')).join('\n\n----\n\n')}\n`,
    html: `<!doctype html><html><body>${parts.map((ps) => ps.map((x) => `<p>${esc(x)}</p>`).join('')).join('<hr>')}</body></html>`,
  };
}

import type { Locale } from '@civitas/common';
import { formatMoney, formatNumber, plural } from '@civitas/web';
import { RP } from './results-pages.texts';

/** A reason of the tally engine as stored with a result: a stable code, its parameters, and the engine's own texts. */
export interface EngineReason {
  code: string;
  params?: Record<string, string | number>;
  pl: string;
  en: string;
}

/** What a reason needs to be told in words: the projects' titles by code, and whether results are votes or points. */
export interface ReasonContext {
  titles: Map<string, string>;
  points: boolean;
  /** Set when the comparison step chose the greedy outcome (every reason then says so). */
  greedyPreferred?: { greedy: number; mes: number } | null;
}

const percentFormat: Record<Locale, Intl.NumberFormat> = {
  pl: new Intl.NumberFormat('pl-PL', { style: 'percent', maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 2 }),
};

/** An amount of the engine (PLN as a decimal string, "300000.00") in the page's language; null when it is not one. */
function money(locale: Locale, pln: string | number | undefined): string | null {
  const s = String(pln ?? '');
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const grosze = BigInt(m[2]) * 100n + BigInt((m[3] ?? '0').padEnd(2, '0'));
  return formatMoney(locale, m[1] ? -grosze : grosze);
}

/** A percentage the engine gives as "79.99" (per cent), in the page's language. */
function percent(locale: Locale, value: string | number | undefined): string | null {
  const n = Number(value);
  return value === undefined || value === '' || !Number.isFinite(n) ? null : percentFormat[locale].format(n / 100);
}

function number(locale: Locale, value: string | number | undefined): string | null {
  const n = Number(value);
  return value === undefined || value === '' || !Number.isFinite(n) ? null : formatNumber(locale, n);
}

/**
 * Why a project was or was not selected, in the visitor's language: the engine's reason told in full sentences, its
 * amounts as money ("120 000 zł"), the projects it names by their titles. A reason this page does not know, or whose
 * parameters do not read, is the engine's own text in the same language.
 */
export function reasonText(locale: Locale, reason: EngineReason, ctx: ReasonContext): string {
  const pl = locale === 'pl';
  const p = reason.params ?? {};
  const title = (code: string | number | undefined) => {
    const c = String(code ?? '');
    return pl ? `„${ctx.titles.get(c) ?? c}”` : `“${ctx.titles.get(c) ?? c}”`;
  };
  const score = (n: string | number | undefined) => {
    const v = Number(n);
    return Number.isInteger(v) ? plural(locale, v, ctx.points ? RP.points : RP.votes) : null;
  };
  const m = (k: string) => money(locale, p[k]);
  let text: string | null = null;
  switch (reason.code) {
    case 'selected': {
      const [pos, left] = [number(locale, p.position), m('remaining')];
      if (pos && left)
        text = pl ? `Wybrany jako ${pos}. według wyniku; po nim w puli zostało ${left}.` : `Selected as number ${pos} by result; ${left} was left after it.`;
      break;
    }
    case 'selected-mes': {
      const [round, n, max] = [number(locale, p.round), Number(p.supporters), m('maxPayment')];
      if (round && Number.isInteger(n) && max)
        text = pl
          ? `Wybrany w ${round}. rundzie metody równych udziałów: ${plural(locale, n, RP.supportersPaid)} jego koszt, każdy najwyżej ${max}.`
          : `Selected in round ${round} of Equal Shares: ${plural(locale, n, RP.supportersPaid)} its cost, at most ${max} each.`;
      break;
    }
    case 'selected-completion': {
      const left = m('remaining');
      if (left)
        text = pl
          ? `Wybrany w uzupełnieniu po metodzie równych udziałów, według wyniku; po nim w puli zostało ${left}.`
          : `Selected when the money left was filled up in order of result after Equal Shares; ${left} was left after it.`;
      break;
    }
    case 'selected-top-up': {
      const [pos, cost, left, covered, required, reserve] = [
        number(locale, p.position),
        m('cost'),
        m('remaining'),
        percent(locale, p.covered),
        percent(locale, p.required),
        m('reserve'),
      ];
      if (pos && cost && left && covered && required && reserve)
        text = pl
          ? `Wybrany jako ${pos}. z dopłatą z rezerwy: kosztuje ${cost}, a w puli zostało ${left}, czyli ${covered} jego kosztu (wymagane co najmniej ${required}). ${reserve} dopłacono z rezerwy miasta i na nim wybór się zakończył.`
          : `Selected as number ${pos} with a top-up from the reserve: it costs ${cost} and ${left} was left in the pool, ${covered} of its cost (at least ${required} required). ${reserve} came from the city’s reserve and selection ended with it.`;
      break;
    }
    case 'did-not-fit': {
      const [cost, left] = [m('cost'), m('remaining')];
      if (cost && left)
        text = pl ? `Nie zmieścił się: kosztuje ${cost}, a w puli zostało tylko ${left}.` : `Did not fit: it costs ${cost}, only ${left} was left.`;
      break;
    }
    case 'below-threshold': {
      const [got, threshold] = [score(p.score), number(locale, p.threshold)];
      if (got && threshold)
        text = pl ? `Nie osiągnął progu: zdobył ${got}, próg wynosił ${threshold}.` : `Below the threshold: it got ${got}, the threshold was ${threshold}.`;
      break;
    }
    case 'excluded-by':
      if (p.by !== undefined)
        text = pl
          ? `Wykluczony: wybrano projekt ${title(p.by)}, który wyklucza się z tym projektem.`
          : `Excluded: ${title(p.by)} was selected, and the two projects exclude each other.`;
      break;
    case 'stopped-before':
      if (p.at !== undefined)
        text = pl
          ? `Nie rozpatrywany: wybór zakończył się wcześniej, na projekcie ${title(p.at)}, który się nie zmieścił.`
          : `Not considered: selection ended earlier, at ${title(p.at)}, which did not fit.`;
      break;
    case 'stopped-here': {
      const [cost, left] = [m('cost'), m('remaining')];
      if (cost && left)
        text = pl
          ? `Nie zmieścił się: kosztuje ${cost}, a w puli zostało ${left}; na nim wybór się zakończył.`
          : `Did not fit: it costs ${cost} and ${left} was left; selection ended here.`;
      break;
    }
    case 'stopped-here-no-top-up': {
      const [cost, left, covered, required] = [m('cost'), m('remaining'), percent(locale, p.covered), percent(locale, p.required)];
      if (cost && left && covered && required)
        text = pl
          ? `Nie zmieścił się: kosztuje ${cost}, a w puli zostało ${left}, czyli ${covered} jego kosztu — mniej niż ${required} potrzebne do dopłaty z rezerwy; na nim wybór się zakończył.`
          : `Did not fit: it costs ${cost} and ${left} was left, ${covered} of its cost — less than the ${required} needed for a top-up from the reserve; selection ended here.`;
      break;
    }
    case 'stopped-after-top-up':
      if (p.at !== undefined)
        text = pl
          ? `Nie rozpatrywany: wybór zakończył się na projekcie ${title(p.at)}, sfinansowanym z dopłatą z rezerwy.`
          : `Not considered: selection ended with ${title(p.at)}, funded with a top-up from the reserve.`;
      break;
    case 'not-affordable': {
      const [round, had, cost] = [number(locale, p.round), m('money'), m('cost')];
      if (round && had && cost)
        text = pl
          ? `Jego zwolennicy nie mogli go opłacić w ${round}. rundzie metody równych udziałów: zostało im razem ${had}, a projekt kosztuje ${cost}.`
          : `Its supporters could not pay for it in round ${round} of Equal Shares: together they had ${had} left, and it costs ${cost}.`;
      break;
    }
    case 'ineligible-support': {
      // The engine gives the share of voters as a fraction and the cost's share of the pool in per cent.
      const [share, costShare, k] = [percent(locale, Number(p.share) * 100), percent(locale, p.costShare), number(locale, p.k)];
      if (share && costShare && k)
        text = pl
          ? `Niedopuszczony do metody równych udziałów: poparło go ${share} głosujących, mniej niż jego koszt jako część puli (${costShare}) podzielony przez ${k}.`
          : `Not eligible for Equal Shares: ${share} of voters supported it, less than its cost as a share of the pool (${costShare}) divided by ${k}.`;
      break;
    }
  }
  const told = text ?? reason[locale];
  const g = ctx.greedyPreferred;
  if (!g || text === null) return told;
  return pl
    ? `${told} Zastosowano wynik zachłanny: woli go ${plural(locale, g.greedy, RP.voters)}, metodę równych udziałów ${plural(locale, g.mes, RP.voters)}.`
    : `${told} The greedy outcome was used: ${plural(locale, g.greedy, RP.voters)} prefer it, ${plural(locale, g.mes, RP.voters)} prefer Equal Shares.`;
}

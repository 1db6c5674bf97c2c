import { REASON_CODES, reason as engineReason, type ReasonCode } from '@civitas/tally';
import { reasonText, type ReasonContext } from './results-reasons';

/** Text with every kind of space as one space (Intl puts no-break spaces in money). */
const plain = (s: string) => s.replace(/\s+/g, ' ');

const ctx: ReasonContext = { titles: new Map([['P7', 'Park nad stawem']]), points: false };
const told = (code: ReasonCode, params: Record<string, string | number>, c: ReasonContext = ctx) => {
  const r = engineReason(code, params);
  return { pl: plain(reasonText('pl', r, c)), en: plain(reasonText('en', r, c)), engine: r };
};

describe('the reasons of the results page', () => {
  it('tells each reason of a project in Polish and English, with money and the titles of the projects it names', () => {
    expect(told('selected', { position: 2, remaining: '150000.00' })).toMatchObject({
      pl: 'Wybrany jako 2. według wyniku; po nim w puli zostało 150 000 zł.',
      en: 'Selected as number 2 by result; PLN 150,000 was left after it.',
    });
    expect(told('did-not-fit', { cost: '300000.00', remaining: '120000.50' })).toMatchObject({
      pl: 'Nie zmieścił się: kosztuje 300 000 zł, a w puli zostało tylko 120 000,50 zł.',
      en: 'Did not fit: it costs PLN 300,000, only PLN 120,000.50 was left.',
    });
    expect(told('excluded-by', { by: 'P7' }).pl).toBe('Wykluczony: wybrano projekt „Park nad stawem”, który wyklucza się z tym projektem.');
    expect(told('excluded-by', { by: 'P7' }).en).toBe('Excluded: “Park nad stawem” was selected, and the two projects exclude each other.');
    expect(told('stopped-before', { at: 'P9' }).pl).toBe('Nie rozpatrywany: wybór zakończył się wcześniej, na projekcie „P9”, który się nie zmieścił.');
    expect(told('below-threshold', { score: 22, threshold: 48 }).pl).toBe('Nie osiągnął progu: zdobył 22 głosy, próg wynosił 48.');
    expect(told('below-threshold', { score: 1, threshold: 5 }, { ...ctx, points: true }).en).toBe('Below the threshold: it got 1 point, the threshold was 5.');
    expect(told('selected-mes', { round: 3, supporters: 1, maxPayment: '60.00' }).pl).toBe(
      'Wybrany w 3. rundzie metody równych udziałów: 1 zwolennik pokrył jego koszt, każdy najwyżej 60 zł.',
    );
    expect(told('selected-mes', { round: 3, supporters: 22, maxPayment: '60.25' }).en).toBe(
      'Selected in round 3 of Equal Shares: 22 supporters paid its cost, at most PLN 60.25 each.',
    );
    expect(told('not-affordable', { round: 1, money: '412426.00', cost: '413000.00' }).pl).toBe(
      'Jego zwolennicy nie mogli go opłacić w 1. rundzie metody równych udziałów: zostało im razem 412 426 zł, a projekt kosztuje 413 000 zł.',
    );
    expect(told('selected-top-up', { position: 2, cost: '800000.00', remaining: '656850.00', covered: '82.10', required: 80, reserve: '143150.00' }).pl).toBe(
      'Wybrany jako 2. z dopłatą z rezerwy: kosztuje 800 000 zł, a w puli zostało 656 850 zł, czyli 82,1% jego kosztu (wymagane co najmniej 80%). 143 150 zł dopłacono z rezerwy miasta i na nim wybór się zakończył.',
    );
    expect(told('stopped-here-no-top-up', { cost: '100000.00', remaining: '79999.00', covered: '79.99', required: 80 }).en).toBe(
      'Did not fit: it costs PLN 100,000 and PLN 79,999 was left, 79.99% of its cost — less than the 80% needed for a top-up from the reserve; selection ended here.',
    );
    expect(told('ineligible-support', { share: '0.0125', costShare: '12.5000', k: 3 }).pl).toBe(
      'Niedopuszczony do metody równych udziałów: poparło go 1,25% głosujących, mniej niż jego koszt jako część puli (12,5%) podzielony przez 3.',
    );
  });

  it('has words for every reason of a project the engine gives', () => {
    const params: Record<string, string | number> = {
      position: 1,
      remaining: '10.00',
      round: 1,
      supporters: 2,
      maxPayment: '5.00',
      cost: '20.00',
      covered: '50.00',
      required: 80,
      reserve: '10.00',
      score: 3,
      threshold: 5,
      by: 'P7',
      at: 'P7',
      money: '10.00',
      share: '0.5',
      costShare: '10.0000',
      k: 2,
    };
    const projectCodes = REASON_CODES.filter((c) => !c.startsWith('ballot-') && c !== 'tie-break' && c !== 'greedy-outcome-preferred');
    for (const code of projectCodes) {
      const { pl, en, engine } = told(code, params);
      expect({ code, same: pl === plain(engine.pl) }).toEqual({ code, same: false });
      expect({ code, same: en === plain(engine.en) }).toEqual({ code, same: false });
    }
  });

  it('falls back to the engine’s own text for an unknown reason or parameters that do not read', () => {
    expect(reasonText('pl', { code: 'something-new', params: {}, pl: 'coś nowego', en: 'something new' }, ctx)).toBe('coś nowego');
    expect(reasonText('en', { code: 'did-not-fit', params: { cost: 'lots' }, pl: 'nie zmieścił się', en: 'did not fit' }, ctx)).toBe('did not fit');
  });

  it('says when the comparison step chose the greedy outcome', () => {
    const c = { ...ctx, greedyPreferred: { greedy: 120, mes: 80 } };
    expect(told('selected', { position: 1, remaining: '0.00' }, c).pl).toBe(
      'Wybrany jako 1. według wyniku; po nim w puli zostało 0 zł. Zastosowano wynik zachłanny: woli go 120 głosujących, metodę równych udziałów 80 głosujących.',
    );
  });
});

/**
 * Machine-readable reason codes with English and Polish messages. Every explanation the engine gives (why a
 * ballot is invalid, why a project was or was not selected, which tie-break decided) is a {@link Reason}.
 */
export type ReasonParams = Readonly<Record<string, string | number>>;

export interface Reason {
  readonly code: ReasonCode;
  readonly params: ReasonParams;
  /** English text. */
  readonly en: string;
  /** Polish text. */
  readonly pl: string;
}

type Msg = (p: Record<string, string | number>) => string;

function plEnding(n: number, one: string, few: string, many: string): string {
  if (n === 1) return one;
  const d = n % 10;
  const dd = n % 100;
  return d >= 2 && d <= 4 && !(dd >= 12 && dd <= 14) ? few : many;
}
const enS = (n: number | string, one: string, many: string) => `${n} ${Number(n) === 1 ? one : many}`;
const plN = (n: number | string, one: string, few: string, many: string) => `${n} ${plEnding(Number(n), one, few, many)}`;

const MESSAGES = {
  // Ballots
  'ballot-unknown-project': {
    en: (p) => `ballot names unknown project ${p.project}`,
    pl: (p) => `głos wskazuje nieznany projekt ${p.project}`,
  },
  'ballot-duplicate-project': {
    en: (p) => `ballot names project ${p.project} more than once`,
    pl: (p) => `głos wskazuje projekt ${p.project} więcej niż raz`,
  },
  'ballot-too-few-projects': {
    en: (p) => `ballot has ${enS(p.count, 'project', 'projects')}, at least ${p.min} required`,
    pl: (p) => `głos zawiera ${plN(p.count, 'projekt', 'projekty', 'projektów')}, wymagane co najmniej ${p.min}`,
  },
  'ballot-too-many-projects': {
    en: (p) => `ballot has ${enS(p.count, 'project', 'projects')}, at most ${p.max} allowed`,
    pl: (p) => `głos zawiera ${plN(p.count, 'projekt', 'projekty', 'projektów')}, dozwolone najwyżej ${p.max}`,
  },
  'ballot-points-missing': {
    en: (p) => `ballot has ${enS(p.count, 'project', 'projects')} but no matching points`,
    pl: (p) => `głos zawiera ${plN(p.count, 'projekt', 'projekty', 'projektów')}, ale brak odpowiadających im punktów`,
  },
  'ballot-bad-points': {
    en: (p) => `ballot gives project ${p.project} ${p.points} points, points must be whole non-negative numbers`,
    pl: (p) => `głos przyznaje projektowi ${p.project} ${p.points} pkt, punkty muszą być nieujemnymi liczbami całkowitymi`,
  },
  'ballot-zero-points': {
    en: (p) => `ballot lists project ${p.project} with 0 points`,
    pl: (p) => `głos wymienia projekt ${p.project} z 0 punktów`,
  },
  'ballot-too-few-points-for-project': {
    en: (p) => `ballot gives project ${p.project} ${enS(p.points, 'point', 'points')}, at least ${p.min} required`,
    pl: (p) => `głos przyznaje projektowi ${p.project} ${p.points} pkt, wymagane co najmniej ${p.min}`,
  },
  'ballot-too-many-points-for-project': {
    en: (p) => `ballot gives project ${p.project} ${enS(p.points, 'point', 'points')}, at most ${p.max} allowed`,
    pl: (p) => `głos przyznaje projektowi ${p.project} ${p.points} pkt, dozwolone najwyżej ${p.max}`,
  },
  'ballot-too-few-points': {
    en: (p) => `ballot gives ${enS(p.sum, 'point', 'points')} in total, at least ${p.min} required`,
    pl: (p) => `głos przyznaje łącznie ${p.sum} pkt, wymagane co najmniej ${p.min}`,
  },
  'ballot-too-many-points': {
    en: (p) => `ballot gives ${enS(p.sum, 'point', 'points')} in total, at most ${p.max} allowed`,
    pl: (p) => `głos przyznaje łącznie ${p.sum} pkt, dozwolone najwyżej ${p.max}`,
  },
  'ballot-too-costly': {
    en: (p) => `projects on the ballot cost ${p.total} PLN in total, at most ${p.max} PLN allowed`,
    pl: (p) => `projekty na głosie kosztują łącznie ${p.total} zł, dozwolone najwyżej ${p.max} zł`,
  },
  'ballot-too-cheap': {
    en: (p) => `projects on the ballot cost ${p.total} PLN in total, at least ${p.min} PLN required`,
    pl: (p) => `projekty na głosie kosztują łącznie ${p.total} zł, wymagane co najmniej ${p.min} zł`,
  },
  // Projects: selected
  selected: {
    en: (p) => `selected as number ${p.position} by score, ${p.remaining} PLN left after it`,
    pl: (p) => `wybrany jako ${p.position}. według wyniku, po nim pozostaje ${p.remaining} zł`,
  },
  'selected-mes': {
    en: (p) => `selected in round ${p.round} of Equal Shares: ${enS(p.supporters, 'supporter', 'supporters')} paid its cost, at most ${p.maxPayment} PLN each`,
    pl: (p) =>
      `wybrany w rundzie ${p.round} metody równych udziałów: ${plN(p.supporters, 'zwolennik', 'zwolenników', 'zwolenników')} pokryło koszt, każdy najwyżej ${p.maxPayment} zł`,
  },
  'selected-completion': {
    en: (p) => `selected by the utilitarian completion after Equal Shares, ${p.remaining} PLN left after it`,
    pl: (p) => `wybrany przez uzupełnienie według liczby głosów po metodzie równych udziałów, po nim pozostaje ${p.remaining} zł`,
  },
  'selected-top-up': {
    en: (p) =>
      `selected as number ${p.position} with a top-up from the reserve: it did not fit (costs ${p.cost} PLN), but the ${p.remaining} PLN left cover ${p.covered} % of its cost (at least ${p.required} % required); ${p.reserve} PLN comes from the reserve and selection ends here`,
    pl: (p) =>
      `wybrany jako ${p.position}. z dopłatą z rezerwy: nie zmieścił się (kosztuje ${p.cost} zł), ale pozostało ${p.remaining} zł, czyli ${p.covered} % jego kosztu (wymagane co najmniej ${p.required} %); ${p.reserve} zł pochodzi z rezerwy, a wybór kończy się na nim`,
  },
  // Projects: not selected
  'did-not-fit': {
    en: (p) => `did not fit: costs ${p.cost} PLN, only ${p.remaining} PLN left`,
    pl: (p) => `nie zmieścił się: kosztuje ${p.cost} zł, pozostało tylko ${p.remaining} zł`,
  },
  'below-threshold': {
    en: (p) => `score ${p.score} is below the threshold ${p.threshold}`,
    pl: (p) => `wynik ${p.score} jest niższy od progu ${p.threshold}`,
  },
  'excluded-by': {
    en: (p) => `excluded because project ${p.by} from the same group of mutually exclusive projects was selected`,
    pl: (p) => `wykluczony, bo wybrano projekt ${p.by} z tej samej grupy projektów wzajemnie się wykluczających`,
  },
  'stopped-before': {
    en: (p) => `not considered: selection stopped at project ${p.at}, which did not fit`,
    pl: (p) => `nie rozpatrywany: wybór zatrzymał się na projekcie ${p.at}, który się nie zmieścił`,
  },
  'stopped-here': {
    en: (p) => `did not fit (costs ${p.cost} PLN, ${p.remaining} PLN left), so selection stopped here`,
    pl: (p) => `nie zmieścił się (kosztuje ${p.cost} zł, pozostało ${p.remaining} zł), więc wybór zakończył się na nim`,
  },
  'stopped-here-no-top-up': {
    en: (p) =>
      `did not fit (costs ${p.cost} PLN, ${p.remaining} PLN left, ${p.covered} % of its cost, less than the ${p.required} % needed for a top-up from the reserve), so selection stopped here`,
    pl: (p) =>
      `nie zmieścił się (kosztuje ${p.cost} zł, pozostało ${p.remaining} zł, czyli ${p.covered} % jego kosztu, mniej niż ${p.required} % wymagane do dopłaty z rezerwy), więc wybór zakończył się na nim`,
  },
  'stopped-after-top-up': {
    en: (p) => `not considered: selection ended with project ${p.at}, funded with a top-up from the reserve`,
    pl: (p) => `nie rozpatrywany: wybór zakończył się na projekcie ${p.at}, sfinansowanym z dopłatą z rezerwy`,
  },
  'not-affordable': {
    en: (p) => `not affordable for its supporters in round ${p.round} of Equal Shares: together they had ${p.money} PLN left, it costs ${p.cost} PLN`,
    pl: (p) => `niedostępny dla swoich zwolenników w rundzie ${p.round} metody równych udziałów: mieli łącznie ${p.money} zł, projekt kosztuje ${p.cost} zł`,
  },
  'ineligible-support': {
    en: (p) => `not eligible for Equal Shares: share of voters ${p.share} is below cost share ${p.costShare} / ${p.k}`,
    pl: (p) => `niedopuszczony do metody równych udziałów: odsetek głosujących ${p.share} jest mniejszy niż udział kosztu ${p.costShare} / ${p.k}`,
  },
  'greedy-outcome-preferred': {
    en: (p) => `the greedy outcome was used: ${p.greedy} voters prefer it, ${p.mes} prefer Equal Shares`,
    pl: (p) => `zastosowano wynik zachłanny: woli go ${p.greedy} głosujących, metodę równych udziałów ${p.mes}`,
  },
  // Tie-breaks
  'tie-break': {
    en: (p) => `tie between ${p.winner} and ${p.loser} decided by ${p.criterion}`,
    pl: (p) => `remis między ${p.winner} a ${p.loser} rozstrzygnięty przez kryterium ${p.criterionPl}`,
  },
} satisfies Record<string, { en: Msg; pl: Msg }>;

export type ReasonCode = keyof typeof MESSAGES;

export const REASON_CODES = Object.keys(MESSAGES) as ReasonCode[];

export function reason(code: ReasonCode, params: ReasonParams = {}): Reason {
  const m = MESSAGES[code] as { en: Msg; pl: Msg };
  return { code, params, en: m.en(params), pl: m.pl(params) };
}

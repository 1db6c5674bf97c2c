import type { Text } from '@civitas/common';
import { plurals, texts } from '@civitas/web';

/** The texts of the turnout and results pages. */
export const R = texts({
  // Turnout
  turnoutTitle: { pl: 'Frekwencja', en: 'Turnout' },
  turnoutBefore: { pl: 'Głosowanie rozpocznie się {start} i potrwa do {end}.', en: 'Voting opens on {start} and runs until {end}.' },
  turnoutDuring: {
    pl: 'Głosowanie trwa do {end}. Liczby rosną w miarę oddawania głosów.',
    en: 'Voting is open until {end}. The figures grow as people vote.',
  },
  turnoutAfter: { pl: 'Głosowanie zakończyło się {end}.', en: 'Voting closed on {end}.' },
  turnoutNoVoting: { pl: 'Ta edycja nie ma jeszcze terminu głosowania.', en: 'This edition has no voting dates yet.' },
  figuresAt: { pl: 'Stan na {time}.', en: 'Figures as of {time}.' },
  refresh: { pl: 'Odśwież dane', en: 'Refresh the figures' },
  embargo: {
    pl: 'Liczby głosów oddanych na poszczególne projekty pozostają tajne do ogłoszenia wyników — nie zna ich nikt, także urzędnicy. Tutaj widać tylko, ile osób głosowało.',
    en: 'The votes for each project stay secret until the results are published — nobody knows them, officials included. This page only shows how many people have voted.',
  },
  embargoWhen: { pl: 'Wyniki zostaną ogłoszone do {date}.', en: 'The results will be published by {date}.' },
  totalsHeading: { pl: 'Głosy', en: 'Ballots' },
  validBallots: { pl: 'Ważne głosy', en: 'Valid ballots' },
  pendingBallots: { pl: 'Czekają na potwierdzenie kodem z e-maila', en: 'Awaiting confirmation with the e-mailed code' },
  invalidBallots: { pl: 'Nieważne karty papierowe', en: 'Invalid paper ballots' },
  pendingHint: {
    pl: 'Głos oddany przez internet liczy się dopiero po wpisaniu kodu z e-maila; karty nieważne (wypełnione niezgodnie z zasadami, niepodpisane, nieczytelne) nie są liczone.',
    en: 'A ballot cast online counts only once its e-mailed code is entered; invalid paper ballots (against the rules, unsigned, illegible) are not counted.',
  },
  byPoolHeading: { pl: 'Według puli', en: 'By pool' },
  byPoolCaption: { pl: 'Ważne głosy w każdej puli', en: 'Valid ballots in each pool' },
  byPoolHint: {
    pl: 'Jeden głos może obejmować kilka pul (ogólnomiejską i dzielnicy), więc suma może być większa niż liczba głosów.',
    en: 'One ballot may cover several pools (city-wide and a district), so the sum may exceed the number of ballots.',
  },
  byChannelHeading: { pl: 'Według sposobu głosowania', en: 'By channel' },
  byChannelCaption: { pl: 'Ważne głosy przez internet i na papierze', en: 'Valid ballots online and on paper' },
  byAreaHeading: { pl: 'Według obszaru', en: 'By area' },
  byAreaCaption: { pl: 'Ważne głosy według obszaru podanego przez głosujących', en: 'Valid ballots by the area voters declared' },
  pool: { pl: 'Pula', en: 'Pool' },
  area: { pl: 'Obszar', en: 'Area' },
  channel: { pl: 'Sposób', en: 'Channel' },
  ballots: { pl: 'Ważne głosy', en: 'Valid ballots' },
  online: { pl: 'Przez internet', en: 'Online' },
  paper: { pl: 'Na papierze', en: 'On paper' },
  noArea: { pl: 'Bez obszaru', en: 'No area' },
  noPools: { pl: 'Ta edycja nie ma pul.', en: 'This edition has no pools.' },
  noBallots: { pl: 'Nie oddano jeszcze żadnego ważnego głosu.', en: 'No valid ballot has been cast yet.' },
  chartNote: { pl: 'Wykres słupkowy: te same liczby co w tabeli powyżej.', en: 'Bar chart: the same figures as in the table above.' },
  resultsOut: { pl: 'Wyniki zostały ogłoszone.', en: 'The results have been published.' },
  seeResults: { pl: 'Zobacz wyniki głosowania', en: 'See the results of the vote' },
  seeTurnout: { pl: 'Zobacz frekwencję', en: 'See the turnout' },
  backToEdition: { pl: 'Wróć do strony edycji', en: 'Back to the edition' },

  // Results before publication
  resultsTitle: { pl: 'Wyniki głosowania', en: 'Results of the vote' },
  notYet: { pl: 'Wyniki nie zostały jeszcze ogłoszone.', en: 'The results have not been published yet.' },
  notYetBeforeVoting: { pl: 'Głosowanie odbędzie się od {start} do {end}.', en: 'Voting will be held from {start} to {end}.' },
  notYetVoting: { pl: 'Głosowanie trwa do {end}.', en: 'Voting is open until {end}.' },
  notYetCounting: { pl: 'Głosowanie się zakończyło; głosy są sprawdzane i liczone.', en: 'Voting has closed; the ballots are being checked and counted.' },
  notYetWhen: { pl: 'Wyniki zostaną ogłoszone do {date}.', en: 'The results will be published by {date}.' },
  notYetSoon: { pl: 'Wyniki zostaną ogłoszone wkrótce.', en: 'The results will be published soon.' },
  notYetEmbargo: {
    pl: 'Do tego czasu nikt — także urzędnicy — nie widzi, ile głosów zdobyły poszczególne projekty.',
    en: 'Until then nobody — officials included — can see how many votes each project has.',
  },
  notYetSubscribe: { pl: 'Możesz zapisać się na powiadomienie o wynikach.', en: 'You can sign up to be told when the results are out.' },
  seeProjects: { pl: 'Zobacz projekty tej edycji', en: 'See the projects of this edition' },

  // Results
  publishedOn: { pl: 'Wyniki ogłoszono', en: 'Results published on' },
  contents: { pl: 'Spis treści', en: 'Contents' },
  poolHeading: { pl: 'Pula: {pool}', en: 'Pool: {pool}' },
  money: { pl: 'Pieniądze', en: 'Money' },
  poolAmount: { pl: 'Kwota puli', en: 'Amount of the pool' },
  spent: { pl: 'Przeznaczono na wybrane projekty', en: 'Spent on the selected projects' },
  left: { pl: 'Zostało w puli', en: 'Left in the pool' },
  topUp: { pl: 'Dopłata z rezerwy', en: 'Top-up from the reserve' },
  topUpValue: {
    pl: '{amount} z rezerwy miasta (poza pulą) na projekt „{title}”',
    en: '{amount} from the city’s reserve (outside the pool) for “{title}”',
  },
  ballotsCounted: { pl: 'Policzone głosy', en: 'Ballots counted' },
  invalidOnes: { pl: '(nieważne: {n})', en: '(invalid: {n})' },
  ruleRow: { pl: 'Zasada wyboru', en: 'Rule' },
  selectedHeading: { pl: 'Wybrane projekty', en: 'Selected projects' },
  selectedCaption: { pl: 'Projekty wybrane do realizacji, w kolejności wyboru', en: 'Projects selected, in the order of selection' },
  notSelectedHeading: { pl: 'Projekty niewybrane', en: 'Projects not selected' },
  notSelectedCaption: { pl: 'Projekty niewybrane, według wyniku', en: 'Projects not selected, by result' },
  noneSelected: { pl: 'W tej puli nie wybrano żadnego projektu.', en: 'No project was selected in this pool.' },
  noneNotSelected: { pl: 'Wybrano wszystkie projekty z tej puli.', en: 'Every project of this pool was selected.' },
  noProjects: { pl: 'W tej puli nie było projektów do głosowania.', en: 'This pool had no projects on the ballot.' },
  place: { pl: 'Miejsce', en: 'Place' },
  project: { pl: 'Projekt', en: 'Project' },
  votes: { pl: 'Głosy', en: 'Votes' },
  points: { pl: 'Punkty', en: 'Points' },
  outcome: { pl: 'Wynik', en: 'Outcome' },
  why: { pl: 'Dlaczego:', en: 'Why:' },
  cost: { pl: 'Koszt: {cost}', en: 'Cost: {cost}' },
  code: { pl: 'nr {code}', en: 'no. {code}' },
  selected: { pl: 'Wybrany', en: 'Selected' },
  notSelected: { pl: 'Niewybrany', en: 'Not selected' },
  withTopUp: { pl: 'Z dopłatą', en: 'With a top-up' },
  chartHeading: { pl: 'Wykres głosów', en: 'Chart of the votes' },
  chartPointsHeading: { pl: 'Wykres punktów', en: 'Chart of the points' },
  chartCaption: {
    pl: 'Wykres słupkowy: {what} każdego projektu, wybrane projekty nad linią finansowania. Te same liczby są w tabelach powyżej.',
    en: 'Bar chart: the {what} of each project, the selected projects above the funding line. The same figures are in the tables above.',
  },
  chartVotes: { pl: 'głosy', en: 'votes' },
  chartPoints: { pl: 'punkty', en: 'points' },
  fundingLine: { pl: 'linia finansowania', en: 'funding line' },
  ruleHeading: { pl: 'Jak wybrano projekty', en: 'How the projects were chosen' },
  tiesHeading: { pl: 'Remisy i losowanie', en: 'Ties and the lot' },
  seed: { pl: 'Ziarno losowania, opublikowane przed głosowaniem:', en: 'The seed of the lot, published before voting:' },
  noTies: { pl: 'Żaden remis nie wpłynął na wynik.', en: 'No tie affected the outcome.' },
  tieLine: {
    pl: '{stage}: „{winner}” przed „{loser}” — rozstrzygnęło kryterium: {criterion}.',
    en: '{stage}: “{winner}” before “{loser}” — decided by: {criterion}.',
  },
  lotKeys: {
    pl: 'Klucze losowania (SHA-256 z ziarna, znaku nowej linii i numeru projektu; niższy wygrywa):',
    en: 'Keys of the lot (SHA-256 of the seed, a line break and the project’s number; the lower wins):',
  },
  quoted: { pl: '„{title}”:', en: '“{title}”:' },
  stageGreedy: { pl: 'Kolejność według wyniku', en: 'Order by result' },
  stageMes: { pl: 'Runda {round} metody równych udziałów', en: 'Round {round} of Equal Shares' },
  turnoutHeading: { pl: 'Frekwencja', en: 'Turnout' },
  poolTurnout: { pl: 'W tej puli policzono {valid}.', en: '{valid} counted in this pool.' },
  poolInvalid: { pl: 'Nieważnych głosów w tej puli: {n}.', en: 'Invalid ballots in this pool: {n}.' },
  downloadsHeading: { pl: 'Dane do pobrania i przeliczenie', en: 'Downloads and recount' },
  downloadsIntro: {
    pl: 'Każdy może sprawdzić wynik: pobierz dane albo przelicz je w przeglądarce tym samym programem, którego użyło miasto.',
    en: 'Anyone can check the outcome: download the data, or recount it in your browser with the same program the city used.',
  },
  recount: { pl: 'Przelicz w przeglądarce', en: 'Recount in your browser' },
  csv: { pl: 'Wyniki wszystkich pul (CSV, arkusz kalkulacyjny)', en: 'Results of every pool (CSV, spreadsheet)' },
  json: { pl: 'Wyniki wszystkich pul (JSON, dla programistów)', en: 'Results of every pool (JSON, for developers)' },
  pb: { pl: 'Głosy i wyniki puli „{pool}” (format Pabulib, .pb)', en: 'Ballots and results of the pool “{pool}” (Pabulib format, .pb)' },
  inputHash: { pl: 'Skrót SHA-256 danych wejściowych puli „{pool}”:', en: 'SHA-256 of the inputs of the pool “{pool}”:' },
  summary: { pl: 'Wybrano {projects} za łączną kwotę {money}.', en: '{projects} selected for {money} in total.' },

  // Rules in plain words
  ruleGreedy: {
    pl: 'Projekty ustawiono od najlepszego wyniku. Po kolei wybierano każdy, który mieścił się w pieniądzach pozostałych w puli; projekt droższy niż to, co zostało, pomijano i sprawdzano następny.',
    en: 'The projects were put in order of their result. Each in turn was selected if it fitted into the money left in the pool; a project costing more than what was left was skipped and the next one checked.',
  },
  ruleNoSkip: {
    pl: 'Projekty ustawiono od najlepszego wyniku i po kolei wybierano te, które mieściły się w pieniądzach pozostałych w puli. Wybór kończył się na pierwszym projekcie, który się nie zmieścił: projektów za nim nie rozpatrywano.',
    en: 'The projects were put in order of their result and selected in turn while they fitted into the money left in the pool. Selection ended at the first project that did not fit: the projects after it were not considered.',
  },
  ruleTopUp: {
    pl: 'Taki projekt wybierano jednak, gdy pieniądze pozostałe w puli pokrywały co najmniej {percent} jego kosztu — resztę dopłacano z rezerwy miasta — i na nim wybór się kończył.',
    en: 'That project was selected all the same when the money left covered at least {percent} of its cost — the rest came from the city’s reserve — and selection ended with it.',
  },
  ruleThreshold: {
    pl: 'Pod uwagę brano tylko projekty z wynikiem co najmniej {threshold}.',
    en: 'Only projects with a result of at least {threshold} were considered.',
  },
  ruleExclusions: {
    pl: 'Niektóre projekty wzajemnie się wykluczają (na przykład dotyczą tej samej działki): z każdej takiej grupy można wybrać tylko jeden.',
    en: 'Some projects exclude each other (they concern the same plot, say): only one of each such group can be selected.',
  },
  exclusionGroup: { pl: 'Grupa: {projects}', en: 'Group: {projects}' },
  ruleMes1: {
    pl: 'Metoda równych udziałów dzieli pulę po równo między wszystkich głosujących: każdy dostaje ten sam udział ({share}). Projekt może zostać wybrany tylko wtedy, gdy jego zwolennicy są w stanie razem zapłacić za niego ze swoich udziałów.',
    en: 'The Method of Equal Shares divides the pool equally among all voters: each gets the same share ({share}). A project can be selected only when its supporters can pay for it together out of their shares.',
  },
  ruleMes2: {
    pl: 'W każdej rundzie wybierany jest projekt, za który jego zwolennicy zapłacą najmniej na osobę; koszt dzielą możliwie po równo, a ich udziały zmniejszają się o zapłaconą kwotę. Rundy powtarza się, aż żadnego projektu nie da się już opłacić. Dzięki temu także mniejsze grupy mieszkańców mogą mieć swój projekt, a nie tylko największa.',
    en: 'In each round the project its supporters can pay for with the least per person is selected; they share its cost as equally as they can, and their shares shrink by what they paid. Rounds go on until no project can be paid for. So smaller groups of residents can have their project too, not only the largest.',
  },
  ruleMesAdd1: {
    pl: 'Potem udział każdego głosującego zwiększano o 1 zł i liczono od nowa, dopóki wybrane projekty mieściły się w puli (uzupełnienie „add1”).',
    en: 'Then every voter’s share was raised by 1 PLN at a time and the count run again, as long as the selected projects fitted into the pool (the “add1” completion).',
  },
  ruleMesCompletion: {
    pl: 'Pieniądze, które zostały, przeznaczono na kolejne projekty według wyniku, dopóki się mieściły.',
    en: 'The money left went to further projects in order of their result, while they fitted.',
  },
  ruleMesComparison: {
    pl: 'Na koniec wynik porównano z wynikiem metody zachłannej (kolejno od najlepszego wyniku): wynik zachłanny wolało {greedy}, wynik metody równych udziałów {mes}. Zastosowano {winner}.',
    en: 'Finally the outcome was compared with the greedy one (in order of result): {greedy} preferred the greedy outcome, {mes} the Equal Shares outcome. {winner} was used.',
  },
  winnerGreedy: { pl: 'wynik zachłanny', en: 'The greedy outcome' },
  winnerMes: { pl: 'wynik metody równych udziałów', en: 'The Equal Shares outcome' },
  mesFigureCaption: {
    pl: 'Przykład: pula 600 zł i 6 głosujących — każdy ma udział 100 zł. Projekt za 240 zł popierają 3 osoby: każda płaci 80 zł, a 20 zł zostaje jej na inne projekty, które popiera.',
    en: 'An example: a pool of PLN 600 and 6 voters — each has a share of PLN 100. Three people support a project costing PLN 240: each pays PLN 80 and keeps PLN 20 for other projects they support.',
  },
  mesFigureProject: { pl: 'Projekt: 240 zł', en: 'Project: PLN 240' },
  mesFigureShare: { pl: '100 zł', en: 'PLN 100' },
  mesFigurePays: { pl: '80 zł', en: 'PLN 80' },
  scoreApproval: { pl: 'Wynik projektu to liczba oddanych na niego głosów.', en: 'A project’s result is the number of votes it received.' },
  scoreChoose1: {
    pl: 'Każdy głosujący wybierał jeden projekt; wynik projektu to liczba oddanych na niego głosów.',
    en: 'Each voter chose one project; a project’s result is the number of votes it received.',
  },
  scoreCumulative: {
    pl: 'Głosujący rozdzielali punkty między projekty; wynik projektu to suma jego punktów.',
    en: 'Voters shared out points among the projects; a project’s result is the sum of its points.',
  },
  scoreOrdinal: {
    pl: 'Głosujący układali projekty w kolejności; pierwsze miejsce na karcie dawało najwięcej punktów, ostatnie jeden. Wynik projektu to suma jego punktów.',
    en: 'Voters ranked the projects; the first place on a ballot gave the most points, the last one point. A project’s result is the sum of its points.',
  },
});

/** Polish plurals of the figures. */
export const RP = plurals({
  ballots: { pl: { one: '{n} głos', few: '{n} głosy', many: '{n} głosów' }, en: { one: '{n} ballot', other: '{n} ballots' } },
  votes: { pl: { one: '{n} głos', few: '{n} głosy', many: '{n} głosów' }, en: { one: '{n} vote', other: '{n} votes' } },
  points: { pl: { one: '{n} punkt', few: '{n} punkty', many: '{n} punktów' }, en: { one: '{n} point', other: '{n} points' } },
  voters: { pl: { one: '{n} głosujący', few: '{n} głosujących', many: '{n} głosujących' }, en: { one: '{n} voter', other: '{n} voters' } },
  projects: { pl: { one: '{n} projekt', few: '{n} projekty', many: '{n} projektów' }, en: { one: '{n} project', other: '{n} projects' } },
  supportersPaid: {
    pl: { one: '{n} zwolennik pokrył', few: '{n} zwolenników pokryło', many: '{n} zwolenników pokryło' },
    en: { one: '{n} supporter paid', other: '{n} supporters paid' },
  },
});

/** The rules by name, in a few words (the results page names the rule before explaining it). */
export const RULE_NAMES: Record<string, Text> = {
  greedy: { pl: 'kolejno od najlepszego wyniku, z pomijaniem projektów, które się nie mieszczą', en: 'in order of result, skipping projects that do not fit' },
  'greedy-threshold': {
    pl: 'kolejno od najlepszego wyniku, z progiem i z pomijaniem projektów, które się nie mieszczą',
    en: 'in order of result, with a threshold, skipping projects that do not fit',
  },
  'greedy-no-skip': {
    pl: 'kolejno od najlepszego wyniku, do pierwszego projektu, który się nie mieści',
    en: 'in order of result, up to the first project that does not fit',
  },
  'greedy-exclusive': {
    pl: 'kolejno od najlepszego wyniku, z wykluczeniami i z pomijaniem projektów, które się nie mieszczą',
    en: 'in order of result, with exclusions, skipping projects that do not fit',
  },
  equalshares: { pl: 'metoda równych udziałów', en: 'Method of Equal Shares' },
  'equalshares/add1': { pl: 'metoda równych udziałów z uzupełnieniem „add1”', en: 'Method of Equal Shares with the “add1” completion' },
  'equalshares-comparison': {
    pl: 'metoda równych udziałów z porównaniem z metodą zachłanną',
    en: 'Method of Equal Shares compared with the greedy outcome',
  },
  'equalshares/add1-comparison': {
    pl: 'metoda równych udziałów z uzupełnieniem „add1” i porównaniem z metodą zachłanną',
    en: 'Method of Equal Shares with the “add1” completion, compared with the greedy outcome',
  },
};

export const TIE_CRITERIA_NAMES: Record<string, Text> = {
  score: { pl: 'wyższy wynik', en: 'the higher result' },
  votes: { pl: 'więcej głosujących', en: 'more voters' },
  cost: { pl: 'niższy koszt', en: 'the lower cost' },
  lot: { pl: 'losowanie z opublikowanym ziarnem', en: 'the lot drawn with the published seed' },
};

import { texts } from '@civitas/web';

/** The recount pages' texts (server-rendered). */
export const R = texts({
  budget: { pl: 'Budżet obywatelski', en: 'Participatory budget' },
  home: { pl: 'Strona główna', en: 'Home' },
  results: { pl: 'Wyniki', en: 'Results' },
  editionTitle: { pl: 'Przelicz wyniki w swojej przeglądarce', en: 'Recount the results in your browser' },
  notPublished: { pl: 'Wyniki tej edycji nie zostały jeszcze opublikowane.', en: 'The results of this edition have not been published yet.' },
  notPublishedMore: {
    pl:
      'Przeliczenie przychodzi razem z wynikami: gdy miasto je opublikuje, na tej stronie pobierzesz zanonimizowane karty do głosowania ' +
      'każdej puli i przeliczysz je w swojej przeglądarce tym samym silnikiem, którym liczyło miasto. Do tego czasu nie publikujemy żadnych liczb głosów.',
    en:
      'The recount comes with the results: once the city publishes them, this page lets you download the anonymised ballots of every pool and ' +
      'recount them in your browser with the same engine the city counted with. Until then no vote counts are published.',
  },
  linkEdition: { pl: 'Wróć do strony edycji', en: 'Back to the edition' },
  linkAnyFile: { pl: 'Przelicz dowolny plik Pabulib', en: 'Recount any Pabulib file' },
  intro: {
    pl:
      'Ta strona pobiera zanonimizowane karty do głosowania każdej puli (plik results.pb) i opublikowane wyniki, liczy głosy na Twoim komputerze ' +
      'tym samym silnikiem, którym liczyło miasto, i porównuje: wybrane projekty i ich kolejność, głosy, punkty i koszt każdego projektu, ' +
      'wydane pieniądze oraz skrót SHA-256 danych wejściowych. Nic nie jest wysyłane na serwer.',
    en:
      'This page downloads the anonymised ballots of each pool (the results.pb file) and the published results, counts the votes on your ' +
      'computer with the same engine the city counted with, and compares: the selected projects and their order, the votes, score and cost of ' +
      'every project, the money spent and the SHA-256 of the input. Nothing is sent to the server.',
  },
  hashMeaning: {
    pl:
      'Skrót SHA-256 danych wejściowych liczy się z reguły i jej ustawień (w tym ziarna losowania), z projektów i ich kosztów oraz ze wszystkich ' +
      'ważnych kart do głosowania. Ten sam skrót znaczy, że policzono dokładnie te same dane.',
    en:
      'The input SHA-256 is computed from the rule and its settings (the seed of the lot included), the projects and their costs, and every ' +
      'valid ballot. The same hash means that exactly the same data was counted.',
  },
  noPools: { pl: 'Opublikowane wyniki nie mają żadnej puli.', en: 'The published results have no pools.' },
  pool: { pl: 'Pula: {pool}', en: 'Pool: {pool}' },
  budgetKey: { pl: 'Kwota puli', en: 'Pool budget' },
  ballotsKey: { pl: 'Ważne karty do głosowania', en: 'Valid ballots' },
  publishedSha: { pl: 'Opublikowany skrót SHA-256 danych wejściowych', en: 'Published input SHA-256' },
  downloads: { pl: 'Pliki do pobrania', en: 'Downloads' },
  downloadPb: {
    pl: 'Karty do głosowania i wyniki puli {pool} (results.pb, format Pabulib)',
    en: 'Ballots and results of the pool {pool} (results.pb, Pabulib format)',
  },
  downloadJson: { pl: 'Opublikowane wyniki wszystkich pul (JSON)', en: 'The published results of every pool (JSON)' },
  recount: { pl: 'Przelicz', en: 'Recount' },
  recountHidden: { pl: 'pulę {pool}', en: 'the pool {pool}' },
  ownFile: {
    pl: 'Albo porównaj z opublikowanymi wynikami własną kopię pliku results.pb tej puli',
    en: 'Or compare your own copy of this pool’s results.pb with the published results',
  },
  ownFileHint: {
    pl: 'Plik zostanie odczytany w Twojej przeglądarce; nie wysyłamy go nigdzie.',
    en: 'The file is read in your browser; it is not sent anywhere.',
  },
  recountChosen: { pl: 'Przelicz wybrany plik', en: 'Recount the chosen file' },
  noJs: {
    pl: 'Przeliczenie w przeglądarce wymaga JavaScriptu, który jest wyłączony albo się nie wczytał. Wyniki przeliczysz też na swoim komputerze w wierszu poleceń (poniżej).',
    en: 'The recount in the browser needs JavaScript, which is switched off or did not load. You can also recount the results on your own computer on the command line (below).',
  },
  cliHeading: { pl: 'Przelicz w wierszu poleceń', en: 'Recount on the command line' },
  cliStep1: { pl: 'Pobierz plik results.pb puli (linki powyżej).', en: 'Download the pool’s results.pb file (links above).' },
  cliStep2: {
    pl: 'W kopii kodu źródłowego Civitas (Node.js 20 lub nowszy, po „npm install”) uruchom, podając ścieżkę pobranego pliku:',
    en: 'In a copy of the Civitas source code (Node.js 20 or later, after "npm install"), run, giving the path of the downloaded file:',
  },
  cliStep3: {
    pl: 'Porównaj wybrane projekty z opublikowanymi, a wiersz „input sha256” z opublikowanym skrótem. Z opcją --json wynik jest w formacie JSON.',
    en: 'Compare the selected projects with the published ones, and the "input sha256" line with the published hash. With --json the outcome is JSON.',
  },
  cliFileNote: {
    pl: 'Plik zawiera w META regułę, ziarno losowania, kolejność rozstrzygania remisów, grupy wykluczających się projektów i ustawienia reguły, więc przeliczenie odtwarza wynik dokładnie, z remisami.',
    en: 'The file carries the rule, the seed of the lot, the tie-break order, the groups of mutually exclusive projects and the rule’s settings in its META, so the recount reproduces the result exactly, ties included.',
  },
  // The generic page.
  fileTitle: { pl: 'Przelicz plik Pabulib', en: 'Recount a Pabulib file' },
  fileIntro: {
    pl:
      'Wybierz plik .pb — pobrany z wyników tego miasta albo z pabulib.org. Twoja przeglądarka odczyta go i policzy głosy tym samym silnikiem, ' +
      'którym liczy Civitas; plik nie jest nigdzie wysyłany. Zobaczysz wybrane projekty, wydane pieniądze, skrót SHA-256 danych wejściowych ' +
      '(ten, który publikuje miasto) i skrót SHA-256 samego pliku.',
    en:
      'Choose a .pb file — downloaded from this city’s results or from pabulib.org. Your browser reads it and counts the votes with the same ' +
      'engine Civitas counts with; the file is not sent anywhere. You will see the selected projects, the money spent, the input SHA-256 (the ' +
      'one the city publishes) and the SHA-256 of the file itself.',
  },
  fileLabel: { pl: 'Plik Pabulib (.pb)', en: 'Pabulib file (.pb)' },
  ruleLabel: { pl: 'Reguła', en: 'Rule' },
  ruleHint: {
    pl: 'Zwykle reguła zapisana w pliku (META rule). Plik Civitas ma w META także ziarno losowania i ustawienia reguły.',
    en: 'Usually the rule written in the file (META rule). A Civitas file also carries the seed of the lot and the rule’s settings in its META.',
  },
  ruleOfFile: { pl: 'Reguła z pliku', en: 'The file’s rule' },
  topUpLabel: { pl: 'Dopłata z rezerwy, w procentach (nieobowiązkowe)', en: 'Top-up from a reserve, per cent (optional)' },
  topUpHint: {
    pl: 'Tylko dla reguły greedy-no-skip: projekt, na którym wybór się zatrzymuje, dostaje dopłatę z rezerwy, gdy zostało co najmniej tyle procent jego kosztu (Poznań: 80).',
    en: 'Rule greedy-no-skip only: the project where selection stops is topped up from a reserve when the money left covers at least this percentage of its cost (Poznań: 80).',
  },
  fileCli: {
    pl: 'Ten sam plik przeliczysz w wierszu poleceń kopii kodu źródłowego Civitas:',
    en: 'You can recount the same file on the command line of a copy of the Civitas source code:',
  },
  fileCommand: { pl: 'npm run cli -- tally PLIK.pb', en: 'npm run cli -- tally FILE.pb' },
  fileNoJs: {
    pl: 'Przeliczenie w przeglądarce wymaga JavaScriptu, który jest wyłączony albo się nie wczytał. Plik przeliczysz też na swoim komputerze w wierszu poleceń (poniżej).',
    en: 'The recount in the browser needs JavaScript, which is switched off or did not load. You can also recount the file on your own computer on the command line (below).',
  },
  fileEditions: {
    pl: 'Pliki results.pb opublikowanych edycji znajdziesz na stronach ich wyników.',
    en: 'The results.pb files of published editions are on their results pages.',
  },
});

/** Texts the recount module (libs/web/assets/js/recount.mjs) writes into the page, given to it in the page's language. */
export const RECOUNT_CLIENT_TEXTS = texts({
  downloading: { pl: 'Pobieranie kart do głosowania… {size}', en: 'Downloading the ballots… {size}' },
  downloadingResults: { pl: 'Pobieranie opublikowanych wyników…', en: 'Downloading the published results…' },
  reading: { pl: 'Czytanie pliku…', en: 'Reading the file…' },
  parsing: { pl: 'Odczytywanie kart do głosowania…', en: 'Reading the ballots…' },
  counting: { pl: 'Liczenie kart do głosowania: {n}…', en: 'Counting the ballots: {n}…' },
  selecting: { pl: 'Wybieranie projektów według reguły…', en: 'Selecting the projects by the rule…' },
  equalShares: { pl: 'Metoda równych udziałów: przebieg {run}…', en: 'Method of Equal Shares: run {run}…' },
  comparing: { pl: 'Porównywanie z opublikowanymi wynikami…', en: 'Comparing with the published results…' },
  agrees: { pl: 'Przeliczenie zgadza się', en: 'The recount agrees' },
  agreesDetail: {
    pl: 'Te same projekty w tej samej kolejności, te same głosy, punkty i koszty, te same pieniądze i ten sam skrót SHA-256 danych wejściowych co w opublikowanych wynikach.',
    en: 'The same projects in the same order, the same votes, scores and costs, the same money and the same input SHA-256 as the published results.',
  },
  differs: { pl: 'Przeliczenie nie zgadza się', en: 'The recount does not agree' },
  differsDetail: { pl: 'Różnice z opublikowanymi wynikami: {n}.', en: 'Differences from the published results: {n}.' },
  diffCaption: { pl: 'Gdzie przeliczenie różni się od opublikowanych wyników', en: 'Where the recount differs from the published results' },
  diffWhat: { pl: 'Co', en: 'What' },
  diffPublished: { pl: 'Opublikowano', en: 'Published' },
  diffRecount: { pl: 'Przeliczenie', en: 'Recount' },
  diffMore: { pl: 'i {n} innych różnic (pokazano pierwsze {shown}).', en: 'and {n} more differences (the first {shown} are shown).' },
  fieldBudget: { pl: 'kwota puli', en: 'pool budget' },
  fieldSpent: { pl: 'wydano', en: 'spent' },
  fieldValid: { pl: 'ważne karty do głosowania', en: 'valid ballots' },
  fieldInvalid: { pl: 'nieważne karty do głosowania', en: 'invalid ballots' },
  fieldTotal: { pl: 'wszystkie karty do głosowania', en: 'all ballots' },
  fieldSha: { pl: 'skrót SHA-256 danych wejściowych', en: 'input SHA-256' },
  fieldTopUp: { pl: 'projekt z dopłatą z rezerwy', en: 'project topped up from the reserve' },
  fieldReserve: { pl: 'dopłata z rezerwy', en: 'top-up from the reserve' },
  fieldProject: { pl: 'projekt {project}: {field}', en: 'project {project}: {field}' },
  fieldCost: { pl: 'koszt', en: 'cost' },
  fieldVotes: { pl: 'głosy', en: 'votes' },
  fieldScore: { pl: 'punkty', en: 'score' },
  fieldSelected: { pl: 'wybrany', en: 'selected' },
  fieldPosition: { pl: 'miejsce w kolejności wyboru', en: 'place in the order of selection' },
  fieldPresence: { pl: 'obecny w wynikach', en: 'in the results' },
  yes: { pl: 'tak', en: 'yes' },
  no: { pl: 'nie', en: 'no' },
  none: { pl: 'brak', en: 'none' },
  outcome: { pl: 'Wynik przeliczenia', en: 'The recount’s outcome' },
  selectedProjects: { pl: 'Wybrane projekty, w kolejności wyboru', en: 'Selected projects, in the order of selection' },
  noneSelected: { pl: 'Żaden projekt nie został wybrany.', en: 'No project was selected.' },
  topUpNote: { pl: '(w tym {reserve} z rezerwy)', en: '({reserve} of it from the reserve)' },
  keyRule: { pl: 'Reguła', en: 'Rule' },
  keyDescription: { pl: 'Opis w pliku', en: 'Description in the file' },
  keyBudget: { pl: 'Budżet', en: 'Budget' },
  keySpent: { pl: 'Wydano', en: 'Spent' },
  keyLeft: { pl: 'Zostało', en: 'Left' },
  keyBallots: { pl: 'Ważne karty do głosowania', en: 'Valid ballots' },
  keyInvalid: { pl: 'Nieważne karty do głosowania', en: 'Invalid ballots' },
  keySha: { pl: 'Skrót SHA-256 danych wejściowych', en: 'Input SHA-256' },
  keyFileSha: { pl: 'Skrót SHA-256 pliku', en: 'SHA-256 of the file' },
  keyTime: { pl: 'Czas przeliczenia', en: 'Recount time' },
  time: { pl: '{seconds} s ({where})', en: '{seconds} s ({where})' },
  inWorker: { pl: 'w tle, w Web Workerze', en: 'in the background, in a Web Worker' },
  onPage: { pl: 'na wątku strony', en: 'on the page’s thread' },
  done: { pl: 'Przeliczono: wybrane projekty: {n}, wydano {spent}.', en: 'Recounted: {n} projects selected, {spent} spent.' },
  chooseFile: { pl: 'Wybierz plik .pb', en: 'Choose a .pb file' },
  topUpNumber: { pl: 'Dopłata z rezerwy musi być liczbą, np. 80', en: 'The top-up from a reserve must be a number, like 80' },
  failed: { pl: 'Nie udało się przeliczyć: {message}', en: 'The recount failed: {message}' },
  fetchFailed: { pl: 'Nie udało się pobrać {what} (odpowiedź {status}).', en: 'Could not download {what} (answer {status}).' },
  networkFailed: { pl: 'Nie udało się pobrać {what}: {message}', en: 'Could not download {what}: {message}' },
  whatPb: { pl: 'pliku results.pb', en: 'the results.pb file' },
  whatJson: { pl: 'opublikowanych wyników', en: 'the published results' },
  poolMissing: { pl: 'opublikowane wyniki nie mają tej puli', en: 'the published results have no such pool' },
  busy: { pl: 'Przeliczenie już trwa.', en: 'A recount is already under way.' },
});

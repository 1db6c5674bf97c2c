import type { Text } from '@civitas/common';
import { plurals, texts } from '@civitas/web';
import type { Criterion, ProjectField } from '../edition-rules';
import type { ProjectSort } from '../projects.service';

/** A project's status on the public pages: its name (the tag) and what it means, in one sentence. */
export const STATUS_NAMES: Record<string, Text> = {
  draft: { pl: 'Wersja robocza', en: 'Draft' },
  submitted: { pl: 'Zgłoszony', en: 'Submitted' },
  formal_review: { pl: 'Ocena formalna', en: 'Formal review' },
  correction_requested: { pl: 'Do poprawy', en: 'Correction requested' },
  merit_review: { pl: 'Ocena merytoryczna', en: 'Merit review' },
  admitted: { pl: 'Dopuszczony do głosowania', en: 'Admitted to the vote' },
  rejected: { pl: 'Odrzucony', en: 'Rejected' },
  appealed: { pl: 'Odwołanie złożone', en: 'Appeal filed' },
  appeal_upheld: { pl: 'Odwołanie uwzględnione', en: 'Appeal upheld' },
  appeal_dismissed: { pl: 'Odwołanie oddalone', en: 'Appeal dismissed' },
  on_ballot: { pl: 'Na liście do głosowania', en: 'On the ballot' },
  merged: { pl: 'Połączony z innym projektem', en: 'Merged into another project' },
  selected: { pl: 'Wybrany do realizacji', en: 'Selected' },
  not_selected: { pl: 'Niewybrany', en: 'Not selected' },
};

export const STATUS_MEANINGS: Record<string, Text> = {
  draft: {
    pl: 'Autorzy jeszcze przygotowują projekt; widzą go tylko oni i urzędnicy.',
    en: 'The authors are still preparing the project; only they and officials can see it.',
  },
  submitted: { pl: 'Projekt został zgłoszony i czeka na ocenę formalną.', en: 'The project has been submitted and awaits its formal review.' },
  formal_review: {
    pl: 'Urzędnicy sprawdzają, czy projekt spełnia wymogi formalne.',
    en: 'Officials are checking that the project meets the formal requirements.',
  },
  correction_requested: {
    pl: 'Urzędnicy poprosili autorów o poprawki; po nich projekt wraca do oceny formalnej.',
    en: 'Officials asked the authors for corrections; the corrected project goes back to the formal review.',
  },
  merit_review: {
    pl: 'Urzędnicy oceniają, czy projekt jest zgodny z prawem, wykonalny i dobrze wyceniony.',
    en: 'Officials are assessing whether the project is lawful, feasible and correctly costed.',
  },
  admitted: {
    pl: 'Projekt przeszedł ocenę i trafi na listę do głosowania.',
    en: 'The project passed the reviews and will be on the ballot.',
  },
  rejected: {
    pl: 'Projekt nie przeszedł oceny; uzasadnienie jest w historii poniżej. Autorzy mogą się odwołać.',
    en: 'The project did not pass the review; the reasons are in the history below. The authors may appeal.',
  },
  appealed: {
    pl: 'Autorzy odwołali się od odrzucenia; odwołanie czeka na rozstrzygnięcie.',
    en: 'The authors appealed the rejection; the appeal awaits a decision.',
  },
  appeal_upheld: { pl: 'Odwołanie uwzględniono: projekt trafi na listę do głosowania.', en: 'The appeal was upheld: the project will be on the ballot.' },
  appeal_dismissed: { pl: 'Odwołanie oddalono: projekt nie trafi pod głosowanie.', en: 'The appeal was dismissed: the project will not be put to the vote.' },
  on_ballot: { pl: 'Projekt jest na liście do głosowania: możesz na niego głosować.', en: 'The project is on the ballot: you can vote for it.' },
  merged: {
    pl: 'Projekt połączono z innym, podobnym projektem; dalej liczy się projekt połączony.',
    en: 'The project was merged with another, similar one; the merged project carries on.',
  },
  selected: {
    pl: 'Mieszkańcy wybrali ten projekt w głosowaniu: miasto go zrealizuje.',
    en: 'Residents chose this project in the vote: the city will carry it out.',
  },
  not_selected: {
    pl: 'Projekt nie zdobył w głosowaniu dość głosów, by zmieścić się w puli.',
    en: 'The project did not win enough votes to fit into the pool.',
  },
};

/** The statuses a visitor can filter the public list by (never drafts). */
export const PUBLIC_STATUSES = Object.keys(STATUS_NAMES).filter((s) => s !== 'draft');

export const CRITERIA_NAMES: Record<Criterion, Text> = {
  legality: { pl: 'zgodność z prawem', en: 'legality' },
  technical_feasibility: { pl: 'wykonalność techniczna', en: 'technical feasibility' },
  formal_requirements: { pl: 'wymogi formalne', en: 'formal requirements' },
  cost: { pl: 'koszt', en: 'cost' },
};

export const FIELD_NAMES: Record<ProjectField, Text> = {
  summary: { pl: 'streszczenie', en: 'summary' },
  description: { pl: 'opis', en: 'description' },
  justification: { pl: 'uzasadnienie', en: 'justification' },
  beneficiaries: { pl: 'odbiorcy', en: 'beneficiaries' },
  address: { pl: 'adres', en: 'address' },
  coordinates: { pl: 'miejsce na mapie', en: 'place on the map' },
  category: { pl: 'kategoria', en: 'category' },
  area: { pl: 'obszar', en: 'area' },
};

export const SORT_NAMES: Record<ProjectSort, Text> = {
  random: { pl: 'losowo (nikt nie jest wyróżniony)', en: 'random (nobody is favoured)' },
  number: { pl: 'według numeru', en: 'by number' },
  newest: { pl: 'najnowsze', en: 'newest' },
  cost_asc: { pl: 'koszt: od najniższego', en: 'cost: lowest first' },
  cost_desc: { pl: 'koszt: od najwyższego', en: 'cost: highest first' },
};

export const P = texts({
  // /budget
  editionsTitle: { pl: 'Edycje budżetu obywatelskiego', en: 'Participatory budget editions' },
  editionsLead: {
    pl: 'Mieszkańcy zgłaszają projekty, miasto je ocenia, a o tym, które zostaną zrealizowane, decyduje głosowanie.',
    en: 'Residents submit projects, the city reviews them, and a vote decides which are carried out.',
  },
  editionsEmpty: {
    pl: 'Nie ma jeszcze opublikowanej edycji budżetu obywatelskiego. Gdy miasto ją ogłosi, znajdziesz tu jej harmonogram, zasady i projekty.',
    en: 'No participatory budget edition has been published yet. Once the city announces one, its schedule, rules and projects will appear here.',
  },
  budget: { pl: 'Budżet obywatelski', en: 'Participatory budget' },
  year: { pl: 'Rok {year}', en: 'Year {year}' },

  // What a resident can do now
  nowHeading: { pl: 'Co możesz zrobić teraz', en: 'What you can do now' },
  nowSubmit: { pl: 'Zgłaszaj projekty do {end}.', en: 'Submit a project until {end}.' },
  nowSubmitEndorse: {
    pl: 'Możesz też poprzeć projekty już zgłoszone przez innych.',
    en: 'You can also support projects others have already submitted.',
  },
  nowSubmitLink: { pl: 'Zgłoś projekt', en: 'Submit a project' },
  nowEndorse: {
    pl: 'Popieraj zgłoszone projekty do {end}; trwa ich ocena formalna.',
    en: 'Support submitted projects until {end}; their formal review is under way.',
  },
  nowFormal: { pl: 'Trwa ocena formalna zgłoszonych projektów, do {end}.', en: 'The submitted projects are in formal review until {end}.' },
  nowMerit: { pl: 'Trwa ocena merytoryczna projektów, do {end}.', en: 'The projects are in merit review until {end}.' },
  nowAppeals: {
    pl: 'Autorzy odrzuconych projektów mogą się odwołać do {end}.',
    en: 'The authors of rejected projects can appeal until {end}.',
  },
  nowBallotList: { pl: 'Miasto ustala listę projektów do głosowania, do {end}.', en: 'The city is drawing up the ballot list, until {end}.' },
  voteRange: { pl: 'Głosuj od {start} do {end}.', en: 'Vote from {start} to {end}.' },
  nowVoting: { pl: 'Głosuj od {start} do {end}.', en: 'Vote from {start} until {end}.' },
  nowVoteLink: { pl: 'Zagłosuj', en: 'Vote' },
  nowVerification: { pl: 'Trwa sprawdzanie głosów, do {end}.', en: 'The votes are being verified, until {end}.' },
  nowResults: { pl: 'Wyniki zostaną ogłoszone do {end}.', en: 'The results will be announced by {end}.' },
  nowResultsOut: { pl: 'Wyniki głosowania zostały ogłoszone.', en: 'The results of the vote have been announced.' },
  nowImplementation: { pl: 'Wybrane projekty są realizowane, do {end}.', en: 'The selected projects are being carried out, until {end}.' },
  nowBefore: { pl: 'Edycja rozpocznie się {date}: wtedy ruszy zgłaszanie projektów.', en: 'The edition starts on {date}, when project submission opens.' },
  nowBetween: { pl: 'Następny etap: {phase}, od {date}.', en: 'Next: {phase}, from {date}.' },
  nowOver: { pl: 'Ta edycja się zakończyła.', en: 'This edition has ended.' },

  // Edition page
  timelineHeading: { pl: 'Harmonogram', en: 'Schedule' },
  current: { pl: 'Teraz', en: 'Now' },
  phaseDates: { pl: '{start} – {end}', en: '{start} – {end}' },
  linksHeading: { pl: 'Projekty i głosowanie', en: 'Projects and the vote' },
  linkProjects: { pl: 'Przeglądaj projekty tej edycji', en: 'Browse the projects of this edition' },
  linkBallot: { pl: 'Lista projektów do głosowania', en: 'The ballot list' },
  ballotLater: { pl: '(zostanie ustalona po zakończeniu odwołań)', en: '(drawn up once the appeals have ended)' },
  linkTurnout: { pl: 'Frekwencja w głosowaniu', en: 'Turnout' },
  linkResults: { pl: 'Wyniki głosowania', en: 'Results of the vote' },
  poolsHeading: { pl: 'Pule', en: 'Pools' },
  poolsLead: {
    pl: 'Każdy projekt należy do jednej puli; w głosowaniu projekty z puli rywalizują o jej kwotę.',
    en: 'Each project belongs to one pool; in the vote, the projects of a pool compete for its amount.',
  },
  poolsEmpty: {
    pl: 'Miasto nie ogłosiło jeszcze pul tej edycji. Znajdziesz tu ich kwoty, obszary i limity kosztu projektów.',
    en: 'The city has not announced the pools of this edition yet. Their amounts, areas and project cost limits will appear here.',
  },
  poolArea: { pl: 'Obszar', en: 'Area' },
  wholeCity: { pl: 'Całe miasto', en: 'The whole city' },
  poolCategory: { pl: 'Kategoria', en: 'Category' },
  anyCategory: { pl: 'Dowolna', en: 'Any' },
  poolAmount: { pl: 'Kwota puli', en: 'Amount of the pool' },
  costLimits: { pl: 'Koszt jednego projektu', en: 'Cost of one project' },
  costBetween: { pl: 'od {min} do {max}', en: 'from {min} to {max}' },
  costAtLeast: { pl: 'co najmniej {min}, najwyżej kwota puli', en: 'at least {min}, at most the pool’s amount' },
  costAtMost: { pl: 'najwyżej {max}', en: 'at most {max}' },
  costNoLimit: { pl: 'najwyżej kwota puli', en: 'at most the pool’s amount' },
  signatures: { pl: 'Wymagane poparcie', en: 'Support required' },
  noSignatures: { pl: 'nie jest wymagane', en: 'none required' },
  rulesHeading: { pl: 'Zasady tej edycji', en: 'The rules of this edition' },
  rulesAuthors: {
    pl: 'Projekt może zgłosić najwyżej {authors} (razem z autorem głównym).',
    en: 'A project can have at most {authors} (the main author included).',
  },
  rulesRequired: {
    pl: 'Przed zgłoszeniem trzeba podać tytuł, kosztorys oraz: {fields}.',
    en: 'Before submission a project needs a title, its costs and: {fields}.',
  },
  rulesRequiredNone: { pl: 'Przed zgłoszeniem trzeba podać tytuł i kosztorys.', en: 'Before submission a project needs a title and its costs.' },
  rulesCriteria: {
    pl: 'Urzędnicy oceniają każdy projekt według kryteriów: {criteria}.',
    en: 'Officials review every project against these criteria: {criteria}.',
  },
  rulesDeadlines: {
    pl: 'Autorzy mają {correction} na poprawienie projektu, gdy zostaną o to poproszeni, i {appeal} na odwołanie od odrzucenia.',
    en: 'Authors have {correction} to correct a project when asked, and {appeal} to appeal a rejection.',
  },
  rulesOnline: {
    pl: 'Zalogowani mieszkańcy mogą popierać zgłoszone projekty przez internet; liczą się też podpisy na papierowych listach poparcia.',
    en: 'Signed-in residents can support submitted projects online; signatures on paper support lists count too.',
  },
  rulesPaper: { pl: 'Poparcie zbiera się na papierowych listach poparcia.', en: 'Support is collected on paper support lists.' },
  rulesAlphabetical: {
    pl: 'Na liście do głosowania projekty są ułożone alfabetycznie.',
    en: 'Projects are listed alphabetically on the ballot.',
  },
  rulesLottery: {
    pl: 'Kolejność projektów na liście do głosowania jest losowana; ziarno losowania jest publikowane, więc każdy może ją sprawdzić.',
    en: 'The order of projects on the ballot is drawn by lot; the seed of the draw is published, so anyone can check it.',
  },
  categoriesHeading: { pl: 'Kategorie projektów', en: 'Project categories' },
  categoriesEmpty: { pl: 'Ta edycja nie ma kategorii projektów.', en: 'This edition has no project categories.' },

  // Projects list
  projectsTitle: { pl: 'Projekty', en: 'Projects' },
  projectsOf: { pl: 'Projekty: {edition}', en: 'Projects: {edition}' },
  filtersHeading: { pl: 'Filtruj projekty', en: 'Filter the projects' },
  filterPool: { pl: 'Pula', en: 'Pool' },
  filterArea: { pl: 'Obszar', en: 'Area' },
  filterCategory: { pl: 'Kategoria', en: 'Category' },
  filterStatus: { pl: 'Status', en: 'Status' },
  filterQ: { pl: 'Szukaj w tytule i streszczeniu', en: 'Search titles and summaries' },
  filterSort: { pl: 'Kolejność', en: 'Order' },
  filterSeed: { pl: 'Losowanie kolejności', en: 'Random order' },
  filterPage: { pl: 'Strona', en: 'Page' },
  all: { pl: 'Wszystkie', en: 'All' },
  applyFilters: { pl: 'Pokaż projekty', en: 'Show projects' },
  clearFilters: { pl: 'Wyczyść filtry', en: 'Clear the filters' },
  notInEdition: { pl: 'Wybierz wartość z listy.', en: 'Choose a value from the list.' },
  fixFilters: {
    pl: 'Popraw filtry, a pokażemy pasujące projekty.',
    en: 'Correct the filters and the matching projects will be shown.',
  },
  noProjects: {
    pl: 'W tej edycji nie zgłoszono jeszcze projektów. Gdy mieszkańcy je zgłoszą, pojawią się tutaj.',
    en: 'No projects have been submitted in this edition yet. Once residents submit them, they will appear here.',
  },
  noMatch: { pl: 'Żaden projekt nie pasuje do tych filtrów. Zmień je albo je wyczyść.', en: 'No project matches these filters. Change or clear them.' },
  pageOf: { pl: 'Strona {page} z {pages}', en: 'Page {page} of {pages}' },
  number: { pl: 'Nr {n}', en: 'No. {n}' },
  cost: { pl: 'Koszt', en: 'Cost' },
  status: { pl: 'Status', en: 'Status' },
  supporters: { pl: 'Poparcie', en: 'Support' },
  area: { pl: 'Obszar', en: 'Area' },
  category: { pl: 'Kategoria', en: 'Category' },
  pool: { pl: 'Pula', en: 'Pool' },
  none: { pl: 'nie podano', en: 'not given' },
  mapHeading: { pl: 'Mapa projektów', en: 'Map of the projects' },
  mapLead: {
    pl: 'Znaczniki pokazują projekty z tej strony listy, które mają miejsce na mapie. Przejdź do znacznika klawiszem Tab i naciśnij Enter, by otworzyć kartę projektu.',
    en: 'The markers show the projects of this page of the list that have a place on the map. Tab to a marker and press Enter to open the project’s card.',
  },
  mapLabel: { pl: 'Mapa projektów', en: 'Map of the projects' },
  mapNone: {
    pl: 'Żaden projekt na tej stronie listy nie ma wskazanego miejsca na mapie.',
    en: 'No project on this page of the list has a place on the map.',
  },
  mapClose: { pl: 'Zamknij kartę projektu', en: 'Close the project’s card' },
  mapProjectLabel: { pl: 'Mapa: {title}', en: 'Map: {title}' },

  // Project page
  summary: { pl: 'Streszczenie', en: 'Summary' },
  description: { pl: 'Opis', en: 'Description' },
  justification: { pl: 'Uzasadnienie', en: 'Justification' },
  beneficiaries: { pl: 'Kto skorzysta', en: 'Who benefits' },
  location: { pl: 'Lokalizacja', en: 'Location' },
  address: { pl: 'Adres', en: 'Address' },
  noAddress: { pl: 'Autorzy nie podali adresu.', en: 'The authors gave no address.' },
  noCoordinates: { pl: 'Autorzy nie wskazali miejsca na mapie.', en: 'The authors did not mark a place on the map.' },
  notGiven: { pl: 'Autorzy tego nie opisali.', en: 'The authors did not describe this.' },
  details: { pl: 'Informacje o projekcie', en: 'About the project' },
  costHeading: { pl: 'Kosztorys', en: 'Costs' },
  costCaption: { pl: 'Pozycje kosztorysu', en: 'Cost items' },
  costItem: { pl: 'Pozycja', en: 'Item' },
  costAmount: { pl: 'Kwota', en: 'Amount' },
  costTotal: { pl: 'Razem', en: 'Total' },
  costEmpty: { pl: 'Kosztorys jest pusty.', en: 'The cost breakdown is empty.' },
  authorsHeading: { pl: 'Autorzy', en: 'Authors' },
  mainAuthor: { pl: 'autor główny', en: 'main author' },
  attachmentsHeading: { pl: 'Załączniki', en: 'Attachments' },
  attachmentsEmpty: { pl: 'Projekt nie ma załączników.', en: 'The project has no attachments.' },
  download: { pl: '{name} ({type}, {size})', en: '{name} ({type}, {size})' },
  supportHeading: { pl: 'Poparcie', en: 'Support' },
  supportCount: { pl: 'Poparcie: {online} przez internet i {paper} na listach papierowych.', en: 'Support: {online} online and {paper} on paper lists.' },
  supportRequired: { pl: 'Pula wymaga poparcia {n}.', en: 'The pool requires the support of {n}.' },
  supportButton: { pl: 'Popieram ten projekt', en: 'Support this project' },
  withdrawButton: { pl: 'Wycofaj poparcie', en: 'Withdraw your support' },
  supported: { pl: 'Już poparłeś ten projekt.', en: 'You support this project.' },
  supportedFlash: { pl: 'Poparłeś ten projekt.', en: 'You now support this project.' },
  withdrawnFlash: { pl: 'Wycofałeś poparcie dla tego projektu.', en: 'You withdrew your support for this project.' },
  supportSignIn: { pl: 'Zaloguj się, aby poprzeć ten projekt', en: 'Sign in to support this project' },
  supportAuthor: { pl: 'Jesteś autorem tego projektu, więc nie możesz go poprzeć.', en: 'You are an author of this project, so you cannot support it.' },
  supportOpenUntil: { pl: 'Poparcie można zgłaszać do {date}.', en: 'Support can be given until {date}.' },
  supportClosed: { pl: 'Teraz nie można zgłaszać poparcia dla tego projektu.', en: 'Support cannot be given to this project now.' },
  supportPaperOnly: {
    pl: 'W tej edycji poparcie zbiera się tylko na papierowych listach poparcia.',
    en: 'In this edition support is collected on paper support lists only.',
  },
  exclusiveHeading: { pl: 'Projekty wykluczające się', en: 'Mutually exclusive projects' },
  exclusiveLead: {
    pl: 'Z każdej z tych grup może zostać wybrany najwyżej jeden projekt.',
    en: 'At most one project of each of these groups can be selected.',
  },
  exclusiveWith: { pl: 'Razem z: {projects}. Powód: {reason}', en: 'With: {projects}. Reason: {reason}' },
  mergedInto: { pl: 'Ten projekt połączono z projektem:', en: 'This project was merged into:' },
  historyHeading: { pl: 'Historia projektu', en: 'History of the project' },
  historyLead: { pl: 'Wszystkie decyzje i zmiany, od najnowszych.', en: 'Every decision and change, newest first.' },
  historyEmpty: { pl: 'Historia jest pusta.', en: 'The history is empty.' },
  reason: { pl: 'Uzasadnienie: {reason}', en: 'Reasons: {reason}' },
  criterionMet: { pl: 'spełnione', en: 'met' },
  criterionNotMet: { pl: 'niespełnione', en: 'not met' },
  criteriaCaption: { pl: 'Ocena według kryteriów', en: 'Verdict per criterion' },
  criterion: { pl: 'Kryterium', en: 'Criterion' },
  verdict: { pl: 'Ocena', en: 'Verdict' },
  verdictReason: { pl: 'Uzasadnienie', en: 'Reasons' },
  deadline: { pl: 'Termin: {date}.', en: 'Deadline: {date}.' },
  aProject: { pl: 'projekt', en: 'a project' },

  // Ballot page
  ballotTitle: { pl: 'Lista projektów do głosowania', en: 'The ballot list' },
  ballotNotReady: { pl: 'Lista projektów do głosowania nie jest jeszcze gotowa.', en: 'The ballot list is not ready yet.' },
  ballotWhen: {
    pl: 'Lista zostanie ustalona po zakończeniu odwołań, {date}, gdy wszystkie projekty będą ocenione. Wtedy znajdziesz ją tutaj.',
    en: 'The list will be drawn up once the appeals end, on {date}, when every project has been decided. It will appear here then.',
  },
  ballotWaiting: {
    pl: 'Odwołania się zakończyły; lista zostanie ustalona, gdy urzędnicy rozstrzygną ostatnie sprawy projektów.',
    en: 'The appeals have ended; the list will be drawn up once officials decide the last projects.',
  },
  ballotPool: { pl: 'Pula: {pool}', en: 'Pool: {pool}' },
  ballotEmptyPool: { pl: 'W tej puli żaden projekt nie trafił pod głosowanie.', en: 'No project of this pool is on the ballot.' },
  ballotPosition: { pl: 'Pozycja', en: 'Position' },
  ballotNumber: { pl: 'Numer projektu', en: 'Project number' },
  ballotProject: { pl: 'Projekt', en: 'Project' },
  ballotOrderAlphabetical: {
    pl: 'Kolejność: alfabetyczna według tytułu (przy tych samych tytułach decyduje numer projektu).',
    en: 'Order: alphabetical by title (the project number decides between equal titles).',
  },
  ballotOrderLottery: { pl: 'Kolejność: wylosowana. Ziarno losowania:', en: 'Order: drawn by lot. The seed of the draw:' },
  ballotRecompute: {
    pl: 'Każdy może sprawdzić tę kolejność: dla każdego projektu policz SHA-256 tekstu „ziarno:numer projektu” (np. „{seed}:{n}”) i ułóż projekty rosnąco według tych skrótów zapisanych szesnastkowo.',
    en: 'Anyone can check this order: for each project compute the SHA-256 of the text “seed:project number” (e.g. “{seed}:{n}”) and sort the projects by these hashes in hexadecimal, ascending.',
  },
  ballotDrawnAt: { pl: 'Listę ustalono', en: 'The list was drawn up on' },
  ballotCaption: { pl: 'Projekty w kolejności na karcie do głosowania', en: 'Projects in their order on the ballot' },
  ballotNoPools: {
    pl: 'Ta edycja nie ma pul, więc nie ma też listy do głosowania.',
    en: 'This edition has no pools, so it has no ballot list either.',
  },
});

/** Plural phrases of the pages. */
export const PN = plurals({
  found: {
    pl: { one: 'Znaleziono {n} projekt', few: 'Znaleziono {n} projekty', many: 'Znaleziono {n} projektów' },
    en: { one: '{n} project found', other: '{n} projects found' },
  },
  people: { pl: { one: '{n} osoba', few: '{n} osoby', many: '{n} osób' }, en: { one: '{n} person', other: '{n} people' } },
  authors: { pl: { one: '{n} autora', few: '{n} autorów', many: '{n} autorów' }, en: { one: '{n} author', other: '{n} authors' } },
  days: { pl: { one: '{n} dzień', few: '{n} dni', many: '{n} dni' }, en: { one: '{n} day', other: '{n} days' } },
  signatures: { pl: { one: '{n} osoby', few: '{n} osób', many: '{n} osób' }, en: { one: '{n} person', other: '{n} people' } },
});

/** The history of a project in plain words: one sentence per kind of entry ({…} filled by the view). */
export const HISTORY: Record<string, Text> = {
  created: { pl: 'Autorzy zaczęli przygotowywać projekt.', en: 'The authors started preparing the project.' },
  submitted: { pl: 'Projekt zgłoszono.', en: 'The project was submitted.' },
  corrected: { pl: 'Autorzy poprawili projekt.', en: 'The authors corrected the project.' },
  resubmitted: {
    pl: 'Autorzy złożyli poprawiony projekt; wraca do oceny formalnej.',
    en: 'The authors resubmitted the corrected project; it goes back to formal review.',
  },
  formal_correction: { pl: 'Ocena formalna: urzędnicy poprosili o poprawki.', en: 'Formal review: officials asked for corrections.' },
  formal_positive: {
    pl: 'Ocena formalna pozytywna: projekt przechodzi do oceny merytorycznej.',
    en: 'Formal review passed: the project goes on to merit review.',
  },
  formal_negative: { pl: 'Ocena formalna negatywna: projekt odrzucono.', en: 'Formal review failed: the project was rejected.' },
  merit_positive: { pl: 'Ocena merytoryczna pozytywna: projekt dopuszczono do głosowania.', en: 'Merit review passed: the project was admitted to the vote.' },
  merit_negative: { pl: 'Ocena merytoryczna negatywna: projekt odrzucono.', en: 'Merit review failed: the project was rejected.' },
  appealed: { pl: 'Autorzy odwołali się od odrzucenia.', en: 'The authors appealed the rejection.' },
  appeal_upheld: { pl: 'Odwołanie uwzględniono.', en: 'The appeal was upheld.' },
  admitted_on_appeal: { pl: 'Po uwzględnieniu odwołania projekt dopuszczono do głosowania.', en: 'After the appeal the project was admitted to the vote.' },
  appeal_dismissed: { pl: 'Odwołanie oddalono.', en: 'The appeal was dismissed.' },
  cost_correction_proposed: {
    pl: 'Urzędnicy zaproponowali korektę kosztu: z {previous} na {total}.',
    en: 'Officials proposed a cost correction: from {previous} to {total}.',
  },
  cost_corrected: {
    pl: 'Autorzy przyjęli korektę kosztu; koszt wynosi teraz {total}.',
    en: 'The authors accepted the cost correction; the cost is now {total}.',
  },
  cost_correction_refused: { pl: 'Autorzy nie przyjęli korekty kosztu.', en: 'The authors refused the cost correction.' },
  merge_proposed: { pl: 'Urzędnicy zaproponowali połączenie projektów: {projects}.', en: 'Officials proposed merging the projects: {projects}.' },
  merge_consented: { pl: 'Autor zgodził się na połączenie projektów.', en: 'An author consented to the merge.' },
  merge_refused: {
    pl: 'Autor nie zgodził się na połączenie; projekty nie zostaną połączone.',
    en: 'An author refused the merge; the projects will not be merged.',
  },
  merge_accepted: { pl: 'Połączono z tym projektem: {projects}.', en: 'Merged into this project: {projects}.' },
  merged: { pl: 'Projekt połączono z projektem {project}.', en: 'The project was merged into {project}.' },
  marked_exclusive: {
    pl: 'Projekt oznaczono jako wykluczający się z: {projects}; wybrany może być najwyżej jeden z nich.',
    en: 'The project was marked as mutually exclusive with: {projects}; at most one of them can be selected.',
  },
  exclusion_removed: { pl: 'Usunięto grupę projektów wykluczających się.', en: 'A group of mutually exclusive projects was removed.' },
  placed_on_ballot: {
    pl: 'Projekt umieszczono na liście do głosowania, na pozycji {position}.',
    en: 'The project was put on the ballot, in position {position}.',
  },
  results_selected: { pl: 'Ogłoszono wyniki: projekt wybrano do realizacji.', en: 'Results announced: the project was selected.' },
  results_not_selected: { pl: 'Ogłoszono wyniki: projekt nie został wybrany.', en: 'Results announced: the project was not selected.' },
  support_list_counted: {
    pl: 'Urzędnicy policzyli ważne podpisy na papierowej liście poparcia: {n}.',
    en: 'Officials counted the valid signatures on a paper support list: {n}.',
  },
  coauthor_invited: { pl: 'Autor zaprosił współautora.', en: 'The author invited a co-author.' },
  coauthor_joined: { pl: 'Do projektu dołączył współautor.', en: 'A co-author joined the project.' },
  coauthor_declined: { pl: 'Zaproszona osoba nie została współautorem.', en: 'An invited person declined to become a co-author.' },
  coauthor_removed: { pl: 'Współautor przestał współtworzyć projekt.', en: 'A co-author left the project.' },
  other: { pl: 'Zmiana statusu: {from} → {to}.', en: 'Status changed: {from} → {to}.' },
  otherSame: { pl: 'Zmiana w projekcie.', en: 'A change to the project.' },
};

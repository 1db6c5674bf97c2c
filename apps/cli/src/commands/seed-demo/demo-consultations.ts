/**
 * The content of the demo consultations: one open (a park plan for one district, with every form of participation)
 * and one NGO-only consultation whose report is published. Everything here is invented; addresses use the reserved
 * example.org.
 */
import type { QuestionInput, Verdict } from '@civitas/consultations';
import type { DistrictKey, ResidentKey } from './demo-city';

export interface DemoSection {
  key: string;
  heading: string;
  body: string;
}

/** Days are counted from the day the command runs (Europe/Warsaw); hours are wall-clock hours there. */
export interface DemoMoment {
  day: number;
  hour: number;
  minute?: number;
}

export interface DemoOnlineComment {
  author: ResidentKey | 'ngo';
  /** The section's key, or none for a comment on the whole document. */
  section?: string;
  body: string;
  proposedWording?: string;
}

export interface DemoEnteredComment {
  channel: 'paper' | 'email' | 'meeting';
  /** Days from today (negative: in the past). */
  receivedDay: number;
  authorName: string;
  contactEmail?: string;
  section?: string;
  body: string;
  proposedWording?: string;
}

export const OPEN_CONSULTATION = {
  input: {
    title: 'Plan zagospodarowania Parku nad Demówką',
    summary:
      'Jak ma wyglądać Park nad Demówką po rewitalizacji? Miasto pyta mieszkańców Nadrzecza o alejki, plac zabaw, zieleń, ' +
      'zatrzymywanie wody deszczowej i oświetlenie, zanim zamówi projekt budowlany.',
    body: [
      'Park nad Demówką (ok. 6 ha między ul. Rybacką a bulwarem) czeka na rewitalizację zaplanowaną na lata 2027–2028.',
      'Zanim miasto zamówi projekt budowlany, chcemy poznać Państwa zdanie o **koncepcji zagospodarowania**.',
      '',
      'Jak wziąć udział:',
      '',
      '- zgłosić uwagę do wybranego paragrafu koncepcji (po zalogowaniu),',
      '- wypełnić krótką ankietę,',
      '- przyjść na spotkanie z projektantami w Domu Kultury Nadrzecze,',
      '- zostawić uwagę na formularzu papierowym w punkcie konsultacyjnym w Urzędzie Dzielnicy.',
      '',
      'Wszystkie uwagi wraz z odpowiedziami miasta opublikujemy w raporcie z konsultacji.',
    ].join('\n'),
    topic: 'Zieleń i przestrzeń publiczna',
    organiserUnit: 'Wydział Zieleni Miejskiej Urzędu Miasta Demo',
    contact: 'zielen@demo.example.org, tel. 22 100 20 30',
    moderation: 'post' as const,
    surveyAccess: 'account' as const,
  },
  district: 'nadrzecze' as DistrictKey,
  /** Opened five days ago, closes at the end of the 23rd day from now; announced ten days before opening. */
  opens: { day: -5, hour: 8 } as DemoMoment,
  closes: { day: 23, hour: 23, minute: 59 } as DemoMoment,
  announcedDaysBefore: 10,
  document: {
    v1: {
      note: 'Koncepcja przygotowana przez Wydział Zieleni Miejskiej.',
      sections: [
        {
          key: '§ 1',
          heading: 'Zakres i cele koncepcji',
          body:
            'Koncepcja obejmuje cały Park nad Demówką (działki nr 112/3 i 112/5, ok. 6 ha). Jej celem jest park dostępny dla wszystkich ' +
            'przez cały rok: z wygodnymi alejkami, miejscami do odpoczynku w cieniu i zielenią, która znosi susze i ulewy.',
        },
        {
          key: '§ 2',
          heading: 'Plac zabaw i strefa rodzinna',
          body:
            'Na polanie przy stawie powstanie plac zabaw o powierzchni **800 m²** z urządzeniami dla dzieci w wieku 2–12 lat, ' +
            'w tym integracyjnymi, oraz strefa piknikowa z 6 stołami.',
        },
        {
          key: '§ 3',
          heading: 'Zieleń i woda deszczowa',
          body:
            'Posadzimy 120 drzew rodzimych gatunków. Trawniki przy ul. Rybackiej zastąpi łąka kwietna koszona dwa razy w roku, ' +
            'a woda z alejek spłynie do dwóch ogrodów deszczowych.',
        },
        {
          key: '§ 4',
          heading: 'Oświetlenie i bezpieczeństwo',
          body: 'Główna aleja otrzyma 24 latarnie LED ze światłem skierowanym w dół, przyjaznym dla nietoperzy. Przy wejściach staną tablice z planem parku.',
        },
      ] as DemoSection[],
    },
    /** Version 2 corrects the playground's area after the first comment pointed out the mistake. */
    v2: {
      note: 'Poprawka w § 2: plac zabaw ma 600 m², nie 800 m² (błąd w pierwszej wersji); polana przy stawie zostaje częściowo wolna.',
      sectionKey: '§ 2',
      body:
        'Na polanie przy stawie powstanie plac zabaw o powierzchni **600 m²** z urządzeniami dla dzieci w wieku 2–12 lat, ' +
        'w tym integracyjnymi, oraz strefa piknikowa z 6 stołami. Północna część polany zostaje wolna do gier i leżakowania.',
    },
  },
  /** Made on version 1, before the correction. */
  commentOnV1: {
    author: 'anna',
    section: '§ 2',
    body: 'Plac zabaw o powierzchni 800 m² zająłby całą polanę przy stawie, jedyne otwarte miejsce do gry w piłkę i leżakowania. Proszę go zmniejszyć.',
    proposedWording: 'Na południowej części polany przy stawie powstanie plac zabaw o powierzchni nie większej niż 600 m².',
  } as DemoOnlineComment,
  /** Made on version 2; `offTopic` is the one a moderator hides. */
  comments: [
    {
      author: 'piotr',
      section: '§ 4',
      body: 'Proszę oświetlić także ścieżkę od kładki do przystanku przy ul. Rybackiej: zimą chodzimy nią po ciemku z dziećmi.',
    },
    {
      author: 'katarzyna',
      section: '§ 3',
      body: 'Dobrze, że będzie łąka kwietna. Proszę jednak zachować stare wierzby nad stawem, nawet jeśli nie pasują do projektu.',
      proposedWording: 'Istniejące drzewa nad stawem, w tym wierzby białe, zostają zachowane i objęte pielęgnacją.',
    },
    {
      author: 'michal',
      body: 'W koncepcji brakuje toalety publicznej. Przy placu zabaw i strefie piknikowej to konieczność.',
    },
    {
      author: 'magdalena',
      section: '§ 1',
      body: 'Proszę przewidzieć wybieg dla psów z dala od placu zabaw: dziś psy biegają po całym parku.',
    },
  ] as DemoOnlineComment[],
  offTopic: {
    author: 'tomasz',
    body: 'Opłaty za parkowanie w Śródmieściu są za wysokie, miasto powinno je obniżyć.',
  } as DemoOnlineComment,
  hideNote: 'Uwaga nie dotyczy koncepcji parku; przekazano ją do Zarządu Dróg Miejskich.',
  paperComment: {
    channel: 'paper',
    receivedDay: -3,
    authorName: 'Halina Krawczyk',
    section: '§ 2',
    body: 'Przy placu zabaw proszę postawić ławki z oparciami w cieniu, żeby dziadkowie mieli gdzie usiąść.',
  } as DemoEnteredComment,
  survey: [
    {
      kind: 'single',
      prompt: 'Jak często bywasz w Parku nad Demówką?',
      required: true,
      options: ['Codziennie', 'Kilka razy w tygodniu', 'Kilka razy w miesiącu', 'Rzadziej', 'Wcale'],
    },
    { kind: 'scale', prompt: 'Jak oceniasz obecny stan parku? (1 – bardzo źle, 5 – bardzo dobrze)', required: true, scaleMin: 1, scaleMax: 5 },
    { kind: 'text', prompt: 'Czego najbardziej brakuje Ci w parku?' },
  ] as QuestionInput[],
  /** Answers in question order: option index, scale value, text (optional). */
  responses: [
    { author: 'anna', choice: 1, value: 2, text: 'Cienia przy placu zabaw i czynnego poidełka.' },
    { author: 'piotr', choice: 0, value: 3, text: 'Oświetlenia wieczorem.' },
    { author: 'magdalena', choice: 2, value: 2, text: 'Koszy na śmieci i wybiegu dla psów.' },
    { author: 'michal', choice: 3, value: 1 },
  ] as Array<{ author: ResidentKey; choice: number; value: number; text?: string }>,
  meeting: {
    title: 'Spotkanie z projektantami koncepcji parku',
    place: 'Dom Kultury Nadrzecze, ul. Rybacka 2, sala widowiskowa',
    starts: { day: 7, hour: 18 } as DemoMoment,
    ends: { day: 7, hour: 20 } as DemoMoment,
    capacity: 60,
    latitude: 52.4102,
    longitude: 16.9341,
  },
  registrants: ['katarzyna', 'michal'] as ResidentKey[],
  point: {
    title: 'Punkt konsultacyjny: makieta parku i formularze papierowe',
    place: 'Urząd Dzielnicy Nadrzecze, ul. Rybacka 10, parter, pokój 4 (pon.–pt. 8:00–16:00)',
    starts: { day: -5, hour: 8 } as DemoMoment,
    ends: { day: 23, hour: 16 } as DemoMoment,
    latitude: 52.4087,
    longitude: 16.9378,
  },
} as const;

export const REPORT_CONSULTATION = {
  input: {
    title: 'Roczny program współpracy Miasta Demo z organizacjami pozarządowymi na 2027 r.',
    summary:
      'Projekt programu określa cele, zasady i formy współpracy miasta z organizacjami pozarządowymi w 2027 r., ' +
      'priorytetowe zadania publiczne i wysokość środków na ich realizację.',
    body: [
      'Konsultacje prowadzimy na podstawie art. 5a ustawy o działalności pożytku publicznego i o wolontariacie oraz uchwały',
      'Rady Miasta Demo w sprawie szczegółowego sposobu konsultowania aktów prawa miejscowego.',
      '',
      'Uwagi zgłaszają **organizacje pozarządowe** i podmioty wymienione w art. 3 ust. 3 ustawy: online (konto organizacji),',
      'e-mailem, na piśmie lub na spotkaniu konsultacyjnym.',
    ].join('\n'),
    topic: 'Organizacje pozarządowe',
    organiserUnit: 'Biuro Współpracy z Organizacjami Pozarządowymi',
    contact: 'ngo@demo.example.org, tel. 22 100 20 40',
    audience: 'ngo' as const,
    moderation: 'post' as const,
  },
  /** Ran for four weeks up to the moment the command runs; announced two weeks before opening. */
  opens: { day: -28, hour: 8 } as DemoMoment,
  announcedDaysBefore: 14,
  document: {
    note: 'Projekt programu przyjęty przez Prezydenta Miasta do konsultacji.',
    sections: [
      {
        key: '§ 1',
        heading: 'Cel główny i cele szczegółowe',
        body: 'Celem programu jest wzmacnianie aktywności mieszkańców i organizacji pozarządowych oraz lepsze zaspokajanie potrzeb wspólnoty samorządowej.',
      },
      {
        key: '§ 2',
        heading: 'Formy współpracy',
        body:
          'Współpraca ma formę finansową (zlecanie zadań publicznych w trybie otwartych konkursów ofert i małych grantów) oraz pozafinansową ' +
          '(konsultowanie projektów uchwał, zespoły doradcze, udostępnianie lokali).',
      },
      {
        key: '§ 3',
        heading: 'Priorytetowe zadania publiczne',
        body: 'Priorytetami w 2027 r. są: pomoc społeczna, ochrona zdrowia, kultura, sport dzieci i młodzieży, ekologia oraz edukacja obywatelska.',
      },
      {
        key: '§ 4',
        heading: 'Wysokość środków',
        body: 'Na realizację programu planuje się przeznaczyć **4 200 000 zł**.',
      },
    ] as DemoSection[],
  },
  meeting: {
    title: 'Spotkanie konsultacyjne z organizacjami pozarządowymi',
    place: 'Urząd Miasta Demo, sala sesyjna, pl. Ratuszowy 1',
    starts: { day: -14, hour: 17 } as DemoMoment,
    ends: { day: -14, hour: 19 } as DemoMoment,
    capacity: 40,
  },
  /** Every comment with the response it gets: one of each verdict. */
  comments: [
    {
      comment: {
        author: 'ngo',
        section: '§ 3',
        body: 'Proponujemy dopisać do priorytetów przeciwdziałanie samotności osób starszych: telefon życzliwości i wolontariat sąsiedzki.',
        proposedWording: 'Priorytetami w 2027 r. są: pomoc społeczna, w tym przeciwdziałanie samotności osób starszych, (…)',
      },
      verdict: 'accepted',
      justification: 'Uwzględniono: przeciwdziałanie samotności osób starszych dopisano do priorytetów w § 3.',
    },
    {
      comment: {
        author: 'ngo',
        section: '§ 4',
        body: 'Kwota 4,2 mln zł jest niższa niż w 2026 r., mimo rosnących kosztów. Wnosimy o co najmniej 5 mln zł.',
        proposedWording: 'Na realizację programu planuje się przeznaczyć 5 000 000 zł.',
      },
      verdict: 'partially_accepted',
      justification: 'Kwotę zwiększono do 4 500 000 zł; wyższa nie mieści się w projekcie budżetu miasta na 2027 r.',
    },
    {
      comment: {
        channel: 'email',
        receivedDay: -20,
        authorName: 'Stowarzyszenie Przyjaciół Nadrzecza',
        contactEmail: 'kontakt@przyjaciele-nadrzecza.example.org',
        section: '§ 2',
        body: 'Wnosimy o wprowadzenie trzyletnich dotacji dla wszystkich zadań, a nie tylko dla pomocy społecznej.',
      },
      verdict: 'rejected',
      justification:
        'Umowy wieloletnie zawiera się tam, gdzie ciągłość usług jest konieczna (pomoc społeczna, ochrona zdrowia); w pozostałych obszarach ' +
        'zadania zmieniają się co roku.',
    },
    {
      comment: {
        channel: 'meeting',
        receivedDay: -14,
        authorName: 'Klub Sportowy Dąbrowa',
        body: 'Prosimy o remont szatni na stadionie przy ul. Sportowej, z której korzysta 200 dzieci.',
      },
      verdict: 'not_applicable',
      justification: 'Uwaga dotyczy inwestycji miejskiej, a nie programu współpracy; przekazano ją do Wydziału Sportu.',
    },
  ] as Array<{ comment: DemoOnlineComment | DemoEnteredComment; verdict: Verdict; justification: string }>,
  conclusions: [
    '## Wnioski',
    '',
    'W konsultacjach wzięły udział trzy organizacje; zgłosiły cztery uwagi, z których jedna została uwzględniona w całości,',
    'a jedna częściowo.',
    '',
    '- do priorytetów (§ 3) dopisano przeciwdziałanie samotności osób starszych;',
    '- środki na realizację programu (§ 4) zwiększono z 4 200 000 zł do 4 500 000 zł;',
    '- uwagę o remoncie szatni przekazano do Wydziału Sportu.',
    '',
    'Poprawiony projekt programu zostanie przedstawiony Radzie Miasta Demo.',
  ].join('\n'),
} as const;

/**
 * The demo local initiatives (inicjatywa lokalna): the current year's programme and applications, each with the
 * state it is brought to. Everything here is invented; the applicants are the demo residents, with made-up
 * addresses in Miasto Demo. Money in grosze.
 */
import type { ApplicationInput, Criterion, ProgrammeInput } from '@civitas/initiatives';
import type { AreaKey, ResidentKey } from './demo-city';

export const INITIATIVES_PROGRAMME: Omit<ProgrammeInput, 'criteria'> & { criteria: Criterion[] } = {
  intake: 'continuous',
  allocation: 30_000_000,
  minApplicants: 3,
  volunteerHourValue: 3_500,
  correctionDays: 7,
  criteria: [
    { key: 'wolontariat', namePl: 'Wkład pracy społecznej mieszkańców', nameEn: "Residents' volunteer work", weight: 3, maxPoints: 10, volunteerWork: true },
    { key: 'pozytek', namePl: 'Pożytek dla społeczności lokalnej', nameEn: 'Benefit to the local community', weight: 3, maxPoints: 10, volunteerWork: false },
    {
      key: 'wklad',
      namePl: 'Wkład rzeczowy i finansowy wnioskodawców',
      nameEn: "The applicants' in-kind and cash contribution",
      weight: 2,
      maxPoints: 10,
      volunteerWork: false,
    },
    { key: 'trwalosc', namePl: 'Trwałość efektów', nameEn: 'Lasting results', weight: 1, maxPoints: 5, volunteerWork: false },
    {
      key: 'realnosc',
      namePl: 'Realność harmonogramu i kosztorysu',
      nameEn: 'A realistic schedule and cost estimate',
      weight: 1,
      maxPoints: 5,
      volunteerWork: false,
    },
  ],
};

/** Where an application ends up (every step through the initiatives' services). */
export type InitiativeFate =
  | { kind: 'draft' }
  | { kind: 'registered' }
  | { kind: 'evaluation'; scores: Record<string, number>; remarks: string }
  | { kind: 'rejected'; scores: Record<string, number>; remarks: string; purposefulness: string; reason: string }
  | {
      kind: 'in_progress';
      scores: Record<string, number>;
      remarks: string;
      purposefulness: string;
      reason: string;
      /** The agreement's term, in days from the day the command runs. */
      term: { from: number; to: number };
    }
  | {
      kind: 'completed';
      scores: Record<string, number>;
      remarks: string;
      purposefulness: string;
      reason: string;
      term: { from: number; to: number };
      report: { summary: string; volunteerPeople: number; volunteerHours: number; inKind: Array<{ item: string; value: number }>; cash: number };
    };

export interface DemoInitiative {
  /** The contact person whose account files it: a resident, or the organisation acting for the residents. */
  author: ResidentKey | 'ngo';
  /** The residents named as applicants, in order (at least the programme's minimum). */
  applicants: ResidentKey[];
  area: AreaKey;
  contactPublic: boolean;
  /** The application's fields, without the applicants, the contact details and the area; schedule days are offsets from today. */
  input: Omit<ApplicationInput, 'applicants' | 'contactName' | 'contactEmail' | 'areaId' | 'schedule' | 'year'> & {
    title: string;
    schedule?: Array<{ from: number; to: number; activity: string }>;
  };
  fate: InitiativeFate;
}

/** The demo residents' home addresses, as named on the applications (never public). */
export const RESIDENT_ADDRESSES: Record<ResidentKey, { firstName: string; lastName: string; address: string }> = {
  anna: { firstName: 'Anna', lastName: 'Kowalska', address: 'ul. Lipowa 12 m. 4, 00-901 Miasto Demo' },
  piotr: { firstName: 'Piotr', lastName: 'Nowak', address: 'ul. Kolejowa 7, 00-902 Miasto Demo' },
  katarzyna: { firstName: 'Katarzyna', lastName: 'Wiśniewska', address: 'ul. Ogrodowa 3 m. 11, 00-901 Miasto Demo' },
  tomasz: { firstName: 'Tomasz', lastName: 'Wójcik', address: 'ul. Nadbrzeżna 21, 00-905 Miasto Demo' },
  magdalena: { firstName: 'Magdalena', lastName: 'Kamińska', address: 'ul. Dębowa 8, 00-907 Miasto Demo' },
  michal: { firstName: 'Michał', lastName: 'Lewandowski', address: 'os. Słoneczne 15 m. 2, 00-903 Miasto Demo' },
};

export const NGO_AUTHORISATION = {
  fileName: 'upowaznienie-mieszkancow.pdf',
  text: 'Upoważnienie: mieszkańcy wymienieni we wniosku upoważniają Fundację Aktywne Miasto Demo do złożenia wniosku o realizację inicjatywy lokalnej w ich imieniu.',
};

/** Ordered as they are registered: the case numbers follow this order (the draft gets none). */
export const INITIATIVES: DemoInitiative[] = [
  {
    author: 'tomasz',
    applicants: ['tomasz', 'michal', 'anna', 'katarzyna'],
    area: 'nadrzecze',
    contactPublic: true,
    input: {
      applicantType: 'residents',
      taskArea: 'nature',
      title: 'Sprzątanie brzegów Demówki i sadzenie wierzb',
      description:
        'Jednodniowa akcja sąsiedzka: sprzątanie brzegów Demówki na odcinku od kładki przy ul. Nadbrzeżnej do mostu Kolejowego ' +
        'i posadzenie 30 sadzonek wierzby wzdłuż ścieżki. Mieszkańcy zapewniają pracę i poczęstunek, miasto worki, rękawice, ' +
        'sadzonki i wywóz odpadów.',
      location: 'Brzeg Demówki między kładką przy ul. Nadbrzeżnej a mostem Kolejowym',
      landOwner: 'city',
      schedule: [{ from: 0, to: 0, activity: 'Sprzątanie brzegu, sadzenie wierzb i wspólny poczęstunek' }],
      totalCost: 1_222_500,
      volunteerPeople: 25,
      volunteerHours: 5,
      inKind: [{ item: 'Poczęstunek dla uczestników (ciasto, napoje)', value: 60_000 }],
      cash: 0,
      cityShare: [
        { kind: 'materials', description: '30 sadzonek wierzby białej z palikami', value: 360_000 },
        { kind: 'materials', description: 'Worki, rękawice i chwytaki do śmieci', value: 125_000 },
        { kind: 'services', description: 'Odbiór i wywóz zebranych odpadów', value: 240_000 },
      ],
      beneficiaries: 'Mieszkańcy Nadrzecza korzystający ze ścieżki nad Demówką, spacerowicze i wędkarze',
      beneficiariesCount: 3000,
    },
    fate: {
      kind: 'completed',
      scores: { wolontariat: 9, pozytek: 8, wklad: 6, trwalosc: 4, realnosc: 5 },
      remarks: 'Duży wkład pracy społecznej przy niewielkim koszcie; nasadzenia zostaną na lata.',
      purposefulness: 'Zadanie poprawia stan terenów zielonych nad Demówką i angażuje mieszkańców w dbanie o wspólną przestrzeń.',
      reason: 'Wniosek spełnia wymogi formalne, uzyskał wysoką ocenę, a wkład miasta mieści się w środkach programu.',
      term: { from: 0, to: 0 },
      report: {
        summary:
          'Akcja odbyła się zgodnie z harmonogramem: wzięło w niej udział 28 osób, zebrano 64 worki odpadów i posadzono 30 wierzb. ' +
          'Miasto dostarczyło sadzonki i sprzęt oraz wywiozło odpady następnego dnia.',
        volunteerPeople: 28,
        volunteerHours: 5,
        inKind: [{ item: 'Poczęstunek dla uczestników (ciasto, napoje)', value: 65_000 }],
        cash: 0,
      },
    },
  },
  {
    author: 'anna',
    applicants: ['anna', 'michal', 'magdalena'],
    area: 'sloneczne',
    contactPublic: true,
    input: {
      applicantType: 'residents',
      taskArea: 'community_development',
      title: 'Odnowienie skweru sąsiedzkiego na Osiedlu Słonecznym',
      description:
        'Mieszkańcy odnowią skwer między blokami 12 i 15: rozbiorą zniszczone ławki, pomalują pergolę, założą rabaty bylinowe ' +
        'i ustawią stół do gry w szachy. Miasto dostarczy ławki, stół, ziemię i rośliny oraz usługę ustawienia ławek na fundamentach.',
      location: 'Skwer między blokami os. Słoneczne 12 i 15',
      landOwner: 'city',
      schedule: [
        { from: 0, to: 14, activity: 'Rozbiórka starych ławek i przygotowanie rabat' },
        { from: 15, to: 30, activity: 'Ustawienie ławek i stołu, malowanie pergoli, sadzenie bylin' },
      ],
      totalCost: 4_600_000,
      volunteerPeople: 15,
      volunteerHours: 20,
      inKind: [
        { item: 'Farba i pędzle do malowania pergoli', value: 80_000 },
        { item: 'Użyczenie przyczepki i narzędzi ogrodowych', value: 40_000 },
      ],
      cash: 50_000,
      cityShare: [
        { kind: 'equipment', description: 'Cztery ławki parkowe z oparciem i stół szachowy', value: 2_100_000 },
        { kind: 'materials', description: 'Ziemia ogrodowa, kora i 200 bylin', value: 500_000 },
        { kind: 'services', description: 'Wykonanie fundamentów i montaż ławek', value: 780_000 },
      ],
      beneficiaries: 'Mieszkańcy Osiedla Słonecznego, zwłaszcza seniorzy i rodziny z dziećmi',
      beneficiariesCount: 1200,
    },
    fate: {
      kind: 'in_progress',
      scores: { wolontariat: 8, pozytek: 9, wklad: 7, trwalosc: 5, realnosc: 4 },
      remarks: 'Realny plan, szeroki krąg odbiorców; harmonogram montażu ławek napięty, ale wykonalny.',
      purposefulness: 'Skwer jest jedynym miejscem spotkań na osiedlu; odnowienie odpowiada na potrzeby seniorów i rodzin.',
      reason: 'Wniosek spełnia wymogi formalne, uzyskał wysoką ocenę, a wkład miasta mieści się w środkach programu.',
      term: { from: 0, to: 30 },
    },
  },
  {
    author: 'magdalena',
    applicants: ['magdalena', 'piotr', 'tomasz'],
    area: 'dabrowa',
    contactPublic: false,
    input: {
      applicantType: 'residents',
      taskArea: 'culture',
      title: 'Festyn „Lato w Dąbrowie” z koncertem gwiazdy',
      description:
        'Całodniowy festyn na boisku przy Szkole Podstawowej nr 4 z koncertem znanego zespołu. Mieszkańcy przygotują stoiska ' +
        'i zabawy dla dzieci; od miasta wnioskodawcy oczekują opłacenia koncertu, sceny i nagłośnienia.',
      location: 'Boisko przy Szkole Podstawowej nr 4, ul. Dębowa 1',
      landOwner: 'city',
      schedule: [{ from: 40, to: 40, activity: 'Festyn i koncert' }],
      totalCost: 9_084_000,
      volunteerPeople: 6,
      volunteerHours: 4,
      inKind: [],
      cash: 0,
      cityShare: [
        { kind: 'services', description: 'Honorarium zespołu', value: 6_000_000 },
        { kind: 'services', description: 'Scena, nagłośnienie i oświetlenie', value: 3_000_000 },
      ],
      beneficiaries: 'Mieszkańcy Dąbrowy',
      beneficiariesCount: 2000,
    },
    fate: {
      kind: 'rejected',
      scores: { wolontariat: 2, pozytek: 5, wklad: 0, trwalosc: 1, realnosc: 3 },
      remarks: 'Wkład mieszkańców symboliczny; prawie cały koszt to honorarium zespołu.',
      purposefulness: 'Festyn integruje mieszkańców, lecz ma charakter jednorazowej imprezy rozrywkowej.',
      reason:
        'Inicjatywa lokalna polega na wspólnej realizacji zadania przez mieszkańców i miasto. Tu wkład mieszkańców to 24 godziny ' +
        'pracy, a niemal cały koszt, honorarium zespołu, miałoby pokryć miasto. Zachęcamy do złożenia wniosku z większym udziałem mieszkańców.',
    },
  },
  {
    author: 'katarzyna',
    applicants: ['katarzyna', 'anna', 'piotr'],
    area: 'srodmiescie',
    contactPublic: true,
    input: {
      applicantType: 'residents',
      taskArea: 'nature',
      title: 'Ogród społeczny na podwórku przy ul. Ogrodowej',
      description:
        'Zamiana zaniedbanego podwórka w ogród społeczny: sześć skrzyń warzywnych, kompostownik, zbiornik na deszczówkę i ławki. ' +
        'Mieszkańcy zbudują skrzynie i będą prowadzić ogród przez cały sezon; miasto dostarczy drewno, ziemię i zbiornik.',
      location: 'Podwórko kamienic ul. Ogrodowa 3–7',
      landOwner: 'city',
      schedule: [
        { from: 14, to: 28, activity: 'Budowa skrzyń i kompostownika' },
        { from: 29, to: 45, activity: 'Ziemia, zbiornik na deszczówkę, pierwsze nasadzenia' },
      ],
      totalCost: 2_850_000,
      volunteerPeople: 12,
      volunteerHours: 16,
      inKind: [{ item: 'Nasiona i sadzonki warzyw', value: 30_000 }],
      cash: 20_000,
      cityShare: [
        { kind: 'materials', description: 'Drewno na skrzynie i kompostownik, ziemia ogrodowa', value: 1_400_000 },
        { kind: 'equipment', description: 'Zbiornik na deszczówkę 1000 l i dwie ławki', value: 728_000 },
      ],
      beneficiaries: 'Mieszkańcy kamienic przy ul. Ogrodowej i dzieci z pobliskiego przedszkola',
      beneficiariesCount: 150,
    },
    fate: {
      kind: 'evaluation',
      scores: { wolontariat: 8, pozytek: 7, wklad: 6, trwalosc: 4, realnosc: 4 },
      remarks: 'Dobry pomysł na zaniedbane podwórko; warto ustalić z zarządcą dostęp do wody.',
    },
  },
  {
    author: 'ngo',
    applicants: ['piotr', 'tomasz', 'magdalena'],
    area: 'nadrzecze',
    contactPublic: true,
    input: {
      applicantType: 'ngo',
      taskArea: 'education',
      title: 'Warsztaty naprawy rowerów dla młodzieży z Nadrzecza',
      description:
        'Cykl ośmiu sobotnich warsztatów, na których wolontariusze uczą młodzież serwisowania rowerów. Po warsztatach sprzęt ' +
        'zostaje w świetlicy osiedlowej jako ogólnodostępny punkt samodzielnej naprawy.',
      location: 'Świetlica osiedlowa, ul. Nadbrzeżna 30',
      landOwner: 'city',
      schedule: [{ from: 30, to: 90, activity: 'Osiem sobotnich warsztatów po 3 godziny' }],
      totalCost: 1_880_000,
      volunteerPeople: 4,
      volunteerHours: 24,
      inKind: [{ item: 'Użyczenie stojaków serwisowych fundacji', value: 120_000 }],
      cash: 0,
      cityShare: [
        { kind: 'equipment', description: 'Zestaw narzędzi rowerowych i stojak serwisowy', value: 900_000 },
        { kind: 'materials', description: 'Części zamienne i smary', value: 524_000 },
      ],
      beneficiaries: 'Młodzież w wieku 12–18 lat z Nadrzecza',
      beneficiariesCount: 60,
    },
    fate: { kind: 'registered' },
  },
  {
    author: 'piotr',
    applicants: ['piotr'],
    area: 'dabrowa',
    contactPublic: false,
    input: {
      applicantType: 'residents',
      taskArea: 'culture',
      title: 'Mural o historii Dąbrowy na ścianie przychodni',
      description: 'Mural przedstawiający dawną Dąbrowę, zaprojektowany z uczniami Szkoły Podstawowej nr 4. Szkic do uzgodnienia z przychodnią.',
      location: 'Ściana szczytowa przychodni przy ul. Kolejowej 2',
    },
    fate: { kind: 'draft' },
  },
];

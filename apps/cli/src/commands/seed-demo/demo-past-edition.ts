/**
 * The content of the demo city's previous budget edition, run all the way through: its pools, its projects (every
 * one admitted), the voters and what each chose, and the implementation of the selected projects. Invented, like the
 * rest of the demo; voters' addresses use the reserved example.org.
 */
import type { ImplementationUpdateStatus } from '@civitas/budget';
import { type AreaKey, CITY_POOL, DEMO_DOMAIN, DEMO_EDITION, type DemoProject, DISTRICT_POOL, type DistrictKey, type ResidentKey } from './demo-city';

/** The edition before the current one: voted on, tallied, its results published, its projects being carried out. */
export const PAST_EDITION = { name: 'Budżet Obywatelski Miasta Demo 2026', year: DEMO_EDITION.year - 1 } as const;

/** Its district pool is Śródmieście's, whose official reviews and reports on the projects there. */
export const PAST_DISTRICT: DistrictKey = 'srodmiescie';

/** Amounts in grosze: a smaller budget than this year's. Cost limits and signature requirements as this year's. */
export const PAST_CITY_POOL = { ...CITY_POOL, amount: 150_000_000 } as const;
export const PAST_DISTRICT_POOL = { ...DISTRICT_POOL, amount: 70_000_000 } as const;

export type PastProjectKey = 'trees' | 'rink' | 'fountains' | 'firstAid' | 'courtyard' | 'stairs' | 'cinema';

/** A project of the past edition: in the city-wide pool or in PAST_DISTRICT's. */
export interface PastProject extends Omit<DemoProject, 'fate'> {
  key: PastProjectKey;
}

const zl = (złote: number) => złote * 100;

/**
 * Seven projects, all admitted. The votes below put them in this order within each pool; the greedy rule then funds
 * the first three of the city-wide pool (the fourth no longer fits in 1 500 000 zł) and the first two of Śródmieście's
 * (the third no longer fits in 700 000 zł).
 */
export const PAST_PROJECTS: PastProject[] = [
  {
    key: 'trees',
    author: 'katarzyna',
    pool: 'city',
    area: 'city',
    category: 'greenery',
    title: 'Sto pięćdziesiąt drzew na ulicach bez cienia',
    summary: 'Duże drzewa z nawadnianiem wzdłuż ulic Kolejowej, Polnej i Młyńskiej, z trzyletnią pielęgnacją.',
    description:
      'Wzdłuż trzech ulic, na których latem nie ma ani skrawka cienia, posadzimy 150 drzew o obwodzie pnia co najmniej 20 cm: lipy, klony polne i grusze ' +
      'drobnoowocowe. Każde drzewo dostanie ruszt, osłonę pnia i worek nawadniający; przez trzy lata zadba o nie wykonawca.',
    justification: 'Ulice Kolejowa, Polna i Młyńska są najgorętszymi miejscami w mieście na mapie termalnej z 2024 r.',
    beneficiaries: 'Piesi, pasażerowie komunikacji miejskiej i mieszkańcy tych ulic.',
    address: 'ul. Kolejowa, ul. Polna, ul. Młyńska',
    costItems: [
      { description: 'Drzewa z sadzeniem (150 × 2 400 zł)', amount: zl(360_000) },
      { description: 'Ruszty, osłony pni i worki nawadniające', amount: zl(84_000) },
      { description: 'Pielęgnacja przez trzy lata', amount: zl(36_000) },
    ],
  },
  {
    key: 'rink',
    author: 'piotr',
    pool: 'city',
    area: 'city',
    category: 'sport',
    title: 'Sezonowe lodowisko przy hali sportowej',
    summary: 'Lodowisko czynne od grudnia do lutego przez trzy sezony, z wypożyczalnią łyżew i bezpłatnymi godzinami dla szkół.',
    description:
      'Na parkingu przy hali sportowej stanie lodowisko o wymiarach 30 × 20 m z agregatem chłodniczym, szatnią i wypożyczalnią łyżew. ' +
      'W dni powszednie do godziny 14 korzystają z niego bezpłatnie szkoły.',
    justification: 'Najbliższe lodowisko jest 40 km od miasta; dzieci nie mają gdzie jeździć na łyżwach.',
    beneficiaries: 'Dzieci, młodzież i rodziny z całego miasta.',
    address: 'Parking przy hali sportowej, ul. Sportowa 1',
    costItems: [
      { description: 'Dzierżawa lodowiska z agregatem (trzy sezony)', amount: zl(420_000) },
      { description: 'Przyłącze energetyczne', amount: zl(110_000) },
      { description: 'Szatnia kontenerowa i wypożyczalnia łyżew', amount: zl(60_000) },
    ],
  },
  {
    key: 'fountains',
    author: 'tomasz',
    pool: 'city',
    area: 'city',
    category: 'infrastructure',
    title: 'Poidełka z wodą pitną w parkach i na placach',
    summary: 'Dwanaście całorocznych poidełek z wodą z wodociągu miejskiego, także z miską dla psów.',
    description:
      'Poidełka staną w parkach, na placach i przy placach zabaw: w miejscach, gdzie latem najwięcej osób spędza czas. Zimą działają z podgrzewanym zaworem.',
    justification: 'Woda z kranu jest w mieście dobrej jakości, a na ulicach nie ma gdzie się jej napić bez kupowania butelki.',
    beneficiaries: 'Wszyscy mieszkańcy i goście, zwłaszcza dzieci, seniorzy i biegacze.',
    address: 'Parki i place w całym mieście (12 lokalizacji)',
    costItems: [
      { description: 'Poidełka (12 × 18 000 zł)', amount: zl(216_000) },
      { description: 'Przyłącza wodociągowe i kanalizacyjne', amount: zl(96_000) },
      { description: 'Projekt', amount: zl(18_000) },
    ],
  },
  {
    key: 'firstAid',
    author: 'magdalena',
    pool: 'city',
    area: 'city',
    category: 'education',
    title: 'Pierwsza pomoc w każdej szkole',
    summary: 'Warsztaty pierwszej pomocy dla uczniów klas 4–8 z ratownikami medycznymi, fantomy i defibrylatory szkoleniowe dla szkół.',
    description:
      'Ratownicy medyczni poprowadzą 120 warsztatów w szkołach podstawowych. Szkoły zatrzymają fantomy i defibrylatory szkoleniowe, żeby nauczyciele mogli powtarzać zajęcia co roku.',
    justification: 'Tylko jedna szkoła w mieście ma fantom do nauki resuscytacji.',
    beneficiaries: 'Około 3 000 uczniów szkół podstawowych.',
    address: 'Szkoły podstawowe w całym mieście',
    costItems: [
      { description: 'Fantomy i defibrylatory szkoleniowe', amount: zl(60_000) },
      { description: 'Warsztaty z ratownikami (120 spotkań)', amount: zl(72_000) },
      { description: 'Materiały dla uczniów', amount: zl(18_000) },
    ],
  },
  {
    key: 'courtyard',
    author: 'anna',
    pool: 'srodmiescie',
    area: 'srodmiescie',
    category: 'greenery',
    title: 'Zielone podwórko przy ul. Kamiennej',
    summary: 'Zamiast blaszanych garaży i asfaltu: drzewa, ogród deszczowy, ławki i mały plac zabaw dla czterech kamienic.',
    description:
      'Podwórko kamienic przy ul. Kamiennej 4–10 to dziś asfalt i rząd nieużywanych blaszaków. Rozbierzemy je, posadzimy drzewa i krzewy, ' +
      'urządzimy ogród deszczowy przyjmujący wodę z rynien oraz postawimy ławki i mały plac zabaw.',
    justification: 'W tej części Śródmieścia nie ma w promieniu 500 m żadnego placu zabaw ani skweru.',
    beneficiaries: 'Około 300 mieszkańców czterech kamienic i ich sąsiedzi.',
    address: 'ul. Kamienna 4–10 (podwórko)',
    costItems: [
      { description: 'Rozbiórka garaży i nawierzchni', amount: zl(62_000) },
      { description: 'Zieleń, drzewa i ogród deszczowy', amount: zl(118_000) },
      { description: 'Plac zabaw i ławki', amount: zl(90_000) },
    ],
  },
  {
    key: 'stairs',
    author: 'michal',
    pool: 'srodmiescie',
    area: 'srodmiescie',
    category: 'infrastructure',
    title: 'Nowe schody i pochylnia przy ul. Stromej',
    summary: 'Przebudowa zniszczonych schodów między Starym Rynkiem a ul. Stromą, z pochylnią dla wózków i oświetleniem.',
    description: 'Schody z lat 60. zastąpią nowe, granitowe, z poręczami po obu stronach; obok powstanie pochylnia o nachyleniu 6% i oświetlenie LED.',
    justification: 'Schody są jedynym krótkim przejściem z ul. Stromej na rynek, a osoby na wózkach i z wózkami dziecięcymi muszą je omijać o 800 m.',
    beneficiaries: 'Piesi, osoby z niepełnosprawnościami, rodzice z wózkami.',
    address: 'ul. Stroma / Stary Rynek',
    costItems: [
      { description: 'Rozbiórka i nowe schody granitowe', amount: zl(170_000) },
      { description: 'Pochylnia z poręczami', amount: zl(85_000) },
      { description: 'Oświetlenie', amount: zl(25_000) },
    ],
  },
  {
    key: 'cinema',
    author: 'tomasz',
    pool: 'srodmiescie',
    area: 'srodmiescie',
    category: 'education',
    title: 'Kino letnie na placu Wolności',
    summary: 'Dziesięć bezpłatnych seansów w lipcu i sierpniu: polskie filmy z audiodeskrypcją i napisami, leżaki dla widzów.',
    description:
      'W piątkowe wieczory wakacji na placu Wolności stanie ekran z projektorem i nagłośnieniem. Repertuar wybiorą mieszkańcy w internetowej ankiecie.',
    justification: 'W Śródmieściu od lat nie ma kina, a plac Wolności wieczorami stoi pusty.',
    beneficiaries: 'Mieszkańcy Śródmieścia w każdym wieku.',
    address: 'pl. Wolności',
    costItems: [
      { description: 'Ekran, projektor i nagłośnienie (10 seansów)', amount: zl(95_000) },
      { description: 'Licencje filmowe', amount: zl(35_000) },
      { description: 'Leżaki i obsługa', amount: zl(30_000) },
    ],
  },
];

/** The ballot of each pool: approval, up to three projects in the city-wide pool and two in the district's. */
export const PAST_SPECS = {
  city: { voteType: 'approval', minLength: 1, maxLength: 3, maxSumCost: null, pointsTotal: null, maxPointsPerProject: null, exactLength: false },
  district: { voteType: 'approval', minLength: 1, maxLength: 2, maxSumCost: null, pointsTotal: null, maxPointsPerProject: null, exactLength: false },
} as const;

export interface DemoVoter {
  firstName: string;
  lastName: string;
  area: AreaKey;
  /**
   * online: cast on the platform and confirmed with the e-mail code (a demo resident signed in, with their account's
   * address; anyone else with their own); paper: a sheet from a voting point, keyed by the city's official and the admin.
   */
  channel: 'online' | 'paper';
  /** The demo resident casting it, signed in. */
  resident?: ResidentKey;
  city: PastProjectKey[];
  district: PastProjectKey[];
  /** Asked to be mailed the results. */
  wantsResults?: boolean;
}

// What the voters chose, by pattern. City-wide pool, 30 ballots: trees 18, rink 17, fountains 16, first aid 9.
const ALL_THREE: PastProjectKey[] = ['trees', 'rink', 'fountains'];
const TREES_AID: PastProjectKey[] = ['trees', 'firstAid'];
const RINK_WATER: PastProjectKey[] = ['rink', 'fountains'];
const WATER_AID: PastProjectKey[] = ['fountains', 'firstAid'];
// Śródmieście's pool, 13 ballots: courtyard 10, stairs 7, cinema 4.
const COURT_STAIRS: PastProjectKey[] = ['courtyard', 'stairs'];
const COURT_CINEMA: PastProjectKey[] = ['courtyard', 'cinema'];

/** 33 valid ballots: 24 online (the six demo residents among them) and 9 on paper; one more sheet is unsigned. */
export const VOTERS: DemoVoter[] = [
  {
    firstName: 'Anna',
    lastName: 'Kowalska',
    area: 'srodmiescie',
    channel: 'online',
    resident: 'anna',
    city: ALL_THREE,
    district: COURT_STAIRS,
    wantsResults: true,
  },
  { firstName: 'Piotr', lastName: 'Nowak', area: 'dabrowa', channel: 'online', resident: 'piotr', city: ['rink'], district: [] },
  {
    firstName: 'Katarzyna',
    lastName: 'Wiśniewska',
    area: 'lesne',
    channel: 'online',
    resident: 'katarzyna',
    city: TREES_AID,
    district: [],
    wantsResults: true,
  },
  { firstName: 'Tomasz', lastName: 'Wójcik', area: 'sloneczne', channel: 'online', resident: 'tomasz', city: RINK_WATER, district: [] },
  { firstName: 'Magdalena', lastName: 'Kamińska', area: 'srodmiescie', channel: 'online', resident: 'magdalena', city: WATER_AID, district: COURT_CINEMA },
  { firstName: 'Michał', lastName: 'Lewandowski', area: 'wzgorza', channel: 'online', resident: 'michal', city: ALL_THREE, district: [] },
  { firstName: 'Zofia', lastName: 'Lis', area: 'srodmiescie', channel: 'online', city: ALL_THREE, district: COURT_STAIRS },
  { firstName: 'Jakub', lastName: 'Wrona', area: 'nadrzecze', channel: 'online', city: TREES_AID, district: [], wantsResults: true },
  { firstName: 'Helena', lastName: 'Sikora', area: 'srodmiescie', channel: 'online', city: [], district: ['stairs'] },
  { firstName: 'Marek', lastName: 'Dudek', area: 'dabrowa', channel: 'online', city: RINK_WATER, district: [] },
  { firstName: 'Alicja', lastName: 'Pawlak', area: 'wzgorza', channel: 'online', city: ['trees'], district: [] },
  { firstName: 'Krzysztof', lastName: 'Zając', area: 'srodmiescie', channel: 'online', city: ALL_THREE, district: COURT_STAIRS },
  { firstName: 'Ewa', lastName: 'Michalska', area: 'nadrzecze', channel: 'online', city: TREES_AID, district: [] },
  { firstName: 'Paweł', lastName: 'Król', area: 'sloneczne', channel: 'online', city: ['rink'], district: [], wantsResults: true },
  { firstName: 'Natalia', lastName: 'Wieczorek', area: 'srodmiescie', channel: 'online', city: RINK_WATER, district: ['courtyard'] },
  { firstName: 'Adam', lastName: 'Jabłoński', area: 'dabrowa', channel: 'online', city: ALL_THREE, district: [] },
  { firstName: 'Julia', lastName: 'Nowicka', area: 'lesne', channel: 'online', city: WATER_AID, district: [] },
  { firstName: 'Łukasz', lastName: 'Majewski', area: 'nadrzecze', channel: 'online', city: ['trees'], district: [] },
  { firstName: 'Oliwia', lastName: 'Olszewska', area: 'srodmiescie', channel: 'online', city: TREES_AID, district: COURT_CINEMA },
  { firstName: 'Bartosz', lastName: 'Stępień', area: 'wzgorza', channel: 'online', city: RINK_WATER, district: [] },
  { firstName: 'Maja', lastName: 'Malinowska', area: 'srodmiescie', channel: 'online', city: [], district: COURT_STAIRS, wantsResults: true },
  { firstName: 'Kamil', lastName: 'Jaworski', area: 'dabrowa', channel: 'online', city: ALL_THREE, district: [] },
  { firstName: 'Zuzanna', lastName: 'Adamczyk', area: 'sloneczne', channel: 'online', city: ['rink'], district: [] },
  { firstName: 'Wojciech', lastName: 'Górski', area: 'srodmiescie', channel: 'online', city: ['trees'], district: ['stairs'] },
  { firstName: 'Stanisław', lastName: 'Nowakowski', area: 'srodmiescie', channel: 'paper', city: ALL_THREE, district: COURT_STAIRS },
  { firstName: 'Irena', lastName: 'Pietrzak', area: 'nadrzecze', channel: 'paper', city: TREES_AID, district: [] },
  { firstName: 'Henryk', lastName: 'Wróbel', area: 'dabrowa', channel: 'paper', city: RINK_WATER, district: [] },
  { firstName: 'Janina', lastName: 'Kozłowska', area: 'srodmiescie', channel: 'paper', city: ALL_THREE, district: COURT_CINEMA },
  { firstName: 'Ryszard', lastName: 'Jasiński', area: 'wzgorza', channel: 'paper', city: TREES_AID, district: [] },
  { firstName: 'Teresa', lastName: 'Baran', area: 'srodmiescie', channel: 'paper', city: [], district: ['cinema'] },
  { firstName: 'Zbigniew', lastName: 'Czarnecki', area: 'nadrzecze', channel: 'paper', city: WATER_AID, district: [] },
  { firstName: 'Danuta', lastName: 'Sawicka', area: 'srodmiescie', channel: 'paper', city: ['trees'], district: ['courtyard'] },
  { firstName: 'Leszek', lastName: 'Kubiak', area: 'dabrowa', channel: 'paper', city: ['rink'], district: [] },
];

/** The address an online voter without a demo account gives: name.surname at the demo domain, without diacritics. */
export function voterEmail(v: Pick<DemoVoter, 'firstName' | 'lastName'>): string {
  const ascii = (s: string) =>
    s
      .toLocaleLowerCase('pl')
      .replace(/ł/g, 'l')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');
  return `${ascii(v.firstName)}.${ascii(v.lastName)}@${DEMO_DOMAIN}`;
}

export interface DemoImplementationUpdate {
  status: ImplementationUpdateStatus;
  percent?: number;
  note: string;
  reason?: string;
  /** Days after the implementation phase began. */
  day: number;
}

/**
 * What the officials report on the selected projects (the city's official on the city-wide ones, Śródmieście's on
 * the district's). The fountains and the stairs have no report yet: they are planned.
 */
export const IMPLEMENTATION: Array<{ project: PastProjectKey; updates: DemoImplementationUpdate[] }> = [
  {
    project: 'courtyard',
    updates: [
      {
        status: 'implementing',
        percent: 50,
        note: 'Rozebrano garaże i stary asfalt; wykonawca przygotowuje podłoże pod ogród deszczowy i plac zabaw.',
        day: 40,
      },
      {
        status: 'implemented',
        note: 'Podwórko oddano mieszkańcom: posadzono 9 drzew i 140 krzewów, działa ogród deszczowy, stoją ławki i plac zabaw.',
        day: 150,
      },
    ],
  },
  {
    project: 'trees',
    updates: [
      { status: 'implementing', percent: 40, note: 'Posadzono pierwsze 60 drzew wzdłuż ul. Kolejowej; wszystkie mają ruszty i worki nawadniające.', day: 60 },
      {
        status: 'implementing',
        percent: 75,
        note: 'Przy ul. Polnej posadzono kolejne 52 drzewa. Nasadzenia przy ul. Młyńskiej przesunięto na jesień, po przebudowie wodociągu.',
        day: 210,
      },
    ],
  },
  {
    project: 'rink',
    updates: [
      { status: 'implementing', percent: 10, note: 'Ogłoszono przetarg na dzierżawę lodowiska i wystąpiono o zwiększenie mocy przyłącza hali.', day: 30 },
      {
        status: 'abandoned',
        note: 'Realizację projektu zaniechano; środki wróciły do budżetu miasta.',
        reason:
          'Operator sieci odmówił zwiększenia mocy przyłączeniowej hali przed 2028 r., a zasilanie lodowiska z agregatu spalinowego ponad dwukrotnie przekroczyłoby kosztorys.',
        day: 95,
      },
    ],
  },
];

/**
 * The content of the demo city: areas, accounts, the budget edition with its pools, and projects with the fate each
 * one meets on its way through the schedule. Everything here is invented; addresses use the reserved example.org.
 */
import type { Criterion } from '@civitas/budget';

export const DEMO_CITY = { name: 'Miasto Demo', residents: 250_000 } as const;
export const DEMO_EDITION = { name: 'Budżet Obywatelski Miasta Demo 2027', year: 2027 } as const;
export const DEMO_DOMAIN = 'demo.example.org';

export type DistrictKey = 'srodmiescie' | 'wzgorza' | 'nadrzecze' | 'dabrowa';
export type NeighbourhoodKey = 'sloneczne' | 'lesne';
export type AreaKey = 'city' | DistrictKey | NeighbourhoodKey;

/** The districts add up to the city's residents; the neighbourhoods lie inside Zielone Wzgórza. */
export const DISTRICTS: Array<{ key: DistrictKey; name: string; residents: number; poolAmount: number }> = [
  { key: 'srodmiescie', name: 'Śródmieście', residents: 61_200, poolAmount: 74_000_000 },
  { key: 'wzgorza', name: 'Zielone Wzgórza', residents: 74_500, poolAmount: 89_000_000 },
  { key: 'nadrzecze', name: 'Nadrzecze', residents: 52_800, poolAmount: 63_000_000 },
  { key: 'dabrowa', name: 'Dąbrowa', residents: 61_500, poolAmount: 74_000_000 },
];

export const NEIGHBOURHOODS: Array<{ key: NeighbourhoodKey; name: string; district: DistrictKey; residents: number }> = [
  { key: 'sloneczne', name: 'Osiedle Słoneczne', district: 'wzgorza', residents: 18_300 },
  { key: 'lesne', name: 'Osiedle Leśne', district: 'wzgorza', residents: 12_900 },
];

/**
 * The city-wide pool and the per-district pools (amounts in grosze). The statutory cap on required signatures is
 * floor(residents / 1000); the demo asks for a handful, so that the online endorsements of its six residents carry
 * the projects through the formal review.
 */
export const CITY_POOL = {
  name: 'Pula ogólnomiejska',
  amount: 200_000_000,
  minCost: 10_000_000,
  maxCost: 60_000_000,
  signaturesRequired: 4,
} as const;
export const DISTRICT_POOL = { minCost: 2_000_000, maxCostBp: 4000, signaturesRequired: 3 } as const;
export const districtPoolName = (district: string) => `Pula dzielnicy ${district}`;

export type CategoryKey = 'greenery' | 'sport' | 'education' | 'infrastructure';
export const CATEGORIES: Array<{ key: CategoryKey; namePl: string; nameEn: string }> = [
  { key: 'greenery', namePl: 'Zieleń', nameEn: 'Greenery' },
  { key: 'sport', namePl: 'Sport i rekreacja', nameEn: 'Sport and leisure' },
  { key: 'education', namePl: 'Edukacja', nameEn: 'Education' },
  { key: 'infrastructure', namePl: 'Infrastruktura', nameEn: 'Infrastructure' },
];

export type ResidentKey = 'anna' | 'piotr' | 'katarzyna' | 'tomasz' | 'magdalena' | 'michal';

export interface DemoAccount {
  key: 'admin' | 'cityOfficial' | 'districtOfficial' | 'moderator' | 'ngo' | ResidentKey;
  email: string;
  displayName: string;
  /** What the account is for, shown in the summary. */
  role: string;
}

const at = (local: string) => `${local}@${DEMO_DOMAIN}`;

export const ADMIN: DemoAccount = { key: 'admin', email: at('admin'), displayName: 'Administrator Demo', role: 'admin' };
export const CITY_OFFICIAL: DemoAccount = {
  key: 'cityOfficial',
  email: at('urzednik'),
  displayName: 'Ewa Zielińska (Urząd Miasta)',
  role: 'official, whole city',
};
export const DISTRICT_OFFICIAL: DemoAccount & { district: DistrictKey } = {
  key: 'districtOfficial',
  email: at('urzednik.srodmiescie'),
  displayName: 'Jan Szymański (Śródmieście)',
  role: 'official, Śródmieście only',
  district: 'srodmiescie',
};
export const RESIDENTS: Array<DemoAccount & { key: ResidentKey }> = [
  { key: 'anna', email: at('anna.kowalska'), displayName: 'Anna Kowalska', role: 'resident' },
  { key: 'piotr', email: at('piotr.nowak'), displayName: 'Piotr Nowak', role: 'resident' },
  { key: 'katarzyna', email: at('katarzyna.wisniewska'), displayName: 'Katarzyna Wiśniewska', role: 'resident' },
  { key: 'tomasz', email: at('tomasz.wojcik'), displayName: 'Tomasz Wójcik', role: 'resident' },
  { key: 'magdalena', email: at('magdalena.kaminska'), displayName: 'Magdalena Kamińska', role: 'resident' },
  { key: 'michal', email: at('michal.lewandowski'), displayName: 'Michał Lewandowski', role: 'resident' },
];
/** Moderates consultation comments across the city. */
export const MODERATOR: DemoAccount = { key: 'moderator', email: at('moderator'), displayName: 'Barbara Mazur (moderatorka)', role: 'moderator, whole city' };
/** The account an admin registers as acting for an organisation (NGO), for NGO-only consultations. */
export const NGO: DemoAccount & { organisation: string; krs: string } = {
  key: 'ngo',
  email: at('fundacja'),
  displayName: 'Joanna Krawiec',
  organisation: 'Fundacja Aktywne Miasto Demo',
  krs: '0000999101',
  role: 'organisation Fundacja Aktywne Miasto Demo (KRS 0000999101)',
};
export const ALL_ACCOUNTS: DemoAccount[] = [ADMIN, CITY_OFFICIAL, DISTRICT_OFFICIAL, MODERATOR, NGO, ...RESIDENTS];

/** A review decision: the criteria not met (with why) and the public justification. */
export interface Decision {
  unmet?: Partial<Record<Criterion, string>>;
  justification: string;
}

/**
 * Where a project ends up. The steps follow the schedule: submission → formal review → merit review → appeals.
 * - draft: never submitted; submitted: not reviewed yet;
 * - correction_requested: sent back in formal review; formal_review: corrected and resubmitted, awaiting a decision;
 * - merit_review: formally correct, awaiting the merit review; admitted: positive in both (optionally after a correction);
 * - rejected: negative in formal or merit review; appealed: rejected and appealed, undecided;
 * - appeal_upheld: admitted on appeal; appeal_dismissed.
 */
export type Fate =
  | { kind: 'draft' }
  | { kind: 'submitted' }
  | { kind: 'correction_requested'; correction: Decision }
  | { kind: 'formal_review'; correction: Decision; fix: ProjectFix }
  | { kind: 'merit_review' }
  | { kind: 'admitted'; correction?: { decision: Decision; fix: ProjectFix } }
  | { kind: 'rejected'; stage: 'formal' | 'merit'; decision: Decision }
  | { kind: 'appealed'; rejection: Decision; appeal: string }
  | { kind: 'appeal_upheld'; rejection: Decision; appeal: string; ruling: string }
  | { kind: 'appeal_dismissed'; rejection: Decision; appeal: string; ruling: string };

/** What an author changes after a correction request. */
export interface ProjectFix {
  address?: string;
  description?: string;
  costItems?: Array<{ description: string; amount: number }>;
}

export interface DemoProject {
  author: ResidentKey;
  /** 'city' for the city-wide pool, otherwise the district whose pool it is in. */
  pool: 'city' | DistrictKey;
  area: AreaKey;
  category: CategoryKey;
  title: string;
  summary: string;
  description: string;
  justification: string;
  beneficiaries: string;
  address: string;
  /** Grosze. */
  costItems: Array<{ description: string; amount: number }>;
  fate: Fate;
}

const zl = (złote: number) => złote * 100;

export const PROJECTS: DemoProject[] = [
  {
    author: 'anna',
    pool: 'city',
    area: 'city',
    category: 'greenery',
    title: 'Zielone przystanki – 20 wiat z dachami z rozchodnika',
    summary: 'Dachy porośnięte rozchodnikiem na 20 najbardziej nasłonecznionych przystankach: mniej upału, więcej owadów.',
    description:
      'Na dwudziestu przystankach autobusowych wskazanych przez Zarząd Transportu jako najbardziej nasłonecznione wymienimy dachy wiat na zielone, ' +
      'obsadzone rozchodnikami i innymi sucholubnymi roślinami. Dach zatrzymuje wodę deszczową, obniża temperaturę pod wiatą i daje pożywienie owadom zapylającym.',
    justification:
      'Latem na odkrytych przystankach temperatura przekracza 40°C. Zielone dachy sprawdzają się w wielu polskich miastach i wymagają niewiele pielęgnacji.',
    beneficiaries: 'Pasażerowie komunikacji miejskiej, zwłaszcza osoby starsze i rodzice z dziećmi.',
    address: 'Przystanki w całym mieście (lista w załączniku)',
    costItems: [
      { description: 'Wymiana dachów 20 wiat (20 × 18 000 zł)', amount: zl(360_000) },
      { description: 'Rośliny i podłoże', amount: zl(30_000) },
      { description: 'Projekt i nadzór', amount: zl(24_000) },
    ],
    fate: { kind: 'admitted' },
  },
  {
    author: 'piotr',
    pool: 'city',
    area: 'city',
    category: 'sport',
    title: 'Miejska liga orlików dla dzieci i młodzieży',
    summary: 'Trzy turnieje piłkarskie w roku na orlikach wszystkich dzielnic, z sędziami, opieką medyczną i nagrodami.',
    description:
      'Cykl trzech turniejów (wiosna, lato, jesień) w kategoriach wiekowych 8–10, 11–13 i 14–16 lat. Drużyny zgłaszają szkoły, kluby i grupy podwórkowe. ' +
      'Projekt obejmuje sędziów, opiekę medyczną, stroje dla drużyn bez klubu i nagrody.',
    justification: 'Orliki stoją popołudniami puste, a dzieci spoza klubów nie mają gdzie grać w rozgrywkach.',
    beneficiaries: 'Około 600 dzieci i nastolatków z całego miasta.',
    address: 'Orliki przy szkołach podstawowych nr 2, 5, 8 i 11',
    costItems: [
      { description: 'Organizacja trzech turniejów', amount: zl(60_000) },
      { description: 'Sprzęt i stroje', amount: zl(35_000) },
      { description: 'Sędziowie i opieka medyczna', amount: zl(25_000) },
    ],
    fate: { kind: 'merit_review' },
  },
  {
    author: 'katarzyna',
    pool: 'city',
    area: 'city',
    category: 'infrastructure',
    title: 'Bezpieczne przejścia dla pieszych przy szkołach',
    summary: 'Doświetlenie 12 przejść przy szkołach, azyle dla pieszych i progi zwalniające tam, gdzie kierowcy jeżdżą najszybciej.',
    description:
      'Dwanaście przejść dla pieszych w pobliżu szkół podstawowych otrzyma doświetlenie z czujnikiem ruchu, a pięć z nich – azyle i wyniesione tarcze skrzyżowań. ' +
      'Lokalizacje wskazali rodzice w ankiecie rad rodziców.',
    justification: 'W ostatnich trzech latach na tych przejściach doszło do 9 potrąceń, w tym dwojga dzieci.',
    beneficiaries: 'Uczniowie, rodzice i wszyscy piesi korzystający z tych przejść.',
    address: 'Przejścia przy szkołach podstawowych nr 1, 3, 4, 6, 7, 9',
    costItems: [
      { description: 'Doświetlenie 12 przejść (12 × 25 000 zł)', amount: zl(300_000) },
      { description: 'Azyle i wyniesione tarcze', amount: zl(150_000) },
      { description: 'Projekt organizacji ruchu', amount: zl(30_000) },
    ],
    fate: {
      kind: 'appeal_upheld',
      rejection: {
        unmet: { cost: 'Kosztorys zaniżony: doświetlenie jednego przejścia kosztuje według Zarządu Dróg około 40 000 zł.' },
        justification: 'Kosztorys nie pozwala wykonać zadania w zgłoszonym zakresie.',
      },
      appeal:
        'Kwota 25 000 zł za przejście pochodzi z ofert trzech wykonawców z 2026 r. (w załączeniu); cena 40 000 zł dotyczy lamp z zasilaniem kablowym, których projekt nie przewiduje.',
      ruling: 'Przedstawione oferty potwierdzają realność kosztorysu. Projekt dopuszczony do głosowania.',
    },
  },
  {
    author: 'magdalena',
    pool: 'city',
    area: 'city',
    category: 'education',
    title: 'Nocne czytanie – biblioteka plenerowa w parkach',
    summary: 'Letnie wieczory z książką: mobilne regały, leżaki i lampy w trzech parkach, czytania dla dzieci i dorosłych.',
    description:
      'Od czerwca do sierpnia w piątkowe wieczory miejska biblioteka wystawi w parkach regały z książkami, leżaki i oświetlenie. Co tydzień głośne czytanie i spotkanie z autorem.',
    justification: 'Biblioteki latem pustoszeją, a parki wieczorem żyją. Połączmy jedno z drugim.',
    beneficiaries: 'Mieszkańcy w każdym wieku.',
    address: 'Park Miejski, Park nad Demówką, Park Dąbrowski',
    costItems: [
      { description: 'Mobilne regały i leżaki', amount: zl(45_000) },
      { description: 'Oświetlenie i zasilanie', amount: zl(30_000) },
      { description: 'Honoraria autorów i animatorów', amount: zl(40_000) },
    ],
    fate: { kind: 'draft' },
  },
  {
    author: 'tomasz',
    pool: 'city',
    area: 'city',
    category: 'infrastructure',
    title: 'Kładka pieszo-rowerowa nad Demówką',
    summary: 'Kładka łącząca Nadrzecze z Dąbrową: 10 minut zamiast 35 minut objazdu przez most drogowy.',
    description: 'Stalowa kładka o długości 60 m i szerokości 4 m, z oświetleniem i podjazdami dla wózków, na wysokości ulicy Młyńskiej.',
    justification: 'Mieszkańcy Nadrzecza dojeżdżają do szkół i pracy w Dąbrowie objazdem przez ruchliwy most.',
    beneficiaries: 'Piesi i rowerzyści obu dzielnic, około 3 000 osób dziennie.',
    address: 'Rzeka Demówka na wysokości ul. Młyńskiej',
    costItems: [
      { description: 'Konstrukcja kładki', amount: zl(480_000) },
      { description: 'Projekt i pozwolenia', amount: zl(90_000) },
      { description: 'Oświetlenie', amount: zl(20_000) },
    ],
    fate: {
      kind: 'rejected',
      stage: 'merit',
      decision: {
        unmet: {
          technical_feasibility: 'Budowa wymaga pozwolenia wodnoprawnego i badań geotechnicznych; nie da się jej zakończyć w jednym roku budżetowym.',
          cost: 'Realny koszt kładki tej długości to ponad 5 mln zł; kosztorys nie obejmuje fundamentowania.',
        },
        justification: 'Zadanie nie jest wykonalne w ramach budżetu obywatelskiego w zgłoszonej kwocie i czasie.',
      },
    },
  },
  {
    author: 'michal',
    pool: 'city',
    area: 'city',
    category: 'greenery',
    title: 'Łąki kwietne zamiast trawników – 5 hektarów',
    summary: 'Pięć hektarów rzadko koszonych łąk kwietnych na pasach zieleni i skwerach, z tablicami o owadach zapylających.',
    description:
      'Wybrane pasy zieleni przy głównych ulicach i skwery zostaną obsiane mieszanką rodzimych gatunków łąkowych, koszoną dwa razy w roku. Przy każdej łące stanie tablica edukacyjna.',
    justification: 'Łąki lepiej znoszą suszę niż trawniki, obniżają koszty koszenia i dają schronienie owadom.',
    beneficiaries: 'Wszyscy mieszkańcy.',
    address: 'Pasy zieleni przy al. Niepodległości, ul. Kwiatowej i na skwerach Śródmieścia',
    costItems: [
      { description: 'Przygotowanie gleby i wysiew (5 ha)', amount: zl(110_000) },
      { description: 'Pielęgnacja przez dwa sezony', amount: zl(40_000) },
      { description: 'Tablice edukacyjne', amount: zl(12_000) },
    ],
    fate: { kind: 'admitted' },
  },
  {
    author: 'anna',
    pool: 'srodmiescie',
    area: 'srodmiescie',
    category: 'greenery',
    title: 'Ławki i cień na placu Wolności',
    summary: '12 ławek z oparciami, 8 drzew w donicach i poidełko na najbardziej nasłonecznionym placu Śródmieścia.',
    description:
      'Plac Wolności to dziś rozgrzana kostka bez miejsca do odpoczynku. Proponujemy ławki z oparciami i podłokietnikami, drzewa w dużych donicach i poidełko z wodą pitną.',
    justification: 'Seniorzy z okolicznych kamienic nie mają gdzie usiąść w drodze do przychodni i na targ.',
    beneficiaries: 'Mieszkańcy Śródmieścia, zwłaszcza seniorzy.',
    address: 'pl. Wolności',
    costItems: [
      { description: 'Ławki z oparciami (12 szt.)', amount: zl(36_000) },
      { description: 'Drzewa w donicach (8 szt.)', amount: zl(32_000) },
      { description: 'Poidełko z przyłączem', amount: zl(17_000) },
    ],
    fate: { kind: 'admitted' },
  },
  {
    author: 'magdalena',
    pool: 'srodmiescie',
    area: 'srodmiescie',
    category: 'education',
    title: 'Pracownia robotyki w Szkole Podstawowej nr 3',
    summary: 'Zestawy do nauki robotyki i programowania dla 25 uczniów oraz szkolenie dla nauczycieli.',
    description:
      'Wyposażenie sali nr 12 w 13 zestawów robotycznych, laptopy i stoły warsztatowe. Zajęcia pozalekcyjne otwarte także dla uczniów innych szkół Śródmieścia.',
    justification: 'W Śródmieściu nie ma żadnych bezpłatnych zajęć z robotyki.',
    beneficiaries: 'Uczniowie klas 4–8 szkół Śródmieścia.',
    address: 'ul. Szkolna 3',
    costItems: [
      { description: 'Zestawy robotyczne (13 szt.)', amount: zl(52_000) },
      { description: 'Laptopy (13 szt.)', amount: zl(45_500) },
      { description: 'Szkolenie nauczycieli', amount: zl(6_000) },
    ],
    fate: {
      kind: 'correction_requested',
      correction: {
        unmet: { formal_requirements: 'Brak zgody dyrektora szkoły na realizację projektu w budynku szkoły.' },
        justification: 'Prosimy o dołączenie zgody dyrektora szkoły i wskazanie, kto poprowadzi zajęcia po zakończeniu projektu.',
      },
    },
  },
  {
    author: 'piotr',
    pool: 'srodmiescie',
    area: 'srodmiescie',
    category: 'infrastructure',
    title: 'Stojaki rowerowe przy ulicy Długiej',
    summary: '40 stojaków typu U i wiata rowerowa przy rynku, gdzie dziś rowery przypina się do latarni.',
    description: 'Stojaki w pięciu miejscach ulicy Długiej między rynkiem a dworcem oraz zadaszona wiata na 20 rowerów przy rynku.',
    justification: 'Rowery przypięte do latarni i barierek utrudniają przejście pieszym i osobom z wózkami.',
    beneficiaries: 'Rowerzyści i piesi w centrum miasta.',
    address: 'ul. Długa (odcinek rynek – dworzec)',
    costItems: [
      { description: 'Stojaki typu U (40 szt.)', amount: zl(24_000) },
      { description: 'Wiata rowerowa', amount: zl(38_000) },
      { description: 'Montaż i oznakowanie', amount: zl(8_000) },
    ],
    fate: {
      kind: 'appealed',
      rejection: {
        unmet: { legality: 'Ulica Długa jest drogą wojewódzką; miasto nie może w niej inwestować ze środków budżetu obywatelskiego.' },
        justification: 'Teren nie jest w zarządzie miasta.',
      },
      appeal: 'Odcinek ulicy Długiej od rynku do dworca został przekazany miastu uchwałą sejmiku w 2025 r.; wiata stanęłaby na działce miejskiej przy rynku.',
    },
  },
  {
    author: 'tomasz',
    pool: 'wzgorza',
    area: 'sloneczne',
    category: 'sport',
    title: 'Skatepark na Osiedlu Słonecznym',
    summary: 'Betonowy skatepark z rampami i poręczami dla deskorolek, hulajnóg i rowerów BMX.',
    description: 'Skatepark o powierzchni 600 m² na nieużywanym boisku asfaltowym, z oświetleniem do godziny 21 i ławkami dla opiekunów.',
    justification: 'Najbliższy skatepark jest w sąsiedniej gminie; młodzież jeździ dziś po schodach bloków.',
    beneficiaries: 'Młodzież osiedla i całej dzielnicy.',
    address: 'ul. Słoneczna 14 (stare boisko)',
    costItems: [
      { description: 'Nawierzchnia i elementy betonowe', amount: zl(230_000) },
      { description: 'Oświetlenie', amount: zl(35_000) },
      { description: 'Projekt', amount: zl(20_000) },
    ],
    fate: {
      kind: 'admitted',
      correction: {
        decision: {
          unmet: { formal_requirements: 'Adres nie wskazuje działki; boisko przy ul. Słonecznej stoi na dwóch działkach.' },
          justification: 'Prosimy o wskazanie numeru działki, na której ma powstać skatepark.',
        },
        fix: { address: 'ul. Słoneczna 14, działka nr 231/4 (stare boisko)' },
      },
    },
  },
  {
    author: 'katarzyna',
    pool: 'wzgorza',
    area: 'lesne',
    category: 'greenery',
    title: 'Ogród deszczowy przy przychodni na Osiedlu Leśnym',
    summary: 'Ogród deszczowy zbierający wodę z dachu przychodni, z ławkami w cieniu dla czekających pacjentów.',
    description:
      'Niecka obsadzona roślinami znoszącymi zalewanie przyjmie wodę z dachu przychodni, która dziś zalewa chodnik. Obok ławki i pergola z pnączami.',
    justification: 'Po każdej ulewie wejście do przychodni jest zalane; woda może zamiast tego podlewać zieleń.',
    beneficiaries: 'Pacjenci przychodni i mieszkańcy osiedla.',
    address: 'ul. Leśna 7',
    costItems: [
      { description: 'Niecka i drenaż', amount: zl(48_000) },
      { description: 'Rośliny', amount: zl(14_000) },
      { description: 'Ławki i pergola', amount: zl(18_000) },
    ],
    fate: {
      kind: 'formal_review',
      correction: {
        unmet: { cost: 'Kosztorys nie obejmuje przebudowy rynny i przyłącza do niecki.' },
        justification: 'Prosimy o uzupełnienie kosztorysu o przebudowę odprowadzenia wody z dachu.',
      },
      fix: {
        costItems: [
          { description: 'Niecka i drenaż', amount: zl(48_000) },
          { description: 'Przebudowa rynien i przyłącze', amount: zl(9_500) },
          { description: 'Rośliny', amount: zl(14_000) },
          { description: 'Ławki i pergola', amount: zl(18_000) },
        ],
      },
    },
  },
  {
    author: 'michal',
    pool: 'wzgorza',
    area: 'wzgorza',
    category: 'sport',
    title: 'Siłownia plenerowa dla seniorów w parku Wzgórze',
    summary: 'Osiem urządzeń do ćwiczeń dla osób starszych, z instrukcjami i bezpłatnymi zajęciami z fizjoterapeutą.',
    description:
      'Urządzenia o niskim obciążeniu (rotor, orbitrek, drabinki do rozciągania) ustawione przy alejce z ławkami, z cotygodniowymi zajęciami przez pierwszy rok.',
    justification: 'Seniorzy chcą ćwiczyć na świeżym powietrzu, ale zwykłe siłownie plenerowe są dla nich zbyt wymagające.',
    beneficiaries: 'Seniorzy dzielnicy.',
    address: 'Park Wzgórze, aleja Lipowa',
    costItems: [
      { description: 'Urządzenia (8 szt.) z montażem', amount: zl(64_000) },
      { description: 'Zajęcia z fizjoterapeutą (rok)', amount: zl(15_600) },
    ],
    fate: { kind: 'merit_review' },
  },
  {
    author: 'michal',
    pool: 'nadrzecze',
    area: 'nadrzecze',
    category: 'infrastructure',
    title: 'Oświetlenie bulwaru nad Demówką',
    summary: '30 latarni LED wzdłuż bulwaru, który po zmroku jest dziś zupełnie ciemny.',
    description: 'Latarnie z ograniczonym strumieniem światła skierowanym w dół, przyjazne dla nietoperzy, na odcinku 900 m bulwaru.',
    justification: 'Bulwar jest jedyną drogą pieszą do przystanku kolejowego, a zimą po 16:00 jest całkowicie ciemny.',
    beneficiaries: 'Mieszkańcy Nadrzecza dojeżdżający koleją.',
    address: 'Bulwar nad Demówką',
    costItems: [
      { description: 'Latarnie LED (30 szt.)', amount: zl(150_000) },
      { description: 'Linia kablowa', amount: zl(70_000) },
    ],
    fate: {
      kind: 'rejected',
      stage: 'formal',
      decision: {
        unmet: { legality: 'Bulwar leży na gruncie Wód Polskich; miasto nie ma prawa do dysponowania nieruchomością na cele budowlane.' },
        justification: 'Projekt dotyczy terenu, którym miasto nie zarządza.',
      },
    },
  },
  {
    author: 'anna',
    pool: 'nadrzecze',
    area: 'nadrzecze',
    category: 'education',
    title: 'Warsztaty kulinarne dla seniorów w domu kultury',
    summary: 'Cotygodniowe warsztaty gotowania zdrowych posiłków dla seniorów mieszkających samotnie.',
    description: 'Zajęcia w kuchni domu kultury Nadrzecze, prowadzone przez dietetyczkę i kucharza, zakończone wspólnym posiłkiem.',
    justification: 'Wielu seniorów mieszka samotnie i je nieregularnie; warsztaty łączą naukę z towarzystwem.',
    beneficiaries: 'Około 40 seniorów z Nadrzecza.',
    address: 'Dom Kultury Nadrzecze, ul. Rybacka 2',
    costItems: [
      { description: 'Prowadzący (40 spotkań)', amount: zl(16_000) },
      { description: 'Produkty spożywcze', amount: zl(12_000) },
      { description: 'Wyposażenie kuchni', amount: zl(9_000) },
    ],
    fate: {
      kind: 'appeal_dismissed',
      rejection: {
        unmet: { technical_feasibility: 'Kuchnia domu kultury nie ma odbioru sanepidu do prowadzenia zajęć z żywnością.' },
        justification: 'Zajęć nie można prowadzić w zgłoszonym miejscu.',
      },
      appeal: 'Dom kultury może uzyskać odbiór sanepidu w ciągu kilku miesięcy.',
      ruling: 'Odbiór wymaga przebudowy kuchni, której koszt nie został ujęty w projekcie; odwołanie nie wnosi nowych okoliczności.',
    },
  },
  {
    author: 'piotr',
    pool: 'dabrowa',
    area: 'dabrowa',
    category: 'sport',
    title: 'Plac zabaw integracyjny przy ul. Lipowej',
    summary: 'Plac zabaw dostępny dla dzieci na wózkach: huśtawka platformowa, karuzela z podjazdem, bezpieczna nawierzchnia.',
    description: 'Przebudowa starego placu zabaw przy ul. Lipowej na plac integracyjny z urządzeniami dostępnymi dla dzieci z niepełnosprawnościami.',
    justification: 'W Dąbrowie nie ma ani jednego placu zabaw dostępnego dla dzieci na wózkach.',
    beneficiaries: 'Dzieci z Dąbrowy i ich opiekunowie.',
    address: 'ul. Lipowa 20',
    costItems: [
      { description: 'Urządzenia integracyjne', amount: zl(140_000) },
      { description: 'Nawierzchnia bezpieczna', amount: zl(60_000) },
    ],
    fate: { kind: 'draft' },
  },
  {
    author: 'magdalena',
    pool: 'dabrowa',
    area: 'dabrowa',
    category: 'greenery',
    title: 'Szpaler drzew wzdłuż ul. Akacjowej',
    summary: '45 drzew w misach z nawodnieniem wzdłuż ulicy, na której nie ma dziś żadnego cienia.',
    description: 'Nasadzenia lip i klonów polnych w pasie między chodnikiem a jezdnią, z rusztami i workami nawadniającymi, z trzyletnią pielęgnacją.',
    justification: 'Ulica Akacjowa wbrew nazwie nie ma ani jednego drzewa; latem to najgorętsze miejsce dzielnicy.',
    beneficiaries: 'Mieszkańcy ul. Akacjowej i okolicznych osiedli.',
    address: 'ul. Akacjowa',
    costItems: [
      { description: 'Drzewa z sadzeniem (45 szt.)', amount: zl(67_500) },
      { description: 'Ruszty i nawadnianie', amount: zl(27_000) },
      { description: 'Pielęgnacja przez 3 lata', amount: zl(18_000) },
    ],
    fate: { kind: 'submitted' },
  },
];

/** What a met criterion says in a positive part of a review. */
export const MET_TEXT: Record<Criterion, string> = {
  legality: 'Zadanie własne gminy, realizowane na terenie w zarządzie miasta.',
  technical_feasibility: 'Wykonalne w ciągu jednego roku budżetowego.',
  formal_requirements: 'Wniosek kompletny, wymagane zgody dołączone.',
  cost: 'Kosztorys zgodny z cenami rynkowymi.',
};

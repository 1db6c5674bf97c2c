import type { Text } from '@civitas/common';

/** The statute's closed list of public tasks a local initiative may carry out (art. 19b ust. 1 u.d.p.p.). */
export const TASK_AREAS = {
  community_development: {
    pl: 'Działalność wspomagająca rozwój wspólnot i społeczności lokalnych, w tym budowa, rozbudowa lub remont dróg, kanalizacji, sieci wodociągowej, budynków oraz obiektów małej architektury',
    en: 'Development of local communities, incl. building, extending or repairing roads, sewers, water networks, buildings and small architecture',
  },
  charity: { pl: 'Działalność charytatywna', en: 'Charity' },
  tradition: {
    pl: 'Podtrzymywanie i upowszechnianie tradycji narodowej, pielęgnowanie polskości oraz rozwój świadomości narodowej, obywatelskiej i kulturowej',
    en: 'Upholding national tradition and civic and cultural awareness',
  },
  minorities: {
    pl: 'Działalność na rzecz mniejszości narodowych i etnicznych oraz języka regionalnego',
    en: 'National and ethnic minorities and the regional language',
  },
  culture: { pl: 'Kultura, sztuka, ochrona dóbr kultury i dziedzictwa narodowego', en: 'Culture, the arts, cultural goods and national heritage' },
  volunteering: { pl: 'Promocja i organizacja wolontariatu', en: 'Promoting and organising volunteering' },
  education: { pl: 'Edukacja, oświata i wychowanie', en: 'Education and upbringing' },
  sport_tourism: { pl: 'Działalność w sferze kultury fizycznej lub turystyki i krajoznawstwa', en: 'Physical culture, tourism and sightseeing' },
  nature: {
    pl: 'Ochrona przyrody, w tym zadrzewianie miast, zakładanie lub urządzanie parków, zieleńców',
    en: 'Nature and greenery, incl. planting trees and laying out parks',
  },
  public_order: { pl: 'Porządek i bezpieczeństwo publiczne', en: 'Public order and safety' },
  revitalisation: { pl: 'Rewitalizacja', en: 'Revitalisation' },
} as const satisfies Record<string, Text>;

export type TaskArea = keyof typeof TASK_AREAS;
export const TASK_AREA_KEYS = Object.keys(TASK_AREAS) as TaskArea[];

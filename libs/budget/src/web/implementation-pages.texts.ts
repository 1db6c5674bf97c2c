import type { Text } from '@civitas/common';
import { plurals, texts } from '@civitas/web';
import type { ImplementationStatus } from '../implementation.service';

/** A selected project's implementation state (the tag's text). */
export const IMPLEMENTATION_NAMES: Record<ImplementationStatus, Text> = {
  planned: { pl: 'Planowany', en: 'Planned' },
  implementing: { pl: 'W realizacji', en: 'Being implemented' },
  implemented: { pl: 'Zrealizowany', en: 'Implemented' },
  abandoned: { pl: 'Zaniechany', en: 'Abandoned' },
};

export const I = texts({
  timelineHeading: { pl: 'Realizacja projektu', en: 'Implementation of the project' },
  state: { pl: 'Stan', en: 'State' },
  progress: { pl: 'Postęp', en: 'Progress' },
  percentDone: { pl: 'Wykonano {n}%', en: '{n}% done' },
  lastUpdate: { pl: 'Ostatnia aktualizacja', en: 'Last update' },
  updatesHeading: { pl: 'Przebieg realizacji', en: 'Progress so far' },
  noUpdates: {
    pl: 'Projekt czeka na rozpoczęcie realizacji. Urzędnicy opiszą tu jej kolejne etapy.',
    en: 'The project is waiting for its implementation to begin. Officials will describe each step here.',
  },
  reason: { pl: 'Powód zaniechania', en: 'Why it was abandoned' },
  photos: { pl: 'Zdjęcia', en: 'Photos' },
  photoAlt: { pl: 'Zdjęcie: {name}', en: 'Photo: {name}' },
  photoFull: { pl: 'Pełny rozmiar: {name}', en: 'Full size: {name}' },
  listTitle: { pl: 'Realizacja projektów', en: 'Implementation of the projects' },
  listTitleOf: { pl: 'Realizacja projektów — {edition}', en: 'Implementation of the projects — {edition}' },
  listLead: {
    pl: 'Projekty wybrane w głosowaniu i to, jak daleko zaszła ich realizacja.',
    en: 'The projects selected in the vote and how far their implementation has got.',
  },
  notYet: { pl: 'Realizacja zacznie się po ogłoszeniu wyników.', en: 'Implementation will begin once the results are announced.' },
  noSelected: { pl: 'W tej edycji nie wybrano żadnego projektu.', en: 'No project was selected in this edition.' },
  noMatch: { pl: 'Żaden projekt nie pasuje do tych filtrów. Zmień je albo je wyczyść.', en: 'No project matches these filters. Change or clear them.' },
  fixFilters: { pl: 'Popraw filtry, aby zobaczyć projekty.', en: 'Correct the filters to see the projects.' },
  countsHeading: { pl: 'Stan realizacji', en: 'State of implementation' },
  filterStatus: { pl: 'Stan realizacji', en: 'State of implementation' },
  linkImplementation: { pl: 'Realizacja wybranych projektów', en: 'Implementation of the selected projects' },
});

/** "3 zrealizowane", "2 w realizacji", … — the counts per state. */
export const IN = plurals({
  planned: { pl: { one: '{n} planowany', few: '{n} planowane', many: '{n} planowanych' }, en: { one: '{n} planned', other: '{n} planned' } },
  implementing: {
    pl: { one: '{n} w realizacji', few: '{n} w realizacji', many: '{n} w realizacji' },
    en: { one: '{n} being implemented', other: '{n} being implemented' },
  },
  implemented: {
    pl: { one: '{n} zrealizowany', few: '{n} zrealizowane', many: '{n} zrealizowanych' },
    en: { one: '{n} implemented', other: '{n} implemented' },
  },
  abandoned: {
    pl: { one: '{n} zaniechany', few: '{n} zaniechane', many: '{n} zaniechanych' },
    en: { one: '{n} abandoned', other: '{n} abandoned' },
  },
});

import { texts } from '../i18n/texts';

/** Texts of the officials' desk frame (each domain's desk pages have their own). */
export const D = texts({
  desk: { pl: 'Biurko', en: 'Desk' },
  deskNav: { pl: 'Części biurka', en: 'Parts of the desk' },
  start: { pl: 'Co na mnie czeka', en: 'What waits for me' },
  budget: { pl: 'Budżet obywatelski', en: 'Participatory budget' },
  voting: { pl: 'Głosowanie i wyniki', en: 'Voting and results' },
  consultations: { pl: 'Konsultacje', en: 'Consultations' },
  initiatives: { pl: 'Inicjatywa lokalna', en: 'Local initiative' },
  admin: { pl: 'Administracja', en: 'Administration' },
  sortBy: { pl: 'Sortuj', en: 'Sort' },
  filter: { pl: 'Filtruj', en: 'Filter' },
  clearFilters: { pl: 'Wyczyść filtry', en: 'Clear filters' },
  showing: { pl: 'Pozycje {from}–{to} z {total}', en: 'Items {from}–{to} of {total}' },
  nothing: { pl: 'Nic tu nie czeka.', en: 'Nothing waits here.' },
  overdue: { pl: 'po terminie', en: 'overdue' },
});

import { texts } from '@civitas/web';

/** Texts of the areas' desk pages (administration). */
export const AD = texts({
  areas: { pl: 'Obszary', en: 'Areas' },
  areasLink: { pl: 'Obszary miasta', en: 'The city’s areas' },
  areasLinkHint: {
    pl: 'Drzewo miasta, dzielnic i osiedli z liczbą mieszkańców; dodawanie i zmiany.',
    en: 'The tree of the city, districts and neighbourhoods with their resident counts; adding and changing them.',
  },
  lead: {
    pl: 'Obszary porządkują pule budżetu, konsultacje, wnioski i zakres ról urzędników. Liczba mieszkańców służy do limitów i frekwencji.',
    en: 'Areas organise budget pools, consultations, applications and the scope of officials’ roles. The resident count is used for limits and turnout.',
  },
  add: { pl: 'Dodaj obszar', en: 'Add an area' },
  newTitle: { pl: 'Nowy obszar', en: 'A new area' },
  editTitle: { pl: 'Zmień obszar', en: 'Change the area' },
  name: { pl: 'Nazwa', en: 'Name' },
  kind: { pl: 'Rodzaj', en: 'Kind' },
  parent: { pl: 'Obszar nadrzędny', en: 'Parent area' },
  parentHint: {
    pl: 'Dzielnica należy do miasta, osiedle do dzielnicy lub miasta; miasto nie ma obszaru nadrzędnego.',
    en: 'A district belongs to a city, a neighbourhood to a district or a city; a city has no parent.',
  },
  noParent: { pl: 'Brak (miasto)', en: 'None (a city)' },
  residents: { pl: 'Liczba mieszkańców', en: 'Residents' },
  residentsHint: { pl: 'Liczba całkowita, np. 12500.', en: 'A whole number, e.g. 12500.' },
  residentsNumber: { pl: 'Podaj liczbę mieszkańców jako liczbę całkowitą, np. 12500.', en: 'Give the resident count as a whole number, e.g. 12500.' },
  save: { pl: 'Zapisz', en: 'Save' },
  created: { pl: 'Dodano obszar „{name}”.', en: 'The area “{name}” was added.' },
  saved: { pl: 'Zapisano obszar „{name}”.', en: 'The area “{name}” was saved.' },
  change: { pl: 'Zmień', en: 'Change' },
  none: { pl: 'Nie ma jeszcze obszarów. Zacznij od miasta.', en: 'There are no areas yet. Start with the city.' },
  total: { pl: 'Razem mieszkańców w obszarach najwyższego poziomu: {n}', en: 'Residents in the top-level areas: {n}' },
  city: { pl: 'miasto', en: 'city' },
  district: { pl: 'dzielnica', en: 'district' },
  neighbourhood: { pl: 'osiedle', en: 'neighbourhood' },
  cancel: { pl: 'Anuluj', en: 'Cancel' },
});

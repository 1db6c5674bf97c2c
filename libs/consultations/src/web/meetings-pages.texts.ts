import { texts } from '@civitas/web';

/** The meetings and consultation points page. */
export const M = texts({
  heading: { pl: 'Spotkania i punkty konsultacyjne', en: 'Meetings and consultation points' },
  lead: {
    pl: 'Na spotkaniach można zadać pytania i zgłosić uwagi osobiście; w punktach konsultacyjnych uwagi przyjmowane są przez cały podany czas.',
    en: 'At meetings you can ask questions and make comments in person; consultation points take comments for the whole period given.',
  },
  none: {
    pl: 'Miasto nie zaplanowało spotkań ani punktów konsultacyjnych w tych konsultacjach. Jeśli je doda, pojawią się tutaj.',
    en: 'The city has not planned any meetings or consultation points for this consultation. If it adds any, they will appear here.',
  },
  kindMeeting: { pl: 'Spotkanie', en: 'Meeting' },
  kindPoint: { pl: 'Punkt konsultacyjny', en: 'Consultation point' },
  when: { pl: 'Kiedy', en: 'When' },
  whenRange: { pl: 'od {from} do {to}', en: 'from {from} to {to}' },
  place: { pl: 'Miejsce', en: 'Place' },
  online: { pl: 'Online', en: 'Online' },
  onlineLink: { pl: 'Dołącz online (link zewnętrzny)', en: 'Join online (external link)' },
  capacity: { pl: 'Liczba miejsc', en: 'Places' },
  noLimit: { pl: 'bez limitu', en: 'no limit' },
  spotsLeft: { pl: 'Wolne miejsca', en: 'Places left' },
  full: { pl: 'brak wolnych miejsc', en: 'none left' },
  registered: { pl: 'Zapisanych osób', en: 'People registered' },
  youAreRegistered: { pl: 'Masz zapis na to spotkanie', en: 'You are registered for it' },
  yourRegistration: { pl: 'Twój zapis', en: 'Your registration' },
  ics: { pl: 'Dodaj do kalendarza: {title} (plik .ics)', en: 'Add to calendar: {title} (.ics file)' },
  register: { pl: 'Zapisz się', en: 'Register' },
  registerFor: { pl: 'na: {title}', en: 'for: {title}' },
  withdraw: { pl: 'Wypisz się', en: 'Withdraw' },
  withdrawFrom: { pl: 'z: {title}', en: 'from: {title}' },
  signInToRegister: { pl: 'Zaloguj się, aby zapisać się na spotkanie', en: 'Sign in to register for a meeting' },
  over: { pl: 'To spotkanie już się rozpoczęło lub odbyło.', en: 'This meeting has already started or taken place.' },
  closedRegistration: {
    pl: 'Zapisy trwają od ogłoszenia do zakończenia konsultacji; teraz są zamknięte.',
    en: 'Registration runs from the announcement until the consultation closes; it is closed now.',
  },
  ngoOnly: {
    pl: 'Na spotkania tych konsultacji zapisują się tylko organizacje pozarządowe (konto organizacji z numerem KRS).',
    en: 'Only non-governmental organisations (an organisation account with a KRS number) register for the meetings of this consultation.',
  },
  registeredFlash: { pl: 'Zapisaliśmy Cię na spotkanie.', en: 'You are registered for the meeting.' },
  withdrawnFlash: { pl: 'Wypisaliśmy Cię ze spotkania.', en: 'You have withdrawn from the meeting.' },
  mapHeading: { pl: 'Mapa miejsc', en: 'Map of the places' },
  mapLabel: { pl: 'Mapa miejsc spotkań i punktów konsultacyjnych', en: 'Map of the places of the meetings and consultation points' },
  mapLead: {
    pl: 'Te same miejsca co na liście powyżej. Przejdź do znacznika klawiszem Tab i naciśnij Enter, by otworzyć kartę z odnośnikiem do spotkania na liście.',
    en: 'The same places as in the list above. Tab to a marker and press Enter to open its card, which links to the meeting in the list.',
  },
  notChanged: { pl: 'Niczego nie zmieniono.', en: 'Nothing was changed.' },
});

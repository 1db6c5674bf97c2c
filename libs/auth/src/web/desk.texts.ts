import { texts } from '@civitas/web';

/** Texts of the desk's start page and of its parts' index pages. */
export const DK = texts({
  startTitle: { pl: 'Co na mnie czeka', en: 'What waits for me' },
  startLead: {
    pl: 'Sprawy czekające na Ciebie w Twoich obszarach. Każda liczba prowadzi do kolejki, w której można je załatwić.',
    en: 'What waits for you in your areas. Each count leads to the queue where you can deal with it.',
  },
  queue: { pl: 'Kolejka', en: 'Queue' },
  waiting: { pl: 'Czeka', en: 'Waiting' },
  nearestDeadline: { pl: 'Najbliższy termin', en: 'Nearest deadline' },
  noDeadline: { pl: '—', en: '—' },
  overdue: { pl: 'po terminie', en: 'overdue' },
  nothingWaits: { pl: 'Nic nie czeka w tej części.', en: 'Nothing waits in this part.' },
  pages: { pl: 'Strony', en: 'Pages' },
  queues: { pl: 'Kolejki', en: 'Queues' },
  allClear: { pl: 'Nic na Ciebie nie czeka. Dobra robota!', en: 'Nothing waits for you. Well done!' },
  rolesLine: { pl: 'Twoje role: {roles}.', en: 'Your roles: {roles}.' },
  roleModerator: { pl: 'moderator', en: 'moderator' },
  roleOfficial: { pl: 'urzędnik', en: 'official' },
  roleAdmin: { pl: 'administrator', en: 'administrator' },
  everyArea: { pl: 'całe miasto', en: 'the whole city' },
});

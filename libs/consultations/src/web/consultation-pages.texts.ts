import { plurals, texts } from '@civitas/web';
import type { ConsultationStatus } from '../consultations.service';

/** Texts shared by every consultation page: the frame (heading, status, sub-navigation) and the list. */
export const CP = texts({
  listTitle: { pl: 'Konsultacje społeczne', en: 'Public consultations' },
  listLead: {
    pl: 'Miasto pyta mieszkańców i organizacje o zdanie w sprawach, które ich dotyczą, i odpowiada na każdą uwagę w raporcie.',
    en: 'The city asks residents and organisations for their views on matters that concern them, and answers every comment in a report.',
  },
  tabsLabel: { pl: 'Części konsultacji', en: 'Parts of the consultation' },
  tabOverview: { pl: 'Informacje', en: 'Overview' },
  tabDocument: { pl: 'Dokument i uwagi', en: 'Document and comments' },
  tabSurvey: { pl: 'Ankieta', en: 'Survey' },
  tabMeetings: { pl: 'Spotkania i punkty', en: 'Meetings and points' },
  tabReport: { pl: 'Raport', en: 'Report' },
  ngoOnly: { pl: 'Tylko dla organizacji pozarządowych', en: 'For NGOs only' },
  everyone: { pl: 'Dla wszystkich', en: 'For everyone' },
  cancelledHeading: { pl: 'Konsultacje zostały odwołane', en: 'The consultation was cancelled' },
});

export const STATUS_NAMES: Record<ConsultationStatus, { pl: string; en: string }> = {
  draft: { pl: 'Projekt', en: 'Draft' },
  announced: { pl: 'Zapowiedziane', en: 'Announced' },
  open: { pl: 'Trwają', en: 'Open' },
  closed: { pl: 'Zakończone', en: 'Closed' },
  report_published: { pl: 'Raport opublikowany', en: 'Report published' },
  cancelled: { pl: 'Odwołane', en: 'Cancelled' },
};

export const CPN = plurals({
  comments: { pl: { one: '{n} uwaga', few: '{n} uwagi', many: '{n} uwag' }, en: { one: '{n} comment', other: '{n} comments' } },
});

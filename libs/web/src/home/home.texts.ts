import { texts } from '../i18n/texts';

export const H = texts({
  lead: {
    pl: 'Budżet obywatelski, konsultacje społeczne i inicjatywa lokalna w jednym miejscu: zgłaszaj pomysły, głosuj, zabieraj głos i śledź, co z nich wynika.',
    en: 'The participatory budget, public consultations and local initiatives in one place: propose ideas, vote, have your say and follow what comes of it.',
  },
  nowHeading: { pl: 'Co się teraz dzieje', en: 'What is happening now' },
});

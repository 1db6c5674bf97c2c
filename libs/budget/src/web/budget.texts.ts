import type { Text } from '@civitas/common';
import { texts } from '@civitas/web';
import type { Phase } from '../phases';

/** The phases of an edition as residents read them. */
export const PHASE_NAMES: Record<Phase, Text> = {
  submission: { pl: 'Zgłaszanie projektów', en: 'Project submission' },
  formal_review: { pl: 'Ocena formalna', en: 'Formal review' },
  merit_review: { pl: 'Ocena merytoryczna', en: 'Merit review' },
  appeals: { pl: 'Odwołania', en: 'Appeals' },
  ballot_list: { pl: 'Lista projektów do głosowania', en: 'Ballot list' },
  voting: { pl: 'Głosowanie', en: 'Voting' },
  vote_verification: { pl: 'Weryfikacja głosów', en: 'Vote verification' },
  results: { pl: 'Ogłoszenie wyników', en: 'Results' },
  implementation: { pl: 'Realizacja projektów', en: 'Implementation' },
};

export const B = texts({
  homeHeading: { pl: 'Budżet obywatelski', en: 'Participatory budget' },
  homeEmpty: {
    pl: 'Nie ma jeszcze opublikowanej edycji budżetu obywatelskiego. Gdy miasto ją ogłosi, znajdziesz tu harmonogram i projekty.',
    en: 'No participatory budget edition has been published yet. Once the city announces one, its schedule and projects will appear here.',
  },
  homeAll: { pl: 'Wszystkie edycje budżetu obywatelskiego', en: 'All participatory budget editions' },
  phaseNow: { pl: 'Teraz: {phase}', en: 'Now: {phase}' },
  submitUntil: { pl: 'Zgłoś projekt do {date}.', en: 'Submit a project until {date}.' },
  voteUntil: { pl: 'Głosuj do {date}.', en: 'Vote until {date}.' },
  phaseUntil: { pl: 'Trwa do {date}.', en: 'Until {date}.' },
  nextPhase: { pl: 'Następnie: {phase} od {date}.', en: 'Next: {phase} from {date}.' },
  notStarted: { pl: 'Edycja rozpocznie się {date}: {phase}.', en: 'The edition starts on {date}: {phase}.' },
  finished: { pl: 'Edycja zakończona.', en: 'The edition has ended.' },
  between: { pl: 'Przerwa w harmonogramie.', en: 'Between phases.' },
});

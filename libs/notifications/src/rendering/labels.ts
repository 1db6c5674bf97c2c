import type { Locale } from '@civitas/common';

type Labels = Record<string, Record<Locale, string>>;

/** Budget project statuses, as shown to residents. */
export const PROJECT_STATUS_LABELS: Labels = {
  submitted: { pl: 'złożony', en: 'submitted' },
  correction_requested: { pl: 'wymaga poprawek', en: 'correction requested' },
  formal_review: { pl: 'w ocenie formalnej', en: 'in formal review' },
  merit_review: { pl: 'w ocenie merytorycznej', en: 'in merit review' },
  admitted: { pl: 'dopuszczony do głosowania', en: 'admitted to the vote' },
  rejected: { pl: 'odrzucony', en: 'rejected' },
  appealed: { pl: 'odwołanie złożone', en: 'appeal lodged' },
  appeal_upheld: { pl: 'odwołanie uwzględnione', en: 'appeal upheld' },
  appeal_dismissed: { pl: 'odwołanie oddalone', en: 'appeal dismissed' },
  on_ballot: { pl: 'na karcie do głosowania', en: 'on the ballot' },
  withdrawn: { pl: 'wycofany', en: 'withdrawn' },
  merged: { pl: 'połączony z innym projektem', en: 'merged with another project' },
  selected: { pl: 'wybrany do realizacji', en: 'selected for delivery' },
  not_selected: { pl: 'niewybrany', en: 'not selected' },
};

/** Local-initiative application statuses. */
export const INITIATIVE_STATUS_LABELS: Labels = {
  submitted: { pl: 'złożony', en: 'submitted' },
  registered: { pl: 'zarejestrowany', en: 'registered' },
  correction_requested: { pl: 'wymaga uzupełnienia', en: 'correction requested' },
  unconsidered: { pl: 'pozostawiony bez rozpatrzenia', en: 'left unconsidered' },
  formal_check: { pl: 'w ocenie formalnej', en: 'in formal check' },
  evaluation: { pl: 'w ocenie', en: 'under evaluation' },
  approved: { pl: 'przyjęty do realizacji', en: 'approved' },
  rejected: { pl: 'odrzucony', en: 'rejected' },
  agreement_drafted: { pl: 'projekt umowy przygotowany', en: 'agreement drafted' },
  agreement_signed: { pl: 'umowa podpisana', en: 'agreement signed' },
  in_progress: { pl: 'w realizacji', en: 'in progress' },
  completed: { pl: 'zrealizowany', en: 'completed' },
  terminated: { pl: 'umowa rozwiązana', en: 'agreement terminated' },
};

/** Why a moderator hid a comment. */
export const MODERATION_REASON_LABELS: Labels = {
  offensive: { pl: 'treści obraźliwe', en: 'offensive content' },
  off_topic: { pl: 'wypowiedź niezwiązana z tematem konsultacji', en: 'off topic' },
  personal_data: { pl: 'dane osobowe', en: 'personal data' },
  spam: { pl: 'spam lub reklama', en: 'spam or advertising' },
  other: { pl: 'inny powód', en: 'other reason' },
};

/** The label of `value` in `locale`; an unknown value is shown as it is. */
export function label(labels: Labels, value: string, locale: Locale): string {
  return Object.hasOwn(labels, value) ? labels[value][locale] : value;
}

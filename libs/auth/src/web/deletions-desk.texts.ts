import { texts } from '@civitas/web';

/** Texts of the administration's page of requests to delete accounts. */
export const DL = texts({
  title: { pl: 'Wnioski o usunięcie konta', en: 'Requests to delete accounts' },
  linkHint: {
    pl: 'Wnioski mieszkańców o usunięcie konta i danych (RODO, art. 17): wykonanie albo odmowa z uzasadnieniem.',
    en: 'Residents’ requests to delete their account and data (GDPR, art. 17): carry out or decline with a reason.',
  },
  lead: {
    pl: 'Na wniosek odpowiada się bez zbędnej zwłoki, najpóźniej w ciągu miesiąca od jego otrzymania (RODO, art. 12 ust. 3). Wykonanie wniosku anonimizuje konto: adres, nazwa i hasło są usuwane, sesje kończą się, subskrypcja znika; projekty, uwagi i wnioski zostają bez danych osobowych.',
    en: 'A request is answered without undue delay and at the latest within a month of receiving it (GDPR, art. 12(3)). Carrying it out anonymises the account: the address, name and password are removed, sessions end, the subscription goes; projects, comments and applications stay without personal data.',
  },
  none: { pl: 'Nie ma wniosków do rozpatrzenia.', en: 'There are no requests to deal with.' },
  account: { pl: 'Konto', en: 'Account' },
  email: { pl: 'Adres e-mail', en: 'E-mail address' },
  requested: { pl: 'Złożony', en: 'Requested' },
  answerBy: { pl: 'Odpowiedź do', en: 'Answer by' },
  reason: { pl: 'Uzasadnienie wnioskodawcy', en: 'The person’s reason' },
  noReason: { pl: '(nie podano)', en: '(none given)' },
  open: { pl: 'Rozpatrz', en: 'Deal with it' },
  openHidden: { pl: ' wniosek konta {email}', en: ' the request of {email}' },
  requestTitle: { pl: 'Wniosek o usunięcie konta: {name}', en: 'Request to delete an account: {name}' },
  completeHeading: { pl: 'Wykonaj wniosek', en: 'Carry the request out' },
  completeWarning: {
    pl: 'Tego nie można cofnąć: konto zostanie zanonimizowane.',
    en: 'This cannot be undone: the account will be anonymised.',
  },
  completeNote: { pl: 'Notatka (opcjonalnie)', en: 'Note (optional)' },
  completeNoteHint: { pl: 'Np. numer sprawy; nie jest wysyłana.', en: 'For example the case number; it is not sent.' },
  complete: { pl: 'Usuń konto (anonimizuj)', en: 'Delete the account (anonymise)' },
  declineHeading: { pl: 'Odmów', en: 'Decline' },
  declineNote: { pl: 'Uzasadnienie odmowy', en: 'Why the request is declined' },
  declineNoteHint: {
    pl: 'Osoba zobaczy je na stronie swojego konta. Np. obowiązek przechowywania danych wynikający z przepisów.',
    en: 'The person sees it on their account page. For example a legal duty to keep the data.',
  },
  decline: { pl: 'Odmów usunięcia konta', en: 'Decline to delete the account' },
  completed: { pl: 'Konto {email} zostało zanonimizowane.', en: 'The account {email} was anonymised.' },
  declined: { pl: 'Odmówiono usunięcia konta {email}.', en: 'The request to delete {email} was declined.' },
  note: { pl: 'Notatka', en: 'Note' },
});

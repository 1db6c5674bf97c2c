import { texts } from '@civitas/web';

/** The survey pages: the form, the e-mailed code, the refusals, the results. */
export const S = texts({
  heading: { pl: 'Ankieta', en: 'Survey' },
  lead: {
    pl: 'Odpowiedz na pytania ankiety. Pytania obowiązkowe są oznaczone; na pozostałe możesz nie odpowiadać.',
    en: 'Answer the questions of the survey. Required questions are marked; you may leave the others out.',
  },
  questionCount: { pl: 'Pytań: {n}.', en: 'Questions: {n}.' },
  stepOf: { pl: 'Część {page} z {pages}', en: 'Part {page} of {pages}' },
  questionLegend: { pl: 'Pytanie {n}. {prompt}', en: 'Question {n}. {prompt}' },
  required: { pl: '(obowiązkowe)', en: '(required)' },
  optional: { pl: '(nieobowiązkowe)', en: '(optional)' },
  chooseOne: { pl: 'Wybierz jedną odpowiedź.', en: 'Choose one answer.' },
  chooseMany: { pl: 'Zaznacz wszystkie pasujące odpowiedzi.', en: 'Select all that apply.' },
  scaleHint: { pl: 'Wybierz wartość od {min} ({minLabel}) do {max} ({maxLabel}).', en: 'Choose a value from {min} ({minLabel}) to {max} ({maxLabel}).' },
  scaleLow: { pl: 'najniżej', en: 'lowest' },
  scaleHigh: { pl: 'najwyżej', en: 'highest' },
  textHint: { pl: 'Najwyżej 5000 znaków.', en: 'At most 5000 characters.' },
  emailLabel: { pl: 'Adres e-mail', en: 'E-mail address' },
  emailHint: {
    pl: 'Wyślemy na niego 6-cyfrowy kod. Odpowiedzi zostaną policzone, gdy wpiszesz kod na następnej stronie. Adres nie jest pokazywany w wynikach.',
    en: 'We will send a 6-digit code to it. Your answers count once you enter the code on the next page. The address is never shown in the results.',
  },
  emailRequired: {
    pl: 'Podaj adres e-mail: wyślemy na niego kod potwierdzający odpowiedź.',
    en: 'Give an e-mail address: the code confirming your response goes there.',
  },
  orSignIn: { pl: 'Masz konto? {link}, aby odpowiedzieć bez kodu.', en: 'Have an account? {link} to answer without a code.' },
  signInLink: { pl: 'Zaloguj się', en: 'Sign in' },
  next: { pl: 'Dalej', en: 'Continue' },
  back: { pl: 'Wstecz', en: 'Back' },
  submit: { pl: 'Wyślij odpowiedzi', en: 'Send answers' },
  answerRequired: { pl: 'Pytanie {n} jest obowiązkowe: „{prompt}”.', en: 'Question {n} is required: "{prompt}".' },
  // States
  notOpenYet: {
    pl: 'Ankieta zostanie otwarta razem z konsultacjami: {date}. Poniżej pytania, na które będzie można odpowiedzieć.',
    en: 'The survey opens with the consultation: {date}. Below are the questions you will be able to answer.',
  },
  notOpenYetNoDate: {
    pl: 'Ankieta zostanie otwarta razem z konsultacjami. Poniżej pytania, na które będzie można odpowiedzieć.',
    en: 'The survey opens with the consultation. Below are the questions you will be able to answer.',
  },
  cancelled: { pl: 'Konsultacje zostały odwołane, więc ankieta nie jest prowadzona.', en: 'The consultation was cancelled, so the survey is not held.' },
  signInToAnswer: {
    pl: 'Na tę ankietę odpowiada się po zalogowaniu, aby każdy odpowiadał tylko raz.',
    en: 'You answer this survey signed in, so that everyone answers once.',
  },
  signInToAnswerButton: { pl: 'Zaloguj się, aby odpowiedzieć', en: 'Sign in to answer' },
  ngoOnlyHeading: { pl: 'Ankieta tylko dla organizacji pozarządowych', en: 'This survey is for non-governmental organisations only' },
  ngoOnlySignIn: {
    pl: 'W tych konsultacjach odpowiadają tylko organizacje pozarządowe. Zaloguj się na konto organizacji (z numerem KRS), aby odpowiedzieć.',
    en: 'Only non-governmental organisations take part in this consultation. Sign in with an organisation account (with a KRS number) to answer.',
  },
  ngoOnlyRefused: {
    pl: 'W tych konsultacjach odpowiadają tylko organizacje pozarządowe, a to konto nie jest kontem organizacji. Jeśli działasz w organizacji, poproś urząd o zarejestrowanie jej konta (z numerem KRS).',
    en: 'Only non-governmental organisations take part in this consultation, and this account is not an organisation account. If you act for an organisation, ask the city to register its account (with its KRS number).',
  },
  alreadyHeading: { pl: 'Ta ankieta ma już Twoje odpowiedzi', en: 'This survey already has your answers' },
  alreadyText: {
    pl: 'Na ankietę odpowiada się raz, więc Twoich odpowiedzi nie zmieniono i niczego nie zapisano ponownie.',
    en: 'Everyone answers the survey once, so your answers were not changed and nothing was saved again.',
  },
  alreadyPendingHint: {
    pl: 'Jeśli ten adres nie został jeszcze potwierdzony kodem z wiadomości e-mail, wpisz kod z tej wiadomości. Po 15 minutach od wysłania niepotwierdzonej odpowiedzi można odpowiedzieć ponownie z tym samym adresem.',
    en: 'If this address has not been confirmed with the code from the e-mail yet, enter the code from that e-mail. 15 minutes after an unconfirmed response you can answer again with the same address.',
  },
  alreadyAnsweredText: {
    pl: 'Twoje konto ma już zapisane odpowiedzi na tę ankietę. Wyniki zostaną opublikowane po zakończeniu konsultacji.',
    en: 'You have already answered this survey. The results will be published once the consultation closes.',
  },
  backToConsultation: { pl: 'Wróć do konsultacji', en: 'Back to the consultation' },
  // Code
  confirmHeading: { pl: 'Wpisz kod z wiadomości e-mail', en: 'Enter the code from the e-mail' },
  confirmText: {
    pl: 'Wysłaliśmy 6-cyfrowy kod na podany adres. Kod jest ważny 15 minut. Twoje odpowiedzi zostaną policzone, gdy go wpiszesz.',
    en: 'We have sent a 6-digit code to the address you gave. The code is valid for 15 minutes. Your answers count once you enter it.',
  },
  codeLabel: { pl: 'Kod potwierdzenia', en: 'Confirmation code' },
  codeHint: { pl: '6 cyfr, na przykład 123456.', en: '6 digits, for example 123456.' },
  confirm: { pl: 'Potwierdź odpowiedzi', en: 'Confirm answers' },
  codeSentFlash: { pl: 'Wysłaliśmy kod na podany adres e-mail.', en: 'We have sent a code to the e-mail address you gave.' },
  noCodeHelp: {
    pl: 'Kod nie dotarł? Sprawdź folder spam. Po 15 minutach możesz odpowiedzieć na ankietę jeszcze raz z tym samym adresem.',
    en: 'No code? Check your spam folder. After 15 minutes you can answer the survey again with the same address.',
  },
  // Recorded
  recordedHeading: { pl: 'Twoje odpowiedzi zostały zapisane', en: 'Your answers have been recorded' },
  recordedText: {
    pl: 'Dziękujemy. Wyniki ankiety zostaną opublikowane po zakończeniu konsultacji, a podsumowanie w raporcie z konsultacji.',
    en: 'Thank you. The results of the survey will be published once the consultation closes, and summed up in its report.',
  },
  // Results
  resultsHeading: { pl: 'Wyniki ankiety', en: 'Survey results' },
  respondents: { pl: 'Liczba osób, które odpowiedziały: {n}.', en: 'People who answered: {n}.' },
  noResponses: { pl: 'Nikt nie odpowiedział na ankietę.', en: 'Nobody answered the survey.' },
  answeredBy: { pl: 'Odpowiedzi na to pytanie: {n}.', en: 'Answers to this question: {n}.' },
  option: { pl: 'Odpowiedź', en: 'Answer' },
  value: { pl: 'Wartość', en: 'Value' },
  count: { pl: 'Wskazania', en: 'Chosen' },
  share: { pl: 'Odsetek', en: 'Share' },
  mean: { pl: 'Średnia: {mean}.', en: 'Mean: {mean}.' },
  noMean: { pl: 'Brak odpowiedzi, więc bez średniej.', en: 'No answers, so no mean.' },
  textAnswers: { pl: 'Odpowiedzi (bez autorów)', en: 'Answers (without their authors)' },
  noTextAnswers: { pl: 'Brak odpowiedzi.', en: 'No answers.' },
  chartCaption: {
    pl: 'Wykres liczby wskazań; te same liczby są w tabeli powyżej.',
    en: 'A chart of the times each answer was chosen; the same figures are in the table above.',
  },
  resultsLater: {
    pl: 'Wyniki ankiety zostaną pokazane po zakończeniu konsultacji.',
    en: 'The results of the survey will be shown once the consultation closes.',
  },
});

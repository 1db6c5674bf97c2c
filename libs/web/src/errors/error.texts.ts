import { texts } from '../i18n/texts';

export const E = texts({
  notFoundTitle: { pl: 'Nie znaleziono strony', en: 'Page not found' },
  notFoundTyped: {
    pl: 'Jeśli adres był wpisany ręcznie, sprawdź, czy nie ma w nim błędu.',
    en: 'If you typed the web address, check it is correct.',
  },
  notFoundPasted: {
    pl: 'Jeśli adres był wklejony, sprawdź, czy skopiowano go w całości.',
    en: 'If you pasted the web address, check you copied the entire address.',
  },
  forbiddenTitle: { pl: 'Brak dostępu', en: 'You cannot see this page' },
  forbiddenSignIn: {
    pl: 'Ta strona jest dostępna po zalogowaniu. Zaloguj się i spróbuj ponownie.',
    en: 'This page is available once you sign in. Sign in and try again.',
  },
  csrfTitle: { pl: 'Formularz wygasł', en: 'The form has expired' },
  csrfBody: {
    pl: 'Nie zapisaliśmy niczego, bo formularz był otwarty zbyt długo albo został wysłany z innej strony. Wróć do formularza, odśwież stronę i wyślij go jeszcze raz.',
    en: 'Nothing was saved: the form was open too long or was sent from another site. Go back to the form, reload the page and send it again.',
  },
  conflictTitle: { pl: 'Nie można tego zrobić', en: 'This cannot be done' },
  conflictNext: {
    pl: 'Nic nie zostało zmienione. Wróć do poprzedniej strony i sprawdź jej aktualny stan.',
    en: 'Nothing was changed. Go back to the previous page and check its current state.',
  },
  tooManyTitle: { pl: 'Zbyt wiele prób', en: 'Too many attempts' },
  tooManyBody: { pl: 'Ze względów bezpieczeństwa musisz chwilę odczekać.', en: 'For your security, you need to wait a while.' },
  tooManyRetry: { pl: 'Spróbuj ponownie za {n} s.', en: 'Try again in {n} seconds.' },
  badRequestTitle: { pl: 'Nie można przetworzyć żądania', en: 'The request could not be processed' },
  badRequestBody: {
    pl: 'Nic nie zostało zmienione. Wróć do poprzedniej strony i spróbuj ponownie.',
    en: 'Nothing was changed. Go back to the previous page and try again.',
  },
  serverErrorTitle: { pl: 'Przepraszamy, wystąpił problem z serwisem', en: 'Sorry, there is a problem with the service' },
  serverErrorBody: {
    pl: 'Spróbuj ponownie później. Jeśli problem się powtarza, skontaktuj się z nami i podaj identyfikator zgłoszenia:',
    en: 'Try again later. If the problem continues, contact us and quote this reference:',
  },
  unavailableTitle: { pl: 'Serwis jest chwilowo niedostępny', en: 'The service is temporarily unavailable' },
  unavailableBody: { pl: 'Spróbuj ponownie za kilka minut.', en: 'Try again in a few minutes.' },
  goHome: { pl: 'Przejdź do strony głównej', en: 'Go to the home page' },
  signIn: { pl: 'Zaloguj się', en: 'Sign in' },
  contactUs: { pl: 'Kontakt:', en: 'Contact:' },
});

import { texts } from '@civitas/web';

export const N = texts({
  // subscribe
  subscribeTitle: { pl: 'Powiadomienia e-mail', en: 'E-mail notifications' },
  subscribeLead: {
    pl: 'Wybierz, o czym chcesz dostawać wiadomości: wyniki głosowań, otwarcie konsultacji, decyzje w sprawie inicjatyw lokalnych. Konto nie jest potrzebne.',
    en: 'Choose what you want to hear about: voting results, consultations opening, decisions on local initiatives. No account needed.',
  },
  accountLead: {
    pl: 'Powiadomienia przychodzą na adres Twojego konta: {email}.',
    en: 'Notifications go to your account’s address: {email}.',
  },
  email: { pl: 'Adres e-mail', en: 'E-mail address' },
  emailHint: {
    pl: 'Wyślemy na niego link potwierdzający. Bez potwierdzenia nic nie wyślemy.',
    en: 'We will send a confirmation link to it. Nothing is sent until you confirm.',
  },
  topics: { pl: 'Tematy', en: 'Topics' },
  topicsHint: { pl: 'Zaznacz wszystkie, które Cię interesują.', en: 'Select all that interest you.' },
  noTopics: { pl: 'Nie ma tematów do wyboru.', en: 'There are no topics to choose from.' },
  locale: { pl: 'Język wiadomości', en: 'Language of the messages' },
  localePl: { pl: 'polski', en: 'Polish' },
  localeEn: { pl: 'angielski', en: 'English' },
  frequency: { pl: 'Jak często', en: 'How often' },
  immediate: { pl: 'Od razu, gdy coś się wydarzy', en: 'As soon as something happens' },
  daily: { pl: 'Raz dziennie, w jednym podsumowaniu', en: 'Once a day, in one summary' },
  ownActivity: { pl: 'Moje sprawy', en: 'My own activity' },
  ownActivityLabel: { pl: 'Wiadomości o moich projektach, komentarzach i wnioskach', en: 'Messages about my projects, comments and applications' },
  subscribeButton: { pl: 'Zapisz mnie', en: 'Subscribe' },
  saveButton: { pl: 'Zapisz ustawienia', en: 'Save settings' },
  checkTitle: { pl: 'Sprawdź skrzynkę e-mail', en: 'Check your e-mail' },
  checkBody: {
    pl: 'Wysłaliśmy wiadomość z linkiem potwierdzającym. Powiadomienia zaczniemy wysyłać dopiero po kliknięciu w link. Jeśli ten adres już subskrybuje powiadomienia, wysłaliśmy link do ustawień.',
    en: 'We have sent a message with a confirmation link. Notifications start only once you open it. If this address is already subscribed, we have sent it a link to its settings.',
  },
  accountSaved: { pl: 'Zapisano ustawienia powiadomień.', en: 'Your notification settings have been saved.' },
  // home box
  boxTitle: { pl: 'Bądź na bieżąco', en: 'Stay informed' },
  boxLead: {
    pl: 'Zapisz się na powiadomienia e-mail o wynikach głosowań i decyzjach. Możesz zrezygnować jednym kliknięciem.',
    en: 'Get e-mails about voting results and decisions. You can unsubscribe with one click.',
  },
  boxMore: { pl: 'Więcej tematów, w tym dzielnice i konsultacje', en: 'More topics, including districts and consultations' },
  // mailed links
  confirmTitle: { pl: 'Potwierdź subskrypcję', en: 'Confirm your subscription' },
  confirmBody: {
    pl: 'Aby zacząć otrzymywać powiadomienia na swój adres e-mail, potwierdź subskrypcję.',
    en: 'To start receiving notifications at your e-mail address, confirm your subscription.',
  },
  confirmButton: { pl: 'Potwierdzam subskrypcję', en: 'Confirm subscription' },
  confirmNotMe: {
    pl: 'Jeśli to nie Ty prosiłeś(-aś) o powiadomienia, po prostu zamknij tę stronę — bez potwierdzenia nic nie wyślemy.',
    en: 'If you did not ask for notifications, simply close this page — nothing is sent without confirmation.',
  },
  confirmedTitle: { pl: 'Subskrypcja potwierdzona', en: 'Subscription confirmed' },
  confirmedTopics: { pl: 'Będziesz otrzymywać powiadomienia o tematach:', en: 'You will be notified about:' },
  manageLink: { pl: 'Zmień tematy, język i częstotliwość', en: 'Change topics, language and frequency' },
  invalidTitle: { pl: 'Link jest nieprawidłowy lub wygasł', en: 'The link is invalid or has expired' },
  invalidBody: {
    pl: 'Aby zmienić ustawienia powiadomień lub się wypisać, użyj linku z najnowszej wiadomości, którą otrzymałeś(-aś).',
    en: 'To change your notification settings or unsubscribe, use the link in the latest message you received.',
  },
  unsubscribeTitleTopics: { pl: 'Wypisz się z powiadomień', en: 'Unsubscribe from notifications' },
  unsubscribeTitleOwn: { pl: 'Wypisz się z wiadomości o swoich sprawach', en: 'Stop messages about your own activity' },
  unsubscribeBodyTopics: {
    pl: 'Po wypisaniu przestaniesz otrzymywać powiadomienia o wszystkich subskrybowanych tematach.',
    en: 'Once unsubscribed, you will no longer receive notifications about any subscribed topic.',
  },
  unsubscribeBodyOwn: {
    pl: 'Po wypisaniu przestaniesz otrzymywać wiadomości o swoich projektach, komentarzach i wnioskach. Subskrybowane tematy pozostaną bez zmian.',
    en: 'You will no longer receive messages about your projects, comments and applications. Your subscribed topics stay as they are.',
  },
  unsubscribeButton: { pl: 'Wypisz mnie', en: 'Unsubscribe me' },
  unsubscribedTitle: { pl: 'Wypisano', en: 'Unsubscribed' },
  unsubscribedTopics: {
    pl: 'Nie będziesz już otrzymywać powiadomień o subskrybowanych tematach.',
    en: 'You will no longer receive notifications about your subscribed topics.',
  },
  unsubscribedOwn: {
    pl: 'Nie będziesz już otrzymywać wiadomości o swoich projektach, komentarzach i wnioskach.',
    en: 'You will no longer receive messages about your projects, comments and applications.',
  },
  changedMind: {
    pl: 'Jeśli zmienisz zdanie, włącz powiadomienia ponownie w ustawieniach.',
    en: 'If you change your mind, turn notifications back on in the settings.',
  },
  manageTitle: { pl: 'Ustawienia powiadomień', en: 'Notification settings' },
  manageAddress: { pl: 'Adres e-mail:', en: 'E-mail address:' },
  unsubscribeAllHeading: { pl: 'Wypisanie', en: 'Unsubscribe' },
  unsubscribeAllBody: {
    pl: 'Nie chcesz otrzymywać żadnych wiadomości? Możesz wypisać się ze wszystkich powiadomień naraz.',
    en: 'Do not want any messages? You can unsubscribe from every notification at once.',
  },
  unsubscribeAllButton: { pl: 'Wypisz mnie ze wszystkich powiadomień', en: 'Unsubscribe me from all notifications' },
  saved: { pl: 'Zapisaliśmy Twoje ustawienia powiadomień.', en: 'Your notification settings have been saved.' },
});

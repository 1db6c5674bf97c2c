import type { Text } from '@civitas/common';
import { texts } from '@civitas/web';
import type { Criterion } from '../edition-rules';
import type { Section, TaskStatus } from './submit.model';

export const CRITERION_NAMES: Record<Criterion, Text> = {
  legality: { pl: 'Zgodność z prawem', en: 'Legality' },
  technical_feasibility: { pl: 'Wykonalność techniczna', en: 'Technical feasibility' },
  formal_requirements: { pl: 'Wymogi formalne', en: 'Formal requirements' },
  cost: { pl: 'Koszt', en: 'Cost' },
};

export const SECTION_NAMES: Record<Section, Text> = {
  basics: { pl: 'Podstawowe informacje', en: 'Basic information' },
  description: { pl: 'Opis projektu', en: 'Project description' },
  location: { pl: 'Lokalizacja', en: 'Location' },
  costs: { pl: 'Kosztorys', en: 'Costs' },
  attachments: { pl: 'Załączniki', en: 'Attachments' },
  authors: { pl: 'Współautorzy', en: 'Co-authors' },
  check: { pl: 'Sprawdź i zgłoś projekt', en: 'Check and submit your project' },
};

export const SECTION_HINTS: Record<Section, Text> = {
  basics: { pl: 'Tytuł, pula, kategoria i obszar', en: 'Title, pool, category and area' },
  description: { pl: 'Streszczenie, opis, uzasadnienie i odbiorcy', en: 'Summary, description, justification and beneficiaries' },
  location: { pl: 'Adres i współrzędne na mapie', en: 'Address and map coordinates' },
  costs: { pl: 'Pozycje kosztorysu i łączny koszt', en: 'Cost items and the total' },
  attachments: { pl: 'Mapy, zdjęcia, wizualizacje, listy poparcia (opcjonalnie)', en: 'Maps, photos, drawings, support lists (optional)' },
  authors: { pl: 'Zaproś osoby, które zgłaszają projekt razem z Tobą (opcjonalnie)', en: 'Invite the people submitting the project with you (optional)' },
  check: { pl: 'Podsumowanie, oświadczenie i zgłoszenie', en: 'Summary, declaration and submission' },
};

export const TASK_STATUS: Record<TaskStatus, Text> = {
  completed: { pl: 'Ukończono', en: 'Completed' },
  in_progress: { pl: 'W toku', en: 'In progress' },
  not_started: { pl: 'Nie rozpoczęto', en: 'Not started' },
  cannot_start: { pl: 'Nie można jeszcze rozpocząć', en: 'Cannot start yet' },
};

export const INVITATION_STATUS: Record<string, Text> = {
  pending: { pl: 'Czeka na odpowiedź', en: 'Awaiting an answer' },
  accepted: { pl: 'Przyjęte', en: 'Accepted' },
  declined: { pl: 'Odrzucone', en: 'Declined' },
  revoked: { pl: 'Wycofane', en: 'Withdrawn' },
};

/** What the check page says about a required field that is missing (named as the submit use case names it). */
export const MISSING_FIELD: Record<string, Text> = {
  title: { pl: 'Podaj tytuł projektu', en: 'Enter the project’s title' },
  poolId: { pl: 'Wybierz pulę', en: 'Choose a pool' },
  categoryId: { pl: 'Wybierz kategorię projektu', en: 'Choose the project’s category' },
  areaId: { pl: 'Wybierz obszar, w którym projekt zostanie zrealizowany', en: 'Choose the area where the project will be carried out' },
  summary: { pl: 'Podaj krótki opis (streszczenie) projektu', en: 'Enter the project’s summary' },
  description: { pl: 'Podaj opis projektu', en: 'Enter the project’s description' },
  justification: { pl: 'Podaj uzasadnienie projektu', en: 'Enter the project’s justification' },
  beneficiaries: { pl: 'Napisz, kto skorzysta z projektu', en: 'Say who will benefit from the project' },
  address: { pl: 'Podaj adres lub opis miejsca projektu', en: 'Enter the project’s address or place' },
  coordinates: { pl: 'Podaj współrzędne miejsca projektu', en: 'Enter the coordinates of the project’s place' },
  costItems: { pl: 'Dodaj co najmniej jedną pozycję kosztorysu', en: 'Add at least one cost item' },
};

export const S = texts({
  budget: { pl: 'Budżet obywatelski', en: 'Participatory budget' },
  myProjects: { pl: 'Moje projekty', en: 'My projects' },
  optionalSuffix: { pl: '(opcjonalnie)', en: '(optional)' },
  requiredSuffix: { pl: '(wymagane)', en: '(required)' },

  // Start
  startTitle: { pl: 'Zgłoś projekt', en: 'Submit a project' },
  startLead: {
    pl: 'Zacznij od tytułu projektu. Projekt zapisze się jako wersja robocza — resztę uzupełnisz krok po kroku, także później albo na innym urządzeniu.',
    en: 'Start with the project’s title. It is saved as a draft — you fill in the rest step by step, later or on another device if you like.',
  },
  startButton: { pl: 'Utwórz wersję roboczą', en: 'Create a draft' },
  draftCreated: {
    pl: 'Utworzono wersję roboczą projektu. Uzupełnij kolejne sekcje — każda zapisuje się osobno.',
    en: 'The draft is created. Fill in the sections — each is saved on its own.',
  },
  title: { pl: 'Tytuł projektu', en: 'Project title' },
  titleHint: {
    pl: 'Krótko i konkretnie, np. „Ławki w parku nad rzeką”. Najwyżej 200 znaków.',
    en: 'Short and specific, e.g. “Benches in the riverside park”. At most 200 characters.',
  },
  pool: { pl: 'Pula', en: 'Pool' },
  poolLegend: { pl: 'Do której puli zgłaszasz projekt?', en: 'Which pool are you submitting the project to?' },
  poolHint: {
    pl: 'Pula to część budżetu, z której projekt zostanie sfinansowany: dla całego miasta albo dla jednej dzielnicy.',
    en: 'A pool is the part of the budget the project would be paid from: city-wide or for one district.',
  },
  poolFacts: { pl: 'Kwota puli: {amount}. Koszt projektu: {range}.', en: 'Pool amount: {amount}. Project cost: {range}.' },
  rangeBetween: { pl: 'od {min} do {max}', en: 'from {min} to {max}' },
  rangeUpTo: { pl: 'do {max}', en: 'up to {max}' },
  closedTitle: { pl: 'Zgłaszanie projektów teraz nie trwa', en: 'Project submission is not open' },
  closedBefore: {
    pl: 'Projekty do edycji „{edition}” można zgłaszać od {start} do {end}.',
    en: 'Projects for “{edition}” can be submitted from {start} until {end}.',
  },
  closedAfter: {
    pl: 'Zgłaszanie projektów do edycji „{edition}” zakończyło się {end}.',
    en: 'Submission of projects for “{edition}” ended on {end}.',
  },
  closedNone: { pl: 'Edycja „{edition}” nie ma terminu zgłaszania projektów.', en: '“{edition}” has no submission period.' },
  noPools: {
    pl: 'W tej edycji nie ma jeszcze pul, więc nie można zgłaszać projektów. Spróbuj ponownie później.',
    en: 'This edition has no pools yet, so projects cannot be submitted. Try again later.',
  },
  closedMine: { pl: 'Swoje wersje robocze i zgłoszone projekty znajdziesz w', en: 'Your drafts and submitted projects are in' },
  editionLink: { pl: 'Wróć do strony edycji', en: 'Back to the edition’s page' },

  // Task list
  tasksTitle: { pl: 'Zgłoszenie projektu', en: 'Project application' },
  tasksTitleOf: { pl: 'Zgłoszenie projektu „{title}”', en: 'Application for “{title}”' },
  correctionTitleOf: { pl: 'Poprawki projektu „{title}”', en: 'Corrections to “{title}”' },
  correctionTitle: { pl: 'Poprawki projektu', en: 'Project corrections' },
  tasksProgress: { pl: 'Ukończono {done} z {total} sekcji.', en: 'You have completed {done} of {total} sections.' },
  tasksIncomplete: { pl: 'Zgłoszenie nie jest jeszcze kompletne.', en: 'The application is incomplete.' },
  tasksReady: { pl: 'Wymagane sekcje są gotowe: sprawdź projekt i zgłoś go.', en: 'The required sections are done: check the project and submit it.' },
  tasksSaved: {
    pl: 'Każda sekcja zapisuje się, gdy ją zapiszesz. Możesz przerwać i wrócić później, także na innym urządzeniu — projekt znajdziesz w „Moich projektach”.',
    en: 'Each section is saved when you save it. You can stop and come back later, on another device too — the project is in “My projects”.',
  },
  projectStatus: { pl: 'Status projektu', en: 'Project status' },
  edition: { pl: 'Edycja', en: 'Edition' },
  submittedOn: { pl: 'Zgłoszono', en: 'Submitted on' },
  projectNumber: { pl: 'Numer projektu', en: 'Project number' },
  correctionHeading: { pl: 'Urzędnik prosi o poprawki', en: 'The official asks for corrections' },
  correctionDeadline: {
    pl: 'Popraw projekt i wyślij go ponownie do {date}. Po tym terminie urzędnik oceni projekt bez poprawek.',
    en: 'Correct the project and send it again by {date}. After that the official decides without the corrections.',
  },
  correctionLapsed: {
    pl: 'Termin na poprawki minął {date}: projektu nie można już wysłać ponownie.',
    en: 'The deadline for corrections passed on {date}: the project can no longer be resubmitted.',
  },
  reasons: { pl: 'Uzasadnienie urzędnika', en: 'The official’s reasons' },
  unmetCriteria: { pl: 'Niespełnione kryteria', en: 'Criteria not met' },
  notEditableTitle: { pl: 'Tego projektu nie można już zmieniać', en: 'This project can no longer be changed' },
  notEditableBody: {
    pl: 'Projekt ma status „{status}”. Zmieniać można tylko wersję roboczą albo projekt, który urzędnik odesłał do poprawy.',
    en: 'The project’s status is “{status}”. Only a draft, or a project the official sent back for correction, can be changed.',
  },
  viewProject: { pl: 'Zobacz projekt', en: 'View the project' },

  // Sections
  saveButton: { pl: 'Zapisz i wróć do zgłoszenia', en: 'Save and return to the application' },
  cancel: { pl: 'Wróć bez zapisywania', en: 'Return without saving' },
  saved: { pl: 'Zapisano sekcję „{section}”.', en: 'Section “{section}” saved.' },
  category: { pl: 'Kategoria', en: 'Category' },
  categoryNone: { pl: 'Bez kategorii', en: 'No category' },
  area: { pl: 'Obszar', en: 'Area' },
  areaHint: {
    pl: 'Dzielnica lub osiedle, w którym projekt zostanie zrealizowany. Musi leżeć w obszarze wybranej puli.',
    en: 'The district or neighbourhood where the project will be carried out. It must lie in the pool’s area.',
  },
  areaNone: { pl: 'Nie wybrano', en: 'Not chosen' },
  summary: { pl: 'Streszczenie', en: 'Summary' },
  summaryHint: {
    pl: 'Kilka zdań, które głosujący przeczytają na liście projektów.',
    en: 'A few sentences that voters will read in the list of projects.',
  },
  description: { pl: 'Opis projektu', en: 'Description' },
  descriptionHint: { pl: 'Co dokładnie ma powstać lub się odbyć, i jak.', en: 'What exactly should be built or happen, and how.' },
  justification: { pl: 'Uzasadnienie', en: 'Justification' },
  justificationHint: { pl: 'Dlaczego projekt jest potrzebny.', en: 'Why the project is needed.' },
  beneficiaries: { pl: 'Kto skorzysta', en: 'Who will benefit' },
  beneficiariesHint: {
    pl: 'Odbiorcy projektu, np. dzieci z osiedla, seniorzy, wszyscy mieszkańcy.',
    en: 'Who the project is for, e.g. local children, older people, everyone.',
  },
  address: { pl: 'Adres lub opis miejsca', en: 'Address or description of the place' },
  addressHint: { pl: 'Np. ul. Parkowa 12, skwer przy przystanku.', en: 'E.g. 12 Park Street, the square by the bus stop.' },
  coordinates: { pl: 'Współrzędne miejsca', en: 'Coordinates of the place' },
  coordinatesHint: {
    pl: 'Liczby dziesiętne, np. 54,4065 i 18,5636 — skopiujesz je z mapy internetowej. Podaj obie albo żadnej.',
    en: 'Decimal numbers, e.g. 54.4065 and 18.5636 — copy them from an online map. Give both or neither.',
  },
  latitude: { pl: 'Szerokość geograficzna', en: 'Latitude' },
  longitude: { pl: 'Długość geograficzna', en: 'Longitude' },

  // Costs
  costsLead: {
    pl: 'Wypisz, z czego składa się koszt projektu: każda pozycja z opisem i kwotą brutto w złotych. Łączny koszt to suma pozycji.',
    en: 'List what the project’s cost is made of: each item with a description and a gross amount in złoty. The total is their sum.',
  },
  costsLimits: { pl: 'Pula „{pool}”: koszt projektu {range}.', en: 'Pool “{pool}”: project cost {range}.' },
  item: { pl: 'Pozycja {n}', en: 'Item {n}' },
  itemDescription: { pl: 'Opis', en: 'Description' },
  itemAmount: { pl: 'Kwota w zł', en: 'Amount in zł' },
  itemAmountHint: { pl: 'Np. 1500 lub 1500,50', en: 'E.g. 1500 or 1500.50' },
  itemDescriptionOf: { pl: 'Opis pozycji {n}', en: 'Description of item {n}' },
  itemAmountOf: { pl: 'Kwota pozycji {n}', en: 'Amount of item {n}' },
  removeItem: { pl: 'Usuń pozycję {n}', en: 'Remove item {n}' },
  addItem: { pl: 'Dodaj pozycję', en: 'Add an item' },
  recalculate: { pl: 'Przelicz', en: 'Recalculate' },
  total: { pl: 'Łączny koszt', en: 'Total cost' },
  totalHint: {
    pl: 'Suma przelicza się podczas wpisywania; bez JavaScriptu użyj przycisku „Przelicz”. Kosztorys zapiszesz przyciskiem „Zapisz i wróć do zgłoszenia”.',
    en: 'The total updates as you type; without JavaScript use “Recalculate”. “Save and return to the application” saves the costs.',
  },
  totalOutside: { pl: 'Łączny koszt jest poza limitem puli.', en: 'The total is outside the pool’s limits.' },
  noItems: { pl: 'Kosztorys nie ma jeszcze pozycji.', en: 'There are no cost items yet.' },
  amountMissing: { pl: 'Podaj kwotę pozycji {n} w złotych.', en: 'Enter the amount of item {n} in złoty.' },
  amountFormat: {
    pl: 'Kwota pozycji {n} musi być liczbą złotych z najwyżej dwoma miejscami po przecinku, np. 1500 lub 1500,50.',
    en: 'The amount of item {n} must be a number of złoty with at most two decimal places, e.g. 1500 or 1500.50.',
  },
  amountZero: { pl: 'Kwota pozycji {n} musi być większa od zera.', en: 'The amount of item {n} must be more than zero.' },
  amountTooLarge: { pl: 'Kwota pozycji {n} jest zbyt duża.', en: 'The amount of item {n} is too large.' },
  saveDefault: { pl: 'Zapisz', en: 'Save' },

  // Attachments
  attachmentsLead: {
    pl: 'Dołącz dokumenty, które pomogą ocenić projekt: mapę, zdjęcia, wizualizację. Pliki PDF, PNG lub JPEG, do 10 MB każdy, razem najwyżej 10 plików.',
    en: 'Attach documents that help to assess the project: a map, photos, a drawing. PDF, PNG or JPEG files, up to 10 MB each, at most 10 files.',
  },
  filesHeading: { pl: 'Dodane pliki', en: 'Files added' },
  noFiles: { pl: 'Nie dodano jeszcze żadnych plików.', en: 'No files have been added yet.' },
  fileName: { pl: 'Plik', en: 'File' },
  fileKind: { pl: 'Rodzaj', en: 'Kind' },
  fileSize: { pl: 'Rozmiar', en: 'Size' },
  fileAction: { pl: 'Działanie', en: 'Action' },
  kindDocument: { pl: 'Dokument', en: 'Document' },
  kindSupport: { pl: 'Lista poparcia', en: 'Support list' },
  uploadHeading: { pl: 'Dodaj plik', en: 'Add a file' },
  file: { pl: 'Plik do dodania', en: 'File to upload' },
  fileHint: { pl: 'PDF, PNG lub JPEG, najwyżej 10 MB.', en: 'PDF, PNG or JPEG, at most 10 MB.' },
  kindLegend: { pl: 'Rodzaj pliku', en: 'Kind of file' },
  kindDocumentHint: {
    pl: 'Publiczny razem z projektem po jego zgłoszeniu.',
    en: 'Public with the project once it is submitted.',
  },
  kindSupportHint: {
    pl: 'Skan papierowej listy podpisów poparcia. Zawiera dane osobowe: widzą go tylko autorzy i urzędnicy.',
    en: 'A scan of a paper list of support signatures. It holds personal data: only the authors and officials see it.',
  },
  uploadButton: { pl: 'Dodaj plik', en: 'Upload the file' },
  removeFile: { pl: 'Usuń', en: 'Remove' },
  chooseFile: { pl: 'Wybierz plik do dodania.', en: 'Choose a file to upload.' },
  uploaded: { pl: 'Dodano plik „{name}”.', en: 'File “{name}” uploaded.' },
  removedFile: { pl: 'Usunięto plik „{name}”.', en: 'File “{name}” removed.' },
  backToApplication: { pl: 'Wróć do zgłoszenia', en: 'Return to the application' },

  // Co-authors
  authorsLead: {
    pl: 'Projekt może mieć najwyżej {max} autorów — razem z Tobą i zaproszeniami, na które nikt jeszcze nie odpowiedział. Zaproszona osoba dostanie e-mail i przyjmie zaproszenie w „Moich projektach”, z konta z tym adresem.',
    en: 'A project can have at most {max} authors — you and unanswered invitations included. The person invited gets an e-mail and accepts in “My projects”, from an account with that address.',
  },
  authorsHeading: { pl: 'Autorzy', en: 'Authors' },
  roleMain: { pl: 'autor główny', en: 'main author' },
  roleCo: { pl: 'współautor', en: 'co-author' },
  invitationsHeading: { pl: 'Zaproszenia', en: 'Invitations' },
  noInvitations: { pl: 'Nie wysłano jeszcze żadnych zaproszeń.', en: 'No invitations have been sent yet.' },
  invitationSent: { pl: 'Wysłano', en: 'Sent' },
  withdraw: { pl: 'Wycofaj', en: 'Withdraw' },
  withdrawHidden: { pl: 'zaproszenie dla {email}', en: 'the invitation for {email}' },
  inviteHeading: { pl: 'Zaproś współautora', en: 'Invite a co-author' },
  inviteEmail: { pl: 'Adres e-mail współautora', en: 'Co-author’s e-mail address' },
  inviteHint: { pl: 'Wyślemy na niego zaproszenie.', en: 'We will send the invitation to it.' },
  inviteButton: { pl: 'Wyślij zaproszenie', en: 'Send the invitation' },
  invited: { pl: 'Wysłano zaproszenie do {email}.', en: 'Invitation sent to {email}.' },
  withdrawn: { pl: 'Wycofano zaproszenie dla {email}.', en: 'The invitation for {email} was withdrawn.' },
  onlyMainInvites: { pl: 'Współautorów zaprasza autor główny projektu.', en: 'The project’s main author invites co-authors.' },

  // Check and submit
  checkLead: {
    pl: 'Sprawdź, czy wszystko się zgadza. Po zgłoszeniu nie zmienisz projektu, chyba że urzędnik poprosi o poprawki.',
    en: 'Check that everything is right. Once submitted, the project cannot be changed unless the official asks for corrections.',
  },
  checkCorrectionLead: {
    pl: 'Sprawdź poprawiony projekt. Po wysłaniu wróci on do oceny formalnej i nie będzie można go dalej zmieniać.',
    en: 'Check the corrected project. Once sent, it goes back to the formal review and can no longer be changed.',
  },
  checkCorrectionTitle: { pl: 'Sprawdź i wyślij poprawiony projekt', en: 'Check and resubmit your project' },
  change: { pl: 'Zmień', en: 'Change' },
  notGiven: { pl: 'Nie podano', en: 'Not given' },
  missingRequired: { pl: 'Nie podano — wymagane', en: 'Not given — required' },
  costItemsKey: { pl: 'Pozycje kosztorysu', en: 'Cost items' },
  filesKey: { pl: 'Pliki', en: 'Files' },
  authorsKey: { pl: 'Autorzy', en: 'Authors' },
  none: { pl: 'Brak', en: 'None' },
  declarationLegend: { pl: 'Oświadczenie', en: 'Declaration' },
  declaration: {
    pl: 'Oświadczam, że informacje w zgłoszeniu są prawdziwe, a wszyscy autorzy zgodzili się na zgłoszenie projektu.',
    en: 'I declare that the information in this application is true and that every author agreed to submit the project.',
  },
  declarationMissing: { pl: 'Zaznacz oświadczenie, aby zgłosić projekt.', en: 'Tick the declaration to submit the project.' },
  submitWarning: {
    pl: 'Po zgłoszeniu projekt otrzyma numer i trafi do oceny formalnej. Nie będzie można go już zmieniać.',
    en: 'Once submitted, the project gets a number and goes to the formal review. It can no longer be changed.',
  },
  resubmitWarning: {
    pl: 'Po wysłaniu projekt wróci do oceny formalnej. Nie będzie można go już zmieniać.',
    en: 'Once sent, the project goes back to the formal review. It can no longer be changed.',
  },
  submitButton: { pl: 'Zgłoś projekt', en: 'Submit the project' },
  resubmitButton: { pl: 'Wyślij poprawiony projekt', en: 'Resubmit the project' },

  // Confirmation
  submittedTitle: { pl: 'Projekt zgłoszony', en: 'Project submitted' },
  resubmittedTitle: { pl: 'Poprawiony projekt wysłany', en: 'Corrected project sent' },
  numberIs: { pl: 'Numer projektu', en: 'Project number' },
  nextHeading: { pl: 'Co dalej', en: 'What happens next' },
  nextFormal: {
    pl: 'Urzędnicy sprawdzą projekt pod względem formalnym{when}. O każdej decyzji dowiesz się e-mailem, razem z jej uzasadnieniem.',
    en: 'Officials will check the project against the formal requirements{when}. You will be e-mailed about every decision, with its reasons.',
  },
  nextFormalWhen: { pl: ' (ocena formalna: od {start} do {end})', en: ' (formal review: {start} to {end})' },
  nextCorrection: {
    pl: 'Jeśli potrzebne będą poprawki, urzędnik Cię o nie poprosi — będziesz mieć na nie {n} dni.',
    en: 'If corrections are needed, the official will ask you for them — you will have {n} days.',
  },
  nextResubmitted: {
    pl: 'Urzędnik ponownie oceni projekt pod względem formalnym. O decyzji dowiesz się e-mailem.',
    en: 'The official will assess the project again against the formal requirements. You will be e-mailed about the decision.',
  },
  nextMine: { pl: 'Stan projektu i wszystko, co czeka na Twoją decyzję, znajdziesz w', en: 'The project’s state and anything waiting for you are in' },
});

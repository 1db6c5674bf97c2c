import type { FullInitiative } from './applications.service';

/** What the agreement is drawn from: the application in full, its agreement data and the year's hourly value of volunteer work. */
export type AgreementSource = Pick<
  FullInitiative,
  | 'caseNumber'
  | 'applicantType'
  | 'ngoName'
  | 'ngoKrs'
  | 'applicants'
  | 'taskAreaLabel'
  | 'title'
  | 'description'
  | 'location'
  | 'schedule'
  | 'totalCost'
  | 'contribution'
  | 'cityShare'
  | 'cityShareTotal'
  | 'agreement'
> & { volunteerHourValue: number };

/** Days after the end of the term within which the applicants file the final report. */
export const REPORT_DAYS = 30;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in HTML element content and in quoted attribute values. */
export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Grosze as Polish złoty with integer arithmetic: 123456 → "1 234,56 zł" (groups of three digits, comma before grosze). */
export function formatMoney(grosze: number): string {
  if (!Number.isSafeInteger(grosze)) throw new RangeError(`Not an amount in grosze: ${grosze}`);
  const abs = Math.abs(grosze);
  const zl = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const gr = String(abs % 100).padStart(2, '0');
  return `${grosze < 0 ? '−' : ''}${zl},${gr} zł`;
}

/** YYYY-MM-DD → DD.MM.YYYY r. */
export function formatDate(day: string | null | undefined): string {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return '…………………';
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y} r.`;
}

/** A calendar date (YYYY-MM-DD) moved by whole days. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const SHARE_KINDS: Record<string, string> = { services: 'usługi', materials: 'materiały', equipment: 'sprzęt' };

/** The file name of the agreement of a case: umowa-IL-2027-0001.html. */
export function agreementFileName(caseNumber: string | null): string {
  return `umowa-${(caseNumber ?? 'projekt').replace(/[^0-9A-Za-z_-]+/g, '-')}.html`;
}

/**
 * The agreement on carrying out a local initiative (arts. 19b–19h u.d.p.p.) as a standalone HTML document in Polish:
 * the parties, the task, the schedule, the cost estimate with both sides' contributions, the term, the reporting
 * duty and the signatures. Every value that comes from the application is escaped.
 */
export function agreementDocument(a: AgreementSource): string {
  const e = escapeHtml;
  const money = (g: number) => `<span class="kwota">${e(formatMoney(g))}</span>`;
  const number = a.agreement.number ?? `${a.caseNumber ?? ''}/U`;
  const c = a.contribution;
  const termTo = a.agreement.termTo;
  const reportBy = termTo ? formatDate(addDays(termTo, REPORT_DAYS)) : '…………………';

  const residents = a.applicants.map((p) => `<li>${e(p.firstName)} ${e(p.lastName)}, zam. ${e(p.address)}</li>`).join('\n        ');
  const applicantsParty =
    a.applicantType === 'ngo'
      ? `<p><strong>${e(a.ngoName)}</strong>, wpisaną do Krajowego Rejestru Sądowego pod numerem KRS ${e(a.ngoKrs)}, działającą w imieniu i na rzecz mieszkańców:</p>
      <ol>
        ${residents}
      </ol>`
      : `<p>grupą mieszkańców:</p>
      <ol>
        ${residents}
      </ol>`;

  const schedule = a.schedule
    .map((s) => `<tr><td>${e(formatDate(s.from))}</td><td>${e(formatDate(s.to))}</td><td>${e(s.activity)}</td></tr>`)
    .join('\n          ');
  const inKind = c.inKind.length
    ? c.inKind.map((k) => `<tr><td>${e(k.item)}</td><td class="liczba">${money(k.value)}</td></tr>`).join('\n          ')
    : '<tr><td colspan="2">brak</td></tr>';
  const cityShare = a.cityShare
    .map((s) => `<tr><td>${e(SHARE_KINDS[s.kind] ?? s.kind)}</td><td>${e(s.description)}</td><td class="liczba">${money(s.value)}</td></tr>`)
    .join('\n          ');
  const signatures =
    a.applicantType === 'ngo'
      ? `<p class="podpis">……………………………………………<br />za ${e(a.ngoName)} (osoby uprawnione do reprezentacji)</p>`
      : a.applicants.map((p) => `<p class="podpis">……………………………………………<br />${e(p.firstName)} ${e(p.lastName)}</p>`).join('\n      ');

  return `<!DOCTYPE html>
<html lang="pl">
<head>
  <meta charset="utf-8" />
  <title>Umowa nr ${e(number)}</title>
  <style>
    body { font-family: serif; max-width: 48rem; margin: 2rem auto; line-height: 1.5; }
    h1, h2, .srodek { text-align: center; }
    .suma { font-weight: bold; }
    table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
    th, td { border: 1px solid #444; padding: 0.25rem 0.5rem; vertical-align: top; }
    .liczba { text-align: right; }
    .kwota { white-space: nowrap; }
    .podpisy { display: flex; justify-content: space-between; gap: 2rem; margin-top: 3rem; }
    .podpis { margin-top: 2.5rem; }
  </style>
</head>
<body>
  <h1>Umowa nr ${e(number)}</h1>
  <p class="srodek">o wykonanie zadania publicznego w ramach inicjatywy lokalnej<br />(art. 19b–19h ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie)<br />wniosek nr ${e(a.caseNumber)}</p>

  <section id="strony">
    <p>zawarta w dniu …………………………… pomiędzy:</p>
    <p><strong>Miastem</strong>, reprezentowanym przez ……………………………………………………………………………… (komórka organizacyjna urzędu, imię, nazwisko i stanowisko osoby upoważnionej), zwanym dalej „Miastem”,</p>
    <p>a</p>
    ${applicantsParty}
    <p>zwanymi dalej „Wnioskodawcami”.</p>
  </section>

  <section id="zadanie">
    <h2>§ 1. Przedmiot umowy</h2>
    <p>Strony wspólnie wykonują zadanie publiczne „<strong>${e(a.title)}</strong>” w zakresie: ${e(a.taskAreaLabel.pl)}.</p>
    <p>Opis zadania: ${e(a.description)}</p>
    <p>Miejsce realizacji: ${e(a.location)}</p>
  </section>

  <section id="termin">
    <h2>§ 2. Termin realizacji</h2>
    <p>Zadanie zostanie wykonane w terminie od ${e(formatDate(a.agreement.termFrom))} do ${e(formatDate(termTo))}.</p>
  </section>

  <section id="harmonogram">
    <h2>§ 3. Harmonogram</h2>
    <table>
      <thead><tr><th scope="col">Od</th><th scope="col">Do</th><th scope="col">Działanie</th></tr></thead>
      <tbody>
          ${schedule}
      </tbody>
    </table>
  </section>

  <section id="kosztorys">
    <h2>§ 4. Kosztorys i wkład stron</h2>
    <p>Całkowity koszt zadania: ${money(a.totalCost)}.</p>
    <h3>Wkład Wnioskodawców</h3>
    <table>
      <tbody>
        <tr><td>Praca społeczna: ${e(c.volunteerPeople)} os. × ${e(c.volunteerHours)} godz. × ${money(a.volunteerHourValue)} za godzinę</td><td class="liczba">${money(c.volunteerValue)}</td></tr>
      </tbody>
    </table>
    <p>Świadczenia rzeczowe:</p>
    <table>
      <thead><tr><th scope="col">Przedmiot</th><th scope="col">Wartość</th></tr></thead>
      <tbody>
          ${inKind}
      </tbody>
    </table>
    <table>
      <tbody>
        <tr><td>Wkład rzeczowy razem</td><td class="liczba">${money(c.inKindValue)}</td></tr>
        <tr><td>Wkład pieniężny</td><td class="liczba">${money(c.cash)}</td></tr>
        <tr><th scope="row">Wkład Wnioskodawców razem</th><td class="liczba suma">${money(c.total)}</td></tr>
      </tbody>
    </table>
    <h3>Wkład Miasta</h3>
    <table>
      <thead><tr><th scope="col">Rodzaj</th><th scope="col">Opis</th><th scope="col">Wartość</th></tr></thead>
      <tbody>
          ${cityShare}
        <tr><th scope="row" colspan="2">Wkład Miasta razem</th><td class="liczba suma">${money(a.cityShareTotal)}</td></tr>
      </tbody>
    </table>
    <p>Miasto nie przekazuje Wnioskodawcom środków pieniężnych. Swój wkład Miasto wnosi, zapewniając wymienione usługi, materiały i sprzęt.</p>
  </section>

  <section id="sprawozdanie">
    <h2>§ 5. Sprawozdanie</h2>
    <p>Wnioskodawcy składają Miastu sprawozdanie końcowe z wykonania zadania, z rzeczywistym wkładem obu stron, w terminie ${REPORT_DAYS} dni od dnia zakończenia realizacji zadania, tj. do dnia ${e(reportBy)}.</p>
  </section>

  <section id="postanowienia">
    <h2>§ 6. Postanowienia końcowe</h2>
    <p>Umowa może zostać rozwiązana przez Miasto, jeżeli zadanie nie jest wykonywane zgodnie z umową. Zmiany umowy wymagają formy pisemnej. Umowę sporządzono w dwóch jednobrzmiących egzemplarzach, po jednym dla każdej ze stron.</p>
  </section>

  <section id="podpisy" class="podpisy">
    <div>
      <p><strong>Za Miasto</strong></p>
      <p class="podpis">……………………………………………<br />(podpis osoby upoważnionej)</p>
    </div>
    <div>
      <p><strong>Za Wnioskodawców</strong></p>
      ${signatures}
    </div>
  </section>
</body>
</html>
`;
}

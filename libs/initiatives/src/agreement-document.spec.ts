import { htmlProblems } from '@civitas/web/testing';
import { addDays, agreementDocument, agreementFileName, AgreementSource, escapeHtml, formatMoney } from './agreement-document';

const source = (o: Partial<AgreementSource> = {}): AgreementSource => ({
  caseNumber: 'IL/2027/0001',
  applicantType: 'residents',
  ngoName: null,
  ngoKrs: null,
  applicants: [
    { firstName: 'Anna', lastName: 'Nowak', address: 'ul. Klonowa 1, Gdańsk' },
    { firstName: 'Piotr', lastName: 'Wiśniewski', address: 'ul. Klonowa 3, Gdańsk' },
  ],
  taskAreaLabel: { pl: 'Rewitalizacja', en: 'Revitalisation' },
  title: 'Ławki i mural przy szkole',
  description: 'Mieszkańcy malują mural.',
  location: 'Skwer przy SP 12',
  schedule: [{ from: '2027-06-01', to: '2027-06-30', activity: 'Prace przy muralu' }],
  totalCost: 2_000_000,
  contribution: {
    volunteerPeople: 10,
    volunteerHours: 8,
    volunteerValue: 280_000,
    inKind: [{ item: 'Pędzle', value: 30_000 }],
    inKindValue: 30_000,
    cash: 50_000,
    total: 360_000,
  },
  cityShare: [
    { kind: 'materials', description: 'Farby elewacyjne', value: 600_000 },
    { kind: 'equipment', description: 'Ławki parkowe', value: 900_000 },
  ],
  cityShareTotal: 1_500_000,
  agreement: { number: 'IL/2027/0001/U', termFrom: '2027-06-01', termTo: '2027-07-15', signedAt: null },
  volunteerHourValue: 3_500,
  ...o,
});

describe('agreement document', () => {
  it('formats grosze as Polish złoty exactly, without floating point', () => {
    expect(formatMoney(0)).toBe('0,00 zł');
    expect(formatMoney(5)).toBe('0,05 zł');
    expect(formatMoney(123_456)).toBe('1 234,56 zł');
    expect(formatMoney(100_000_000_01)).toBe('100 000 000,01 zł');
    // 0.1 + 0.2 style errors cannot happen: 29 grosze stays 29.
    expect(formatMoney(1_000_029)).toBe('10 000,29 zł');
    expect(() => formatMoney(1.5)).toThrow(RangeError);
  });

  it('escapes every HTML special character', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    expect(escapeHtml(null)).toBe('');
  });

  it('names the parties, the task, both contributions with values, the term, the reporting duty and the signatures', () => {
    const html = agreementDocument(source());
    expect(html).toContain('<html lang="pl">');
    expect(html).toContain('Umowa nr IL/2027/0001/U');
    expect(html).toContain('<strong>Miastem</strong>, reprezentowanym przez ……');
    expect(html).toContain('grupą mieszkańców');
    expect(html).toContain('Anna Nowak, zam. ul. Klonowa 1, Gdańsk');
    expect(html).toContain('w zakresie: Rewitalizacja');
    expect(html).toContain('Miejsce realizacji: Skwer przy SP 12');
    expect(html).toContain('<td>01.06.2027 r.</td><td>30.06.2027 r.</td><td>Prace przy muralu</td>');
    expect(html).toContain('Całkowity koszt zadania: <span class="kwota">20 000,00 zł</span>');
    expect(html).toContain('10 os. × 8 godz. × <span class="kwota">35,00 zł</span> za godzinę</td><td class="liczba"><span class="kwota">2 800,00 zł</span>');
    expect(html).toContain('<td>Pędzle</td><td class="liczba"><span class="kwota">300,00 zł</span>');
    expect(html).toContain('Wkład pieniężny</td><td class="liczba"><span class="kwota">500,00 zł</span>');
    expect(html).toContain('<td>materiały</td><td>Farby elewacyjne</td><td class="liczba"><span class="kwota">6 000,00 zł</span>');
    expect(html).toContain('Wkład Miasta razem</th><td class="liczba suma"><span class="kwota">15 000,00 zł</span>');
    expect(html).toContain('Miasto nie przekazuje Wnioskodawcom środków pieniężnych');
    expect(html).toContain('od 01.06.2027 r. do 15.07.2027 r.');
    expect(html).toContain('w terminie 30 dni od dnia zakończenia realizacji zadania, tj. do dnia 14.08.2027 r.');
    expect(html).toContain('Za Wnioskodawców');
    expect(html).toContain('<br />Piotr Wiśniewski</p>');
  });

  it('is valid HTML by the rules the pages follow, for a group of residents and for an organisation', async () => {
    for (const html of [
      agreementDocument(source()),
      agreementDocument(source({ applicantType: 'ngo', ngoName: 'Stowarzyszenie Lipowa', ngoKrs: '0000111222' })),
    ])
      expect(await htmlProblems(html)).toEqual([]);
  });

  it('an organisation acts for the residents, with its KRS number', () => {
    const html = agreementDocument(source({ applicantType: 'ngo', ngoName: 'Stowarzyszenie Lipowa', ngoKrs: '0000111222' }));
    expect(html).toContain(
      '<strong>Stowarzyszenie Lipowa</strong>, wpisaną do Krajowego Rejestru Sądowego pod numerem KRS 0000111222, działającą w imieniu i na rzecz mieszkańców',
    );
    expect(html).not.toContain('grupą mieszkańców');
    expect(html).toContain('za Stowarzyszenie Lipowa');
  });

  it('leaves no markup from the application alive, in any field', () => {
    const evil = '<script>alert(1)</script><img src=x onerror="alert(2)">';
    const html = agreementDocument(
      source({
        caseNumber: evil,
        applicantType: 'ngo',
        ngoName: evil,
        ngoKrs: evil,
        applicants: [{ firstName: evil, lastName: evil, address: evil }],
        taskAreaLabel: { pl: evil, en: evil },
        title: evil,
        description: evil,
        location: evil,
        schedule: [{ from: evil, to: evil, activity: evil }],
        contribution: { ...source().contribution, inKind: [{ item: evil, value: 1 }] },
        cityShare: [{ kind: evil as 'services', description: evil, value: 1 }],
        agreement: { number: evil, termFrom: evil, termTo: null, signedAt: null },
      }),
    );
    expect(html).not.toMatch(/<script|<img|onerror="/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
  });

  it('derives the file name and the reporting date', () => {
    expect(agreementFileName('IL/2027/0042')).toBe('umowa-IL-2027-0042.html');
    expect(addDays('2027-12-15', 30)).toBe('2028-01-14');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

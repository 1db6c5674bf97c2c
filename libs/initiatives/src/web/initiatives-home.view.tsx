import { formatDate, formatMoney, SummaryList, texts, usePage, useT } from '@civitas/web';
import type { Programme } from '../programmes.service';

export const I = texts({
  homeHeading: { pl: 'Inicjatywa lokalna', en: 'Local initiative' },
  homeLead: {
    pl: 'Mieszkańcy mogą wspólnie z miastem zrealizować zadanie publiczne, wnosząc pracę społeczną, rzeczy lub pieniądze.',
    en: 'Residents can carry out a public task together with the city, contributing volunteer work, goods or money.',
  },
  homeEmpty: {
    pl: 'Miasto nie ogłosiło jeszcze programu inicjatywy lokalnej na rok {year}. Gdy go ogłosi, znajdziesz tu zasady i kwotę do podziału.',
    en: 'The city has not yet announced its local-initiative programme for {year}. Once it does, the rules and the amount available will appear here.',
  },
  programme: { pl: 'Program na rok {year}', en: 'Programme for {year}' },
  allocation: { pl: 'Kwota w budżecie miasta', en: 'City allocation' },
  remaining: { pl: 'Pozostało do przyznania', en: 'Still available' },
  intake: { pl: 'Przyjmowanie wniosków', en: 'Applications' },
  continuous: { pl: 'przez cały rok, do wyczerpania kwoty', en: 'all year, until the allocation is used' },
  windows: { pl: 'w terminach: {windows}', en: 'in these windows: {windows}' },
  minApplicants: { pl: 'Minimalna liczba wnioskodawców', en: 'Minimum number of applicants' },
  homeMore: { pl: 'Zasady i złożone wnioski', en: 'Rules and applications' },
});

/** The home page's local-initiative section: this year's programme, or the empty state. */
export function InitiativesHomeSection(props: { programme: Programme | null; year: number }) {
  const { locale } = usePage();
  const t = useT();
  const p = props.programme;
  return (
    <section aria-labelledby="home-initiatives" class="govuk-!-margin-bottom-8">
      <h2 class="govuk-heading-l" id="home-initiatives">
        {t(I.homeHeading)}
      </h2>
      <p class="govuk-body">{t(I.homeLead)}</p>
      {p ? (
        <div class="civitas-card">
          <h3 class="govuk-heading-m civitas-card__title">
            <a class="govuk-link" href="/initiatives">
              {t(I.programme, { year: p.year })}
            </a>
          </h3>
          <SummaryList
            noBorder
            rows={[
              { key: I.allocation, value: formatMoney(locale, p.allocation) },
              { key: I.remaining, value: formatMoney(locale, p.remaining) },
              {
                key: I.intake,
                value:
                  p.intake === 'continuous'
                    ? t(I.continuous)
                    : t(I.windows, { windows: p.windows.map((w) => `${formatDate(locale, w.opensOn)} – ${formatDate(locale, w.closesOn)}`).join('; ') }),
              },
              { key: I.minApplicants, value: String(p.minApplicants) },
            ]}
          />
        </div>
      ) : (
        <p class="govuk-body">{t(I.homeEmpty, { year: props.year })}</p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href="/initiatives">
          {t(I.homeMore)}
        </a>
      </p>
    </section>
  );
}

import { formatDate, Tag, texts, usePage, useT } from '@civitas/web';
import type { ConsultationSummary } from '../consultations.service';

export const C = texts({
  homeHeading: { pl: 'Konsultacje społeczne', en: 'Public consultations' },
  homeEmpty: {
    pl: 'Nie ma teraz otwartych ani zapowiedzianych konsultacji. Gdy miasto je ogłosi, znajdziesz je tutaj.',
    en: 'There are no open or announced consultations now. Once the city announces one, it will appear here.',
  },
  open: { pl: 'Trwają', en: 'Open' },
  announced: { pl: 'Zapowiedziane', en: 'Announced' },
  openUntil: { pl: 'Możesz zabrać głos do {date}.', en: 'Have your say until {date}.' },
  opensOn: { pl: 'Rozpoczną się {date}.', en: 'They open on {date}.' },
  ngoOnly: { pl: 'Dla organizacji pozarządowych', en: 'For NGOs' },
  homeAll: { pl: 'Wszystkie konsultacje', en: 'All consultations' },
});

function Card(props: { c: ConsultationSummary }) {
  const { locale } = usePage();
  const t = useT();
  const c = props.c;
  return (
    <div class="civitas-card">
      <h3 class="govuk-heading-m civitas-card__title">
        <a class="govuk-link" href={`/consultations/${c.id}`}>
          {c.title}
        </a>
      </h3>
      <p class="govuk-body govuk-!-margin-bottom-1">
        <Tag colour={c.status === 'open' ? 'green' : 'blue'}>{t(c.status === 'open' ? C.open : C.announced)}</Tag>{' '}
        {c.audience === 'ngo' ? <Tag colour="purple">{t(C.ngoOnly)}</Tag> : null}
      </p>
      <p class="govuk-body">{c.summary}</p>
      <p class="govuk-body">
        {c.status === 'open' && c.closesAt ? t(C.openUntil, { date: formatDate(locale, c.closesAt) }) : null}
        {c.status === 'announced' && c.opensAt ? t(C.opensOn, { date: formatDate(locale, c.opensAt) }) : null}
      </p>
    </div>
  );
}

/** The home page's consultations: those open now, then those announced, or the empty state. */
export function ConsultationsHomeSection(props: { open: ConsultationSummary[]; announced: ConsultationSummary[] }) {
  const t = useT();
  const all = [...props.open, ...props.announced];
  return (
    <section aria-labelledby="home-consultations" class="govuk-!-margin-bottom-8">
      <h2 class="govuk-heading-l" id="home-consultations">
        {t(C.homeHeading)}
      </h2>
      {all.length === 0 ? <p class="govuk-body">{t(C.homeEmpty)}</p> : all.map((c) => <Card c={c} />)}
      <p class="govuk-body">
        <a class="govuk-link" href="/consultations">
          {t(C.homeAll)}
        </a>
      </p>
    </section>
  );
}

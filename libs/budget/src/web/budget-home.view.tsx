import { formatDate, Tag, usePage, useT } from '@civitas/web';
import type { PhaseWindow, Phase } from '../phases';
import { B, PHASE_NAMES } from './budget.texts';

export interface EditionCard {
  id: string;
  name: string;
  year: number;
  phases: PhaseWindow[];
  currentPhase: Phase | null;
}

/** What a resident can do in an edition now, in one sentence ("Zgłoś projekt do 31 maja 2027."). */
function NowLine(props: { edition: EditionCard; now: Date }) {
  const { locale } = usePage();
  const t = useT();
  const { phases, currentPhase } = props.edition;
  const current = phases.find((p) => p.phase === currentPhase);
  const next = phases.find((p) => p.startsAt.getTime() > props.now.getTime());
  const end = (w: PhaseWindow) => formatDate(locale, new Date(w.endsAt.getTime() - 1));
  if (current) {
    const line = current.phase === 'submission' ? B.submitUntil : current.phase === 'voting' ? B.voteUntil : B.phaseUntil;
    return (
      <>
        <p class="govuk-body govuk-!-margin-bottom-1">
          <Tag colour={current.phase === 'voting' || current.phase === 'submission' ? 'green' : 'blue'}>
            {t(B.phaseNow, { phase: t(PHASE_NAMES[current.phase]) })}
          </Tag>
        </p>
        <p class="govuk-body">
          {t(line, { date: end(current) })}
          {next ? ` ${t(B.nextPhase, { phase: t(PHASE_NAMES[next.phase]), date: formatDate(locale, next.startsAt) })}` : ''}
        </p>
      </>
    );
  }
  if (next && next === phases[0])
    return <p class="govuk-body">{t(B.notStarted, { date: formatDate(locale, next.startsAt), phase: t(PHASE_NAMES[next.phase]) })}</p>;
  if (next)
    return <p class="govuk-body">{`${t(B.between)} ${t(B.nextPhase, { phase: t(PHASE_NAMES[next.phase]), date: formatDate(locale, next.startsAt) })}`}</p>;
  return <p class="govuk-body">{t(B.finished)}</p>;
}

/** The home page's budget section: the newest editions and their current phase, or the empty state. */
export function BudgetHomeSection(props: { editions: EditionCard[]; now: Date }) {
  const t = useT();
  return (
    <section aria-labelledby="home-budget" class="govuk-!-margin-bottom-8">
      <h2 class="govuk-heading-l" id="home-budget">
        {t(B.homeHeading)}
      </h2>
      {props.editions.length === 0 ? (
        <p class="govuk-body">{t(B.homeEmpty)}</p>
      ) : (
        props.editions.map((e) => (
          <div class="civitas-card">
            <h3 class="govuk-heading-m civitas-card__title">
              <a class="govuk-link" href={`/budget/${e.id}`}>
                {e.name}
              </a>
            </h3>
            <NowLine edition={e} now={props.now} />
          </div>
        ))
      )}
      <p class="govuk-body">
        <a class="govuk-link" href="/budget">
          {t(B.homeAll)}
        </a>
      </p>
    </section>
  );
}

import { Button, Choices, Form, formatDate, TextInput, usePage, useT, type FieldLabels, type FormState } from '@civitas/web';
import type { Edition } from '../editions.service';
import { AuthorPage, MY_PROJECTS, poolFacts } from './submit-page.view';
import { S } from './submit.texts';

export const START_FIELDS: FieldLabels = { title: S.title, poolId: S.pool };

const startCrumbs = (edition: Edition) => [
  { href: '/budget', text: S.budget },
  { href: `/budget/${edition.id}`, text: edition.name },
];

/** The first step: the project's title, and its pool when the edition has more than one. */
export function StartView(props: { edition: Edition; form: FormState }) {
  const t = useT();
  const { locale } = usePage();
  const { edition } = props;
  const single = edition.pools.length === 1 ? edition.pools[0] : null;
  return (
    <AuthorPage
      title={t(S.startTitle)}
      docTitle={`${t(S.startTitle)}: ${edition.name}`}
      caption={edition.name}
      crumbs={startCrumbs(edition)}
      errors={props.form.errors}
    >
      <p class="govuk-body">{t(S.startLead)}</p>
      <Form action={`/budget/${edition.id}/submit`}>
        <TextInput name="title" label={S.title} hint={S.titleHint} form={props.form} maxlength={200} />
        {single ? (
          <>
            <input type="hidden" name="poolId" value={single.id} />
            <p class="govuk-body">
              <strong>{t(S.pool)}:</strong> {single.name}. {poolFacts(locale, single, t)}
            </p>
          </>
        ) : (
          <Choices
            type="radio"
            name="poolId"
            legend={S.poolLegend}
            hint={S.poolHint}
            form={props.form}
            legendSize="m"
            choices={edition.pools.map((p) => ({ value: p.id, label: p.name, hint: poolFacts(locale, p, t) }))}
          />
        )}
        <Button>{t(S.startButton)}</Button>
      </Form>
    </AuthorPage>
  );
}

/** Outside the submission phase (or without pools): when submission runs, and where one's projects are. */
export function SubmissionClosedView(props: { edition: Edition; now: Date }) {
  const t = useT();
  const { locale } = usePage();
  const { edition } = props;
  const w = edition.phases.find((p) => p.phase === 'submission');
  const end = w ? formatDate(locale, new Date(w.endsAt.getTime() - 1)) : '';
  let text: string;
  let title = t(S.closedTitle);
  if (!w) text = t(S.closedNone, { edition: edition.name });
  else if (w.startsAt.getTime() > props.now.getTime()) text = t(S.closedBefore, { edition: edition.name, start: formatDate(locale, w.startsAt), end });
  else if (w.endsAt.getTime() <= props.now.getTime()) text = t(S.closedAfter, { edition: edition.name, end });
  else {
    // Under way, but no pool to submit to.
    title = t(S.startTitle);
    text = t(S.noPools);
  }
  return (
    <AuthorPage title={title} docTitle={`${title}: ${edition.name}`} caption={edition.name} crumbs={startCrumbs(edition)}>
      <p class="govuk-body">{text}</p>
      <p class="govuk-body">
        {t(S.closedMine)}{' '}
        <a class="govuk-link" href={MY_PROJECTS}>
          {t(S.myProjects)}
        </a>
        .
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={`/budget/${edition.id}`}>
          {t(S.editionLink)}
        </a>
      </p>
    </AuthorPage>
  );
}

import { RULES } from '@civitas/tally';
import type { BallotList } from '@civitas/budget';
import { Button, Choices, DateText, DeskLayout, Form, FormErrors, Select, TextInput, useT, WarningText, type FormState } from '@civitas/web';
import { VOTE_TYPES } from '../ballots/ballot-spec';
import { METHODS, type VotingView } from '../ballots/voting-config.service';
import { deskPath, editionCrumbs, type DeskEdition } from './paper-desk.views';
import { VS } from './voting-setup.texts';

/** The policy form and one ballot form per pool; `forms` holds each form's state (the one just sent with its problems). */
export function VotingSetupView(props: {
  edition: DeskEdition;
  view: VotingView;
  locked: boolean;
  lists: BallotList[] | null;
  policy: FormState;
  specs: Record<string, FormState>;
  ballotErrors?: FormErrors;
}) {
  const t = useT();
  const e = props.edition;
  const v = props.view;
  const errors = props.ballotErrors ?? [props.policy, ...Object.values(props.specs)].find((f) => f.errors.any)?.errors;
  return (
    <DeskLayout title={t(VS.title)} caption={e.name} area="voting" breadcrumbs={editionCrumbs(e)} errors={errors}>
      <p class="govuk-body">{t(VS.lead)}</p>
      {props.locked ? <WarningText>{t(VS.locked)}</WarningText> : null}
      <h2 class="govuk-heading-m">{t(VS.policy)}</h2>
      {!v.policy ? <p class="govuk-body">{t(VS.noPolicy)}</p> : null}
      {v.tieSeed ? (
        <p class="govuk-body">
          {t(VS.seed, { seed: '' })}
          <code>{v.tieSeed}</code>
        </p>
      ) : null}
      <Form action={deskPath(e, '/setup/policy')}>
        <Choices type="checkbox" name="methods" legend={VS.methods} form={props.policy} choices={METHODS.map((m) => ({ value: m, label: VS[m] }))} />
        <TextInput name="minAge" label={VS.minAge} hint={VS.optionalNumber} form={props.policy} inputmode="numeric" width="3" />
        <TextInput name="guardianBelowAge" label={VS.guardianBelowAge} hint={VS.optionalNumber} form={props.policy} inputmode="numeric" width="3" />
        <Choices
          type="radio"
          name="duplicatePolicy"
          legend={VS.duplicatePolicy}
          form={props.policy}
          choices={[
            { value: 'first_counts', label: VS.first_counts },
            { value: 'void_all', label: VS.void_all },
          ]}
        />
        <TextInput name="maxAreaPools" label={VS.maxAreaPools} hint={VS.maxAreaPoolsHint} form={props.policy} inputmode="numeric" width="3" />
        <Select name="rule" label={VS.rule} form={props.policy} choices={RULES.map((r) => ({ value: r, label: r }))} />
        <TextInput name="threshold" label={VS.threshold} form={props.policy} inputmode="decimal" width="5" />
        <TextInput name="topUpPercent" label={VS.topUpPercent} hint={VS.topUpHint} form={props.policy} inputmode="decimal" width="4" />
        <Select
          name="completion"
          label={VS.completion}
          form={props.policy}
          choices={[
            { value: '', label: '—' },
            { value: 'none', label: VS.completionNone },
            { value: 'utilitarian', label: VS.completionUtilitarian },
          ]}
        />
        <TextInput name="retainIdentitiesUntil" label={VS.retainIdentitiesUntil} hint={VS.dateHint} form={props.policy} width="10" />
        <Button>{t(VS.savePolicy)}</Button>
      </Form>
      <h2 class="govuk-heading-m">{t(VS.pools)}</h2>
      {v.pools.length === 0 ? <p class="govuk-body">{t(VS.noPools)}</p> : null}
      {v.pools.map((p) => {
        const form = props.specs[p.id];
        const prefix = `pool-${p.id}`;
        return (
          <section aria-labelledby={`${prefix}-h`} class="govuk-!-margin-bottom-7">
            <h3 class="govuk-heading-s" id={`${prefix}-h`}>
              {t(VS.pool, { name: p.name })}
            </h3>
            {!p.spec ? <p class="govuk-body">{t(VS.notSet)}</p> : null}
            <Form action={deskPath(e, `/setup/pools/${p.id}`)}>
              <Choices
                type="radio"
                name={`${prefix}.voteType`}
                legend={VS.voteType}
                form={form}
                inline
                choices={VOTE_TYPES.map((k) => ({ value: k, label: VS[k] }))}
              />
              <TextInput name={`${prefix}.minLength`} label={VS.minLength} form={form} inputmode="numeric" width="3" />
              <TextInput name={`${prefix}.maxLength`} label={VS.maxLength} form={form} inputmode="numeric" width="3" />
              <TextInput name={`${prefix}.maxSumCost`} label={VS.maxSumCost} hint={VS.maxSumCostHint} form={form} inputmode="decimal" width="10" />
              <TextInput name={`${prefix}.pointsTotal`} label={VS.pointsTotal} form={form} inputmode="numeric" width="3" />
              <TextInput name={`${prefix}.maxPointsPerProject`} label={VS.maxPointsPerProject} form={form} inputmode="numeric" width="3" />
              <Choices
                type="checkbox"
                small
                name={`${prefix}.exactLength`}
                legend={VS.ordinal}
                form={form}
                choices={[{ value: 'true', label: VS.exactLength }]}
              />
              <Button>{t(VS.saveSpec)}</Button>
            </Form>
          </section>
        );
      })}
      <BallotLists edition={e} lists={props.lists} />
    </DeskLayout>
  );
}

/** The ballot lists once drawn up (per pool: the order, the lottery's seed, how many projects), or "draw them up now". */
function BallotLists(props: { edition: DeskEdition; lists: BallotList[] | null }) {
  const t = useT();
  const lists = props.lists;
  return (
    <section aria-labelledby="ballot-list-h">
      <h2 class="govuk-heading-m" id="ballot-list-h">
        {t(VS.ballotList)}
      </h2>
      {lists ? (
        <>
          <p class="govuk-body">
            {t(VS.ballotDrawnOn)} {lists[0] ? <DateText value={lists[0].createdAt} withTime /> : null}
          </p>
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-visually-hidden">{t(VS.ballotList)}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  {t(VS.ballotPool)}
                </th>
                <th scope="col" class="govuk-table__header">
                  {t(VS.ballotOrdering)}
                </th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                  {t(VS.ballotProjects)}
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {lists.map((l) => (
                <tr class="govuk-table__row">
                  <th scope="row" class="govuk-table__header">
                    {l.poolName}
                  </th>
                  <td class="govuk-table__cell">{l.ordering === 'lottery' ? t(VS.lottery, { seed: l.seed ?? '' }) : t(VS.alphabetical)}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{l.projects.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <>
          <p class="govuk-body">{t(VS.ballotNotDrawn)}</p>
          <Form action={deskPath(props.edition, '/setup/ballot')}>
            <Button variant="secondary">{t(VS.drawBallot)}</Button>
          </Form>
        </>
      )}
    </section>
  );
}

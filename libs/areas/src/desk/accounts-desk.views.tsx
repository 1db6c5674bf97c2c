import type { Text } from '@civitas/common';
import type { Account, AssignableRole, RoleGrant } from '@civitas/users';
import {
  Button,
  Choices,
  DateText,
  DeskLayout,
  emptyForm,
  Form,
  QueueCount,
  QueueFilters,
  QueuePagination,
  queueHref,
  Select,
  SummaryList,
  Tag,
  TextInput,
  useT,
  type FormState,
  type QueuePage,
} from '@civitas/web';
import type { AreaEntity } from '../area.entity';
import { AC } from './accounts-desk.texts';
import { treeRows } from './areas-desk.views';

export const ROLE_TEXT: Record<AssignableRole, Text> = { moderator: AC.moderator, official: AC.official, admin: AC.admin };
export const SCOPED: ReadonlyArray<'moderator' | 'official'> = ['moderator', 'official'];

/** "Official (the whole city)", "Moderator (areas: Śródmieście, Wola)" — each role held with its scope. */
function RolesText(props: { grants: readonly RoleGrant[]; areaName: (id: string) => string }) {
  const t = useT();
  const roles = (['admin', 'official', 'moderator'] as const).filter((r) => props.grants.some((g) => g.role === r));
  if (roles.length === 0) return <>{t(AC.resident)}</>;
  return (
    <ul class="govuk-list govuk-!-margin-bottom-0">
      {roles.map((r) => {
        const rows = props.grants.filter((g) => g.role === r);
        const every = rows.some((g) => g.areaId === null);
        return (
          <li>
            {t(ROLE_TEXT[r])} ({every ? t(AC.everyArea) : t(AC.inAreas, { areas: rows.map((g) => props.areaName(g.areaId as string)).join(', ') })})
          </li>
        );
      })}
    </ul>
  );
}

function StatusTag(props: { account: Account }) {
  const t = useT();
  const u = props.account.user;
  if (u.disabledAt) return <Tag colour="red">{t(AC.disabled)}</Tag>;
  if (!u.emailVerifiedAt) return <Tag colour="yellow">{t(AC.notVerified)}</Tag>;
  return <Tag colour="green">{t(AC.active)}</Tag>;
}

const areaNamer = (areas: readonly AreaEntity[]) => {
  const names = new Map(areas.map((a) => [a.id, a.name]));
  return (id: string) => names.get(id) ?? id;
};

/** Finding accounts: by a part of the address or name and by role, a page of 25 at a time. */
export function AccountsListView(props: { q: QueuePage<Account>; filters: { q: string; role: string }; areas: readonly AreaEntity[] }) {
  const t = useT();
  const form = emptyForm(props.filters);
  const name = areaNamer(props.areas);
  return (
    <DeskLayout title={t(AC.accounts)} area="admin">
      <QueueFilters action="/desk/admin/accounts">
        <TextInput name="q" label={AC.search} form={form} type="search" width="20" spellcheck={false} />
        <Select
          name="role"
          label={AC.role}
          form={form}
          choices={[{ value: '', label: AC.anyRole }, ...(['moderator', 'official', 'admin'] as const).map((r) => ({ value: r, label: ROLE_TEXT[r] }))]}
        />
      </QueueFilters>
      <QueueCount q={props.q} />
      {props.q.rows.length > 0 ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{t(AC.accounts)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(AC.name)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(AC.email)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(AC.roles)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(AC.status)}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.q.rows.map((a) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  <a class="govuk-link" href={`/desk/admin/accounts/${a.user.id}`}>
                    {a.user.displayName}
                  </a>
                </th>
                <td class="govuk-table__cell">{a.user.email}</td>
                <td class="govuk-table__cell">
                  <RolesText grants={a.grants} areaName={name} />
                </td>
                <td class="govuk-table__cell">
                  <StatusTag account={a} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <QueuePagination q={props.q} href={(p) => queueHref('/desk/admin/accounts', props.filters, p)} />
    </DeskLayout>
  );
}

/** The form's values for an account's grants: a scope per scoped role (none / all / some) with its areas, admin yes/no. */
export function rolesFormValues(grants: readonly RoleGrant[]): FormState['values'] {
  const values: FormState['values'] = { admin: grants.some((g) => g.role === 'admin') ? 'yes' : 'no' };
  for (const r of SCOPED) {
    const rows = grants.filter((g) => g.role === r);
    values[`scope_${r}`] = rows.length === 0 ? 'none' : rows.some((g) => g.areaId === null) ? 'all' : 'some';
    values[`areas_${r}`] = rows.flatMap((g) => (g.areaId ? [g.areaId] : []));
  }
  return values;
}

/** An account: who it is, and its roles with their scope (one form: saving replaces every role). */
export function AccountView(props: { account: Account; form: FormState; areas: readonly AreaEntity[] }) {
  const t = useT();
  const u = props.account.user;
  const areaChoices = treeRows(props.areas).map((r) => ({ value: r.area.id, label: `${'— '.repeat(r.depth)}${r.area.name}` }));
  return (
    <DeskLayout
      title={u.displayName}
      caption={t(AC.accountTitle)}
      area="admin"
      errors={props.form.errors}
      breadcrumbs={[{ text: t(AC.accounts), href: '/desk/admin/accounts' }]}
    >
      <SummaryList
        rows={[
          { key: t(AC.email), value: u.email },
          { key: t(AC.status), value: <StatusTag account={props.account} /> },
          { key: t(AC.language), value: u.locale === 'en' ? 'English' : 'Polski' },
          { key: t(AC.created), value: <DateText value={u.createdAt} /> },
          { key: t(AC.roles), value: <RolesText grants={props.account.grants} areaName={areaNamer(props.areas)} /> },
        ]}
      />
      <p class="govuk-body">
        <a class="govuk-link" href={`/desk/admin/accounts/${u.id}/organisation`}>
          {t(AC.organisation)}
        </a>
      </p>
      <h2 class="govuk-heading-m">{t(AC.rolesTitle)}</h2>
      <p class="govuk-body">{t(AC.rolesLead)}</p>
      <Form action={`/desk/admin/accounts/${u.id}/roles`}>
        {SCOPED.map((r) => (
          <>
            <Choices
              type="radio"
              name={`scope_${r}`}
              legend={{ pl: t(AC.scopeOf, { role: ROLE_TEXT[r].pl }), en: t(AC.scopeOf, { role: ROLE_TEXT[r].en }) }}
              legendSize="m"
              inline
              form={props.form}
              choices={[
                { value: 'none', label: AC.none },
                { value: 'all', label: AC.all },
                { value: 'some', label: AC.some },
              ]}
            />
            {areaChoices.length > 0 ? (
              <Choices
                type="checkbox"
                small
                name={`areas_${r}`}
                legend={{ pl: t(AC.areasOf, { role: ROLE_TEXT[r].pl }), en: t(AC.areasOf, { role: ROLE_TEXT[r].en }) }}
                hint={AC.areasHint}
                form={props.form}
                choices={areaChoices}
              />
            ) : null}
          </>
        ))}
        <Choices
          type="radio"
          name="admin"
          legend={AC.adminRole}
          legendSize="m"
          inline
          form={props.form}
          choices={[
            { value: 'no', label: AC.adminNo },
            { value: 'yes', label: AC.adminYes },
          ]}
        />
        <Button>{t(AC.saveRoles)}</Button>
      </Form>
      <p class="govuk-body">
        <a class="govuk-link" href="/desk/admin/accounts">
          {t(AC.back)}
        </a>
      </p>
    </DeskLayout>
  );
}

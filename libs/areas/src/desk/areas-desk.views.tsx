import type { Text } from '@civitas/common';
import { Button, DeskLayout, Form, formatNumber, Select, TextInput, Choices, usePage, useT, type FormState } from '@civitas/web';
import type { AreaEntity } from '../area.entity';
import { AREA_KINDS, type AreaKind } from '../area-hierarchy';
import { AD } from './areas-desk.texts';

export const KIND_TEXT: Record<AreaKind, Text> = { city: AD.city, district: AD.district, neighbourhood: AD.neighbourhood };

/** Areas in tree order with their depth (children under their parent, by the service's order). */
export function treeRows(areas: readonly AreaEntity[]): Array<{ area: AreaEntity; depth: number }> {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const out: Array<{ area: AreaEntity; depth: number }> = [];
  const walk = (parent: string | null, depth: number) => {
    for (const a of areas.filter((x) => (x.parentId && byId.has(x.parentId) ? x.parentId : null) === parent)) {
      out.push({ area: a, depth });
      walk(a.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The areas as a tree (indented names), kind, residents, and a change link each. */
export function AreasListView(props: { areas: readonly AreaEntity[] }) {
  const t = useT();
  const { locale } = usePage();
  const rows = treeRows(props.areas);
  const top = rows.filter((r) => r.depth === 0).reduce((n, r) => n + r.area.residentCount, 0);
  return (
    <DeskLayout title={t(AD.areas)} area="admin">
      <p class="govuk-body">{t(AD.lead)}</p>
      <a class="govuk-button" data-module="govuk-button" href="/desk/admin/areas/new" role="button" draggable={false}>
        {t(AD.add)}
      </a>
      {rows.length === 0 ? (
        <p class="govuk-body">{t(AD.none)}</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">{t(AD.areas)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(AD.name)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(AD.kind)}
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                {t(AD.residents)}
              </th>
              <th scope="col" class="govuk-table__header">
                <span class="govuk-visually-hidden">{t(AD.change)}</span>
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {rows.map(({ area, depth }) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  <span class={`civitas-tree civitas-tree--${Math.min(depth, 3)}`}>{area.name}</span>
                </th>
                <td class="govuk-table__cell">{t(KIND_TEXT[area.kind])}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{formatNumber(locale, area.residentCount)}</td>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/desk/admin/areas/${area.id}`}>
                    {t(AD.change)}
                    <span class="govuk-visually-hidden"> {area.name}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > 0 ? <p class="govuk-body">{t(AD.total, { n: formatNumber(locale, top) })}</p> : null}
    </DeskLayout>
  );
}

/** Adding or changing an area: name, kind, parent (the tree, without the area itself), residents. */
export function AreaFormView(props: { form: FormState; areas: readonly AreaEntity[]; area: AreaEntity | null }) {
  const t = useT();
  const self = props.area;
  const parents = treeRows(props.areas).filter((r) => r.area.id !== self?.id && r.area.kind !== 'neighbourhood');
  const title = self ? t(AD.editTitle) : t(AD.newTitle);
  return (
    <DeskLayout title={title} caption={self?.name} area="admin" errors={props.form.errors} breadcrumbs={[{ text: t(AD.areas), href: '/desk/admin/areas' }]}>
      <Form action={self ? `/desk/admin/areas/${self.id}` : '/desk/admin/areas/new'}>
        <TextInput name="name" label={AD.name} form={props.form} maxlength={200} width="30" />
        <Choices type="radio" name="kind" legend={AD.kind} form={props.form} inline choices={AREA_KINDS.map((k) => ({ value: k, label: KIND_TEXT[k] }))} />
        <Select
          name="parentId"
          label={AD.parent}
          hint={AD.parentHint}
          form={props.form}
          choices={[{ value: '', label: AD.noParent }, ...parents.map((r) => ({ value: r.area.id, label: `${'— '.repeat(r.depth)}${r.area.name}` }))]}
        />
        <TextInput name="residentCount" label={AD.residents} hint={AD.residentsHint} form={props.form} inputmode="numeric" width="10" />
        <div class="govuk-button-group">
          <Button>{t(AD.save)}</Button>
          <a class="govuk-link" href="/desk/admin/areas">
            {t(AD.cancel)}
          </a>
        </div>
      </Form>
    </DeskLayout>
  );
}

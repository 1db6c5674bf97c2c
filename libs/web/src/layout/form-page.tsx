import type { ComponentChildren } from 'preact';
import { ErrorSummary } from '../components/form';
import type { Crumb } from '../components/navigation';
import type { FormErrors } from '../forms/form';
import type { Section } from '../page/page-context';
import { Layout } from './layout';

/**
 * The page of a form (GOV.UK's question page): the layout, a two-thirds column, the error summary first (it takes
 * the focus after a failed submit), the h1, an optional lead paragraph, then the form and what follows it.
 */
export function FormPage(props: { title: string; errors: FormErrors; section?: Section; breadcrumbs?: Crumb[]; lead?: string; children: ComponentChildren }) {
  return (
    <Layout title={props.title} section={props.section} breadcrumbs={props.breadcrumbs} errors={props.errors}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={props.errors} />
          <h1 class="govuk-heading-l">{props.title}</h1>
          {props.lead ? <p class="govuk-body">{props.lead}</p> : null}
          {props.children}
        </div>
      </div>
    </Layout>
  );
}

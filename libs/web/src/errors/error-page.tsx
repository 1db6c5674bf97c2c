import type { Problem } from '@civitas/common';
import { Layout } from '../layout/layout';
import { usePage, useT } from '../page/page-context';
import { E } from './error.texts';

/** What an error page needs: the problem (status, code, the service's explanation) and, for 429, the wait. */
export interface ErrorPageProps {
  problem: Problem;
  retryAfter?: number;
}

function HomeLink() {
  const t = useT();
  return (
    <p class="govuk-body">
      <a class="govuk-link" href="/">
        {t(E.goHome)}
      </a>
    </p>
  );
}

/** The HTML page of an error on a page route: what happened and what to do next, in the visitor's language. */
export function ErrorPage({ problem, retryAfter }: ErrorPageProps) {
  const page = usePage();
  const t = useT();
  const status = problem.status;
  let title: string;
  let body;
  if (status === 404) {
    title = t(E.notFoundTitle);
    body = (
      <>
        <p class="govuk-body">{t(E.notFoundTyped)}</p>
        <p class="govuk-body">{t(E.notFoundPasted)}</p>
        <HomeLink />
      </>
    );
  } else if (problem.code === 'csrf_invalid') {
    title = t(E.csrfTitle);
    body = (
      <>
        <p class="govuk-body">{t(E.csrfBody)}</p>
        <HomeLink />
      </>
    );
  } else if (status === 403) {
    title = t(E.forbiddenTitle);
    body = (
      <>
        <p class="govuk-body">{page.user ? problem.detail : t(E.forbiddenSignIn)}</p>
        {page.user ? (
          <HomeLink />
        ) : (
          <p class="govuk-body">
            <a class="govuk-button" href={`/sign-in?next=${encodeURIComponent(page.path)}`}>
              {t(E.signIn)}
            </a>
          </p>
        )}
      </>
    );
  } else if (status === 409) {
    title = t(E.conflictTitle);
    body = (
      <>
        <p class="govuk-body">{problem.detail}</p>
        <p class="govuk-body">{t(E.conflictNext)}</p>
        <HomeLink />
      </>
    );
  } else if (status === 429) {
    title = t(E.tooManyTitle);
    body = (
      <>
        <p class="govuk-body">{t(E.tooManyBody)}</p>
        {retryAfter ? <p class="govuk-body">{t(E.tooManyRetry, { n: retryAfter })}</p> : null}
        <HomeLink />
      </>
    );
  } else if (status === 503) {
    title = t(E.unavailableTitle);
    body = (
      <>
        <p class="govuk-body">{t(E.unavailableBody)}</p>
        <HomeLink />
      </>
    );
  } else if (status >= 500) {
    title = t(E.serverErrorTitle);
    body = (
      <>
        <p class="govuk-body">{t(E.serverErrorBody)}</p>
        <p class="govuk-body">
          <code class="civitas-reference">{problem.requestId ?? page.requestId}</code>
        </p>
        {page.site.contactEmail ? (
          <p class="govuk-body">
            {t(E.contactUs)}{' '}
            <a class="govuk-link" href={`mailto:${page.site.contactEmail}`}>
              {page.site.contactEmail}
            </a>
          </p>
        ) : null}
        <HomeLink />
      </>
    );
  } else {
    title = t(E.badRequestTitle);
    body = (
      <>
        <p class="govuk-body">{problem.detail}</p>
        <p class="govuk-body">{t(E.badRequestBody)}</p>
        <HomeLink />
      </>
    );
  }
  return (
    <Layout title={title}>
      <h1 class="govuk-heading-l">{title}</h1>
      {body}
    </Layout>
  );
}

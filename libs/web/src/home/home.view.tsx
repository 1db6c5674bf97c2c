import type { VNode } from 'preact';
import { W } from '../components/web.texts';
import { Layout } from '../layout/layout';
import { usePage, useT } from '../page/page-context';
import { H } from './home.texts';

/** The home page: the city's name, what the platform is for, then every domain's section in order. */
export function HomeView(props: { sections: VNode[] }) {
  const page = usePage();
  const t = useT();
  const city = page.site.cityName[page.locale];
  return (
    <Layout title={t(W.home)}>
      <h1 class="govuk-heading-xl">{city}</h1>
      <p class="govuk-body-l">{t(H.lead)}</p>
      <h2 class="govuk-visually-hidden">{t(H.nowHeading)}</h2>
      {props.sections}
    </Layout>
  );
}

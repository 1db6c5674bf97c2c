import {
  Button,
  Choices,
  emptyForm,
  Form,
  FormPage,
  InsetText,
  Layout,
  Panel,
  TextInput,
  useT,
  type Choice,
  type FieldLabels,
  type FormState,
} from '@civitas/web';
import { N } from './subscription.texts';

export const SUBSCRIBE_FIELDS: FieldLabels = { email: N.email, topics: N.topics, locale: N.locale, frequency: N.frequency, ownActivity: N.ownActivity };

const LOCALES: Choice[] = [
  { value: 'pl', label: N.localePl },
  { value: 'en', label: N.localeEn },
];
const FREQUENCIES: Choice[] = [
  { value: 'immediate', label: N.immediate },
  { value: 'daily', label: N.daily },
];

function TopicChoices(props: { form: FormState; topics: Choice[] }) {
  const t = useT();
  if (props.topics.length === 0) return <p class="govuk-body">{t(N.noTopics)}</p>;
  return <Choices type="checkbox" name="topics" legend={N.topics} hint={N.topicsHint} legendSize="m" small form={props.form} choices={props.topics} />;
}

/** What a subscription is made of: topics, language, frequency and (for an address that has them) own-activity mails. */
function SettingsFields(props: { form: FormState; topics: Choice[]; ownActivity: boolean }) {
  return (
    <>
      <TopicChoices form={props.form} topics={props.topics} />
      <Choices type="radio" name="locale" legend={N.locale} legendSize="m" small inline form={props.form} choices={LOCALES} />
      <Choices type="radio" name="frequency" legend={N.frequency} legendSize="m" small form={props.form} choices={FREQUENCIES} />
      {props.ownActivity ? (
        <Choices
          type="checkbox"
          name="ownActivity"
          legend={N.ownActivity}
          legendSize="m"
          small
          form={props.form}
          choices={[{ value: 'true', label: N.ownActivityLabel }]}
        />
      ) : null}
    </>
  );
}

/** Subscribe (anonymous: with the address, double opt-in) or the account's own settings (signed in). */
export function SubscribeView(props: { form: FormState; topics: Choice[]; accountEmail: string | null }) {
  const t = useT();
  const account = props.accountEmail !== null;
  return (
    <FormPage title={t(N.subscribeTitle)} section="subscriptions" errors={props.form.errors} lead={t(N.subscribeLead)}>
      {account ? <InsetText>{t(N.accountLead, { email: props.accountEmail! })}</InsetText> : null}
      <Form action="/subscriptions/new">
        {account ? null : <TextInput name="email" label={N.email} hint={N.emailHint} form={props.form} type="email" autocomplete="email" spellcheck={false} />}
        <SettingsFields form={props.form} topics={props.topics} ownActivity={account} />
        <Button>{t(account ? N.saveButton : N.subscribeButton)}</Button>
      </Form>
    </FormPage>
  );
}

export function SubscribeSentView() {
  const t = useT();
  return (
    <Layout title={t(N.checkTitle)} section="subscriptions">
      <h1 class="govuk-heading-l">{t(N.checkTitle)}</h1>
      <p class="govuk-body">{t(N.checkBody)}</p>
    </Layout>
  );
}

/** The box at the end of the home page: an address and the two city-wide topics; more on the subscribe page. */
export function SubscribeBox() {
  const t = useT();
  const form = emptyForm({ topics: ['results', 'initiatives'] });
  return (
    <section class="civitas-subscribe" aria-labelledby="subscribe-box-title">
      <h2 class="govuk-heading-m" id="subscribe-box-title">
        {t(N.boxTitle)}
      </h2>
      <p class="govuk-body">{t(N.boxLead)}</p>
      <Form action="/subscriptions/new" id="subscribe-box">
        <TextInput name="email" label={N.email} form={form} type="email" autocomplete="email" spellcheck={false} width="30" />
        <Choices
          type="checkbox"
          name="topics"
          legend={N.topics}
          small
          form={form}
          choices={[
            { value: 'results', label: { pl: 'Wyniki głosowań budżetu obywatelskiego', en: 'Participatory budget results' } },
            { value: 'initiatives', label: { pl: 'Inicjatywy lokalne', en: 'Local initiatives' } },
          ]}
        />
        <input type="hidden" name="frequency" value="immediate" />
        <Button>{t(N.subscribeButton)}</Button>
      </Form>
      <p class="govuk-body govuk-!-margin-bottom-0">
        <a class="govuk-link" href="/subscriptions/new">
          {t(N.boxMore)}
        </a>
      </p>
    </section>
  );
}

export function ConfirmView(props: { action: string }) {
  const t = useT();
  return (
    <Layout title={t(N.confirmTitle)} section="subscriptions">
      <h1 class="govuk-heading-l">{t(N.confirmTitle)}</h1>
      <p class="govuk-body">{t(N.confirmBody)}</p>
      <Form action={props.action}>
        <Button>{t(N.confirmButton)}</Button>
      </Form>
      <p class="govuk-hint">{t(N.confirmNotMe)}</p>
    </Layout>
  );
}

export function ConfirmedView(props: { manageUrl: string; topicLabels: string[] }) {
  const t = useT();
  return (
    <Layout title={t(N.confirmedTitle)} section="subscriptions">
      <Panel title={t(N.confirmedTitle)} />
      {props.topicLabels.length ? (
        <>
          <p class="govuk-body">{t(N.confirmedTopics)}</p>
          <ul class="govuk-list govuk-list--bullet">
            {props.topicLabels.map((l) => (
              <li>{l}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p class="govuk-body">
        <a class="govuk-link" href={props.manageUrl}>
          {t(N.manageLink)}
        </a>
      </p>
    </Layout>
  );
}

export function InvalidLinkView() {
  const t = useT();
  return (
    <Layout title={t(N.invalidTitle)} section="subscriptions">
      <h1 class="govuk-heading-l">{t(N.invalidTitle)}</h1>
      <p class="govuk-body">{t(N.invalidBody)}</p>
    </Layout>
  );
}

/** The unsubscribe link's page: one button (RFC 8058 clients POST to the same address without it). */
export function UnsubscribeView(props: { action: string; scope: 'topics' | 'own' }) {
  const t = useT();
  const title = t(props.scope === 'own' ? N.unsubscribeTitleOwn : N.unsubscribeTitleTopics);
  return (
    <Layout title={title} section="subscriptions">
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">{t(props.scope === 'own' ? N.unsubscribeBodyOwn : N.unsubscribeBodyTopics)}</p>
      <Form action={props.action}>
        <Button>{t(N.unsubscribeButton)}</Button>
      </Form>
    </Layout>
  );
}

export function UnsubscribedView(props: { scope: 'topics' | 'own'; manageUrl: string }) {
  const t = useT();
  return (
    <Layout title={t(N.unsubscribedTitle)} section="subscriptions">
      <Panel title={t(N.unsubscribedTitle)} />
      <p class="govuk-body">{t(props.scope === 'own' ? N.unsubscribedOwn : N.unsubscribedTopics)}</p>
      <p class="govuk-body">
        {t(N.changedMind)}{' '}
        <a class="govuk-link" href={props.manageUrl}>
          {t(N.manageLink)}
        </a>
      </p>
    </Layout>
  );
}

export function ManageView(props: { form: FormState; topics: Choice[]; maskedEmail: string; action: string; unsubscribeAction: string }) {
  const t = useT();
  return (
    <FormPage title={t(N.manageTitle)} section="subscriptions" errors={props.form.errors}>
      <p class="govuk-body">
        {t(N.manageAddress)} <strong>{props.maskedEmail}</strong>
      </p>
      <Form action={props.action}>
        <SettingsFields form={props.form} topics={props.topics} ownActivity />
        <Button>{t(N.saveButton)}</Button>
      </Form>
      <h2 class="govuk-heading-m">{t(N.unsubscribeAllHeading)}</h2>
      <p class="govuk-body">{t(N.unsubscribeAllBody)}</p>
      <Form action={props.unsubscribeAction}>
        <Button variant="warning">{t(N.unsubscribeAllButton)}</Button>
      </Form>
    </FormPage>
  );
}

export function SavedView(props: { manageUrl: string }) {
  const t = useT();
  return (
    <Layout title={t(N.manageTitle)} section="subscriptions">
      <Panel title={t(N.saved)} />
      <p class="govuk-body">
        <a class="govuk-link" href={props.manageUrl}>
          {t(N.manageLink)}
        </a>
      </p>
    </Layout>
  );
}

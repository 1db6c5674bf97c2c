import type { Locale } from '@civitas/common';
import {
  Button,
  DateText,
  Form,
  formatDate,
  FormPage,
  InsetText,
  Layout,
  PasswordInput,
  SummaryList,
  Tag,
  Textarea,
  TextInput,
  usePage,
  useT,
  WarningText,
  type FieldLabels,
  type FormState,
} from '@civitas/web';
import type { DeletionRequest } from '@civitas/users';
import { A } from './account.texts';

export const SIGN_IN_FIELDS: FieldLabels = { email: A.email, password: A.password };
export const REGISTER_FIELDS: FieldLabels = { displayName: A.displayName, email: A.email, password: A.password };
export const FORGOT_FIELDS: FieldLabels = { email: A.email };
export const RESET_FIELDS: FieldLabels = { password: A.newPassword, token: A.newPassword };
export const CHANGE_PASSWORD_FIELDS: FieldLabels = { currentPassword: A.currentPassword, newPassword: A.newPassword };
export const DELETE_FIELDS: FieldLabels = { reason: A.reason, currentPassword: A.confirmPassword };
export const SETUP_FIELDS: FieldLabels = {
  cityNamePl: A.cityNamePl,
  cityNameEn: A.cityNameEn,
  displayName: A.displayName,
  email: A.email,
  password: A.password,
};

export function SignInView(props: { form: FormState; next: string | null }) {
  const t = useT();
  const action = props.next ? `/sign-in?next=${encodeURIComponent(props.next)}` : '/sign-in';
  return (
    <FormPage title={t(A.signInTitle)} errors={props.form.errors}>
      <Form action={action}>
        <TextInput name="email" label={A.email} form={props.form} type="email" autocomplete="email" spellcheck={false} />
        <PasswordInput name="password" label={A.password} form={props.form} autocomplete="current-password" />
        <Button>{t(A.signInButton)}</Button>
      </Form>
      <p class="govuk-body">
        <a class="govuk-link" href="/forgot-password">
          {t(A.forgotLink)}
        </a>
      </p>
      <h2 class="govuk-heading-m">{t(A.noAccount)}</h2>
      <p class="govuk-body">
        <a class="govuk-link" href="/register">
          {t(A.registerLink)}
        </a>
      </p>
    </FormPage>
  );
}

export function RegisterView(props: { form: FormState }) {
  const t = useT();
  return (
    <FormPage title={t(A.registerTitle)} errors={props.form.errors} lead={t(A.registerLead)}>
      <Form action="/register">
        <TextInput name="displayName" label={A.displayName} hint={A.displayNameHint} form={props.form} autocomplete="name" maxlength={100} />
        <TextInput name="email" label={A.email} hint={A.emailHint} form={props.form} type="email" autocomplete="email" spellcheck={false} />
        <PasswordInput name="password" label={A.password} hint={A.passwordHint} form={props.form} autocomplete="new-password" />
        <p class="govuk-body">
          <a class="govuk-link" href="/privacy">
            {t(A.privacyNote)}
          </a>
        </p>
        <Button>{t(A.registerButton)}</Button>
      </Form>
      <p class="govuk-body">
        {t(A.haveAccount)}{' '}
        <a class="govuk-link" href="/sign-in">
          {t(A.signInTitle)}
        </a>
      </p>
    </FormPage>
  );
}

export function CheckEmailView(props: { purpose: 'register' | 'reset' }) {
  const t = useT();
  return (
    <Layout title={t(A.checkEmailTitle)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{t(A.checkEmailTitle)}</h1>
          <p class="govuk-body">{t(props.purpose === 'register' ? A.checkEmailRegister : A.checkEmailReset)}</p>
          <InsetText>{t(A.checkEmailSpam)}</InsetText>
        </div>
      </div>
    </Layout>
  );
}

/** The page behind a mailed link: one button that posts the token (a mail scanner following the link changes nothing). */
export function ConfirmLinkView(props: { action: string; token: string; title: string; lead: string; button: string }) {
  return (
    <Layout title={props.title}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{props.title}</h1>
          <p class="govuk-body">{props.lead}</p>
          <Form action={props.action}>
            <input type="hidden" name="token" value={props.token} />
            <Button>{props.button}</Button>
          </Form>
        </div>
      </div>
    </Layout>
  );
}

/** A mailed link that is invalid, expired or used: what happened and how to get a new one. */
export function LinkProblemView(props: { message: string; purpose: 'verify' | 'reset' }) {
  const t = useT();
  return (
    <Layout title={t(A.linkProblemTitle)}>
      <h1 class="govuk-heading-l">{t(A.linkProblemTitle)}</h1>
      <p class="govuk-body">{props.message}</p>
      <p class="govuk-body">
        {props.purpose === 'verify' ? (
          <a class="govuk-link" href="/register">
            {t(A.linkProblemRegister)}
          </a>
        ) : (
          <a class="govuk-link" href="/forgot-password">
            {t(A.linkProblemReset)}
          </a>
        )}
      </p>
    </Layout>
  );
}

export function ForgotPasswordView(props: { form: FormState }) {
  const t = useT();
  return (
    <FormPage title={t(A.forgotTitle)} errors={props.form.errors} lead={t(A.forgotLead)}>
      <Form action="/forgot-password">
        <TextInput name="email" label={A.email} form={props.form} type="email" autocomplete="email" spellcheck={false} />
        <Button>{t(A.forgotButton)}</Button>
      </Form>
    </FormPage>
  );
}

export function ResetPasswordView(props: { form: FormState; token: string }) {
  const t = useT();
  return (
    <FormPage title={t(A.resetTitle)} errors={props.form.errors}>
      <Form action="/reset-password">
        <input type="hidden" name="token" value={props.token} />
        <PasswordInput name="password" label={A.newPassword} hint={A.passwordHint} form={props.form} autocomplete="new-password" />
        <Button>{t(A.resetButton)}</Button>
      </Form>
    </FormPage>
  );
}

export interface AccountSummary {
  displayName: string;
  email: string;
  locale: Locale;
  emailVerified: boolean;
  createdAt: Date;
  roles: Array<{ role: 'resident' | 'moderator' | 'official' | 'admin'; areas: number | null }>;
  deletion: DeletionRequest | null;
}

const ROLE_TEXT = { resident: A.roleResident, moderator: A.roleModerator, official: A.roleOfficial, admin: A.roleAdmin };

export function AccountView(props: { account: AccountSummary }) {
  const t = useT();
  const page = usePage();
  const a = props.account;
  const pending = a.deletion?.status === 'pending' ? a.deletion : null;
  const declined = a.deletion?.status === 'declined' ? a.deletion : null;
  return (
    <Layout title={t(A.accountTitle)} section="account">
      <h1 class="govuk-heading-l">{t(A.accountTitle)}</h1>
      {pending ? (
        <div class="govuk-inset-text">
          <p class="govuk-body">{t(A.deletionPendingNote, { date: formatDate(page.locale, pending.requestedAt) })}</p>
          <Form action="/account/delete/withdraw">
            <Button variant="secondary">{t(A.withdrawButton)}</Button>
          </Form>
        </div>
      ) : null}
      {declined ? (
        <InsetText>
          {t(A.deletionDeclinedNote, { date: formatDate(page.locale, declined.requestedAt) })}
          {declined.decisionNote ? ` ${declined.decisionNote}` : ''}
        </InsetText>
      ) : null}
      <h2 class="govuk-heading-m">{t(A.profileHeading)}</h2>
      <SummaryList
        rows={[
          { key: A.displayName, value: a.displayName },
          { key: A.email, value: a.email },
          { key: A.emailStatus, value: a.emailVerified ? <Tag colour="green">{t(A.emailVerified)}</Tag> : <Tag colour="yellow">{t(A.emailNotVerified)}</Tag> },
          { key: A.language, value: t(a.locale === 'pl' ? A.languagePl : A.languageEn) },
          { key: A.memberSince, value: <DateText value={a.createdAt} /> },
        ]}
      />
      <h2 class="govuk-heading-m">{t(A.rolesHeading)}</h2>
      <ul class="govuk-list govuk-list--bullet">
        {a.roles.map((r) => (
          <li>
            {t(ROLE_TEXT[r.role])}
            {r.role !== 'resident' ? ` — ${r.areas === null ? t(A.roleEverywhere) : t(A.roleAreas, { n: r.areas })}` : ''}
          </li>
        ))}
      </ul>
      <h2 class="govuk-heading-m">{t(A.activityHeading)}</h2>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href="/budget/my-projects">
            {t(A.myProjectsLink)}
          </a>
        </li>
      </ul>
      <h2 class="govuk-heading-m">{t(A.securityHeading)}</h2>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href="/account/password">
            {t(A.changePasswordLink)}
          </a>
        </li>
        <li>
          <a class="govuk-link" href="/subscriptions/new">
            {t(A.notificationsLink)}
          </a>
        </li>
      </ul>
      <h2 class="govuk-heading-m">{t(A.dataHeading)}</h2>
      <p class="govuk-body">{t(A.dataLead)}</p>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href="/account/data" download>
            {t(A.downloadData)}
          </a>
        </li>
        {pending ? null : (
          <li>
            <a class="govuk-link" href="/account/delete">
              {t(A.deleteLink)}
            </a>
          </li>
        )}
      </ul>
    </Layout>
  );
}

/** The button of an account form, and the way back to the account page without sending it. */
function SubmitOrCancel(props: { button: string; warning?: boolean }) {
  const t = useT();
  return (
    <div class="govuk-button-group">
      <Button variant={props.warning ? 'warning' : undefined}>{props.button}</Button>
      <a class="govuk-link" href="/account">
        {t(A.cancel)}
      </a>
    </div>
  );
}

const ACCOUNT_CRUMBS = [{ href: '/account', text: A.accountTitle }];

export function ChangePasswordView(props: { form: FormState }) {
  const t = useT();
  return (
    <FormPage title={t(A.changePasswordTitle)} section="account" breadcrumbs={ACCOUNT_CRUMBS} errors={props.form.errors} lead={t(A.changePasswordLead)}>
      <Form action="/account/password">
        <PasswordInput name="currentPassword" label={A.currentPassword} form={props.form} autocomplete="current-password" />
        <PasswordInput name="newPassword" label={A.newPassword} hint={A.passwordHint} form={props.form} autocomplete="new-password" />
        <SubmitOrCancel button={t(A.changePasswordButton)} />
      </Form>
    </FormPage>
  );
}

export function DeleteAccountView(props: { form: FormState }) {
  const t = useT();
  return (
    <FormPage title={t(A.deleteTitle)} section="account" breadcrumbs={ACCOUNT_CRUMBS} errors={props.form.errors} lead={t(A.deleteLead)}>
      <WarningText>{t(A.deleteWarning)}</WarningText>
      <Form action="/account/delete">
        <Textarea name="reason" label={A.reason} hint={A.reasonHint} optional form={props.form} maxlength={2000} rows={4} />
        <PasswordInput name="currentPassword" label={A.confirmPassword} form={props.form} autocomplete="current-password" />
        <SubmitOrCancel button={t(A.deleteButton)} warning />
      </Form>
    </FormPage>
  );
}

export function SetupView(props: { form: FormState }) {
  const t = useT();
  return (
    <FormPage title={t(A.setupTitle)} errors={props.form.errors} lead={t(A.setupLead)}>
      <Form action="/setup">
        <h2 class="govuk-heading-m">{t(A.cityHeading)}</h2>
        <TextInput name="cityNamePl" label={A.cityNamePl} hint={A.cityNamePlHint} form={props.form} autocomplete="organization" maxlength={120} />
        <TextInput name="cityNameEn" label={A.cityNameEn} hint={A.cityNameEnHint} optional form={props.form} maxlength={120} />
        <h2 class="govuk-heading-m">{t(A.adminHeading)}</h2>
        <TextInput name="displayName" label={A.displayName} form={props.form} autocomplete="name" maxlength={100} />
        <TextInput name="email" label={A.email} form={props.form} type="email" autocomplete="email" spellcheck={false} />
        <PasswordInput name="password" label={A.password} hint={A.passwordHint} form={props.form} autocomplete="new-password" />
        <Button>{t(A.setupButton)}</Button>
      </Form>
    </FormPage>
  );
}

import { formatNumber, isoDate } from '../i18n/format';
import { Layout } from '../layout/layout';
import { usePage, useT } from '../page/page-context';
import { S } from './site.texts';

/** What the browser tests measured (written by `npm run test:browser`, shipped with the assets). */
export interface AccessibilityReport {
  generatedAt: string;
  axeVersion: string;
  pages: Array<{ path: string; state: string; violations: number }>;
  violations: number;
}

/**
 * The accessibility statement (deklaracja dostępności) in the structure of the Polish template, with the element
 * ids the official checkers look for (a11y-wstep, a11y-podmiot, a11y-url, a11y-data-…, a11y-status, a11y-kontakt…).
 */
export function AccessibilityView(props: { publicUrl: string; report: AccessibilityReport | null; reportUrl: string | null; preparedOn: string }) {
  const page = usePage();
  const t = useT();
  const s = page.site;
  const a = s.accessibility;
  const city = s.cityName[page.locale];
  const notSet = t(S.notSet);
  const r = props.report;
  return (
    <Layout title={t(S.a11yTitle)}>
      <h1 class="govuk-heading-xl">{t(S.a11yTitle)}</h1>
      <p class="govuk-body" id="a11y-wstep">
        {t(S.a11yIntro).split('{entity}')[0]}
        <span id="a11y-podmiot">{city}</span>
        {t(S.a11yIntro).split('{entity}')[1]}{' '}
        <a class="govuk-link" id="a11y-url" href={props.publicUrl}>
          {props.publicUrl}
        </a>
        .
      </p>
      <ul class="govuk-list">
        <li>
          {t(S.a11yPublished)} <span id="a11y-data-publikacja">{a.published ?? notSet}</span>
        </li>
        <li>
          {t(S.a11yUpdated)} <span id="a11y-data-aktualizacja">{a.updated ?? a.published ?? notSet}</span>
        </li>
      </ul>

      <h2 class="govuk-heading-m">{t(S.a11yStatusHeading)}</h2>
      <p class="govuk-body" id="a11y-status">
        {t(S.a11yStatus)}
      </p>
      <h3 class="govuk-heading-s">{t(S.a11yExceptionsHeading)}</h3>
      <ul class="govuk-list govuk-list--bullet">
        <li>{t(S.a11yExceptionUploads)}</li>
        <li>{t(S.a11yExceptionApiDocs)}</li>
      </ul>

      <h2 class="govuk-heading-m">{t(S.a11yPreparedHeading)}</h2>
      <p class="govuk-body">
        {t(S.a11yPrepared)} <span id="a11y-data-sporzadzenie">{props.preparedOn}</span>. {t(S.a11ySelfAssessment)}
      </p>
      <h3 class="govuk-heading-s">{t(S.a11yTestsHeading)}</h3>
      {r ? (
        <>
          <p class="govuk-body">
            {t(S.a11yTests, {
              paths: formatNumber(page.locale, new Set(r.pages.map((p) => p.path)).size),
              states: formatNumber(page.locale, r.pages.length),
              axe: r.axeVersion,
              date: isoDate(r.generatedAt),
              violations: formatNumber(page.locale, r.violations),
            })}
          </p>
          <p class="govuk-body">{t(S.a11yTestsJourneys)}</p>
          {props.reportUrl ? (
            <p class="govuk-body">
              <a class="govuk-link" href={props.reportUrl}>
                {t(S.a11yTestsReport)}
              </a>
            </p>
          ) : null}
        </>
      ) : (
        <p class="govuk-body">{t(S.a11yTestsNone)}</p>
      )}

      <h2 class="govuk-heading-m">{t(S.a11yKeyboardHeading)}</h2>
      <p class="govuk-body">{t(S.a11yKeyboard)}</p>

      <h2 class="govuk-heading-m" id="a11y-kontakt">
        {t(S.a11yContactHeading)}
      </h2>
      {a.contactName || a.contactEmail || a.contactPhone ? (
        <p class="govuk-body">
          {t(S.a11yContactIntro)} {t(S.a11yContactPerson)} <span id="a11y-osoba">{a.contactName ?? notSet}</span>, {t(S.a11yContactEmail)}{' '}
          <span id="a11y-email">
            {a.contactEmail ? (
              <a class="govuk-link" href={`mailto:${a.contactEmail}`}>
                {a.contactEmail}
              </a>
            ) : (
              notSet
            )}
          </span>
          . {t(S.a11yContactPhone)} <span id="a11y-telefon">{a.contactPhone ?? notSet}</span>. {t(S.a11yContactSame)}
        </p>
      ) : (
        <p class="govuk-body">{t(S.a11yNoContact)}</p>
      )}

      <h2 class="govuk-heading-m" id="a11y-procedura">
        {t(S.a11yProcedureHeading)}
      </h2>
      <p class="govuk-body">{t(S.a11yProcedure1)}</p>
      <p class="govuk-body">{t(S.a11yProcedure2)}</p>
      <p class="govuk-body">{t(S.a11yProcedure3)}</p>
      <p class="govuk-body">{t(S.a11yProcedure4)}</p>
      <p class="govuk-body">
        <a class="govuk-link" href="https://bip.brpo.gov.pl/">
          {t(S.a11yRpo)}
        </a>
      </p>

      <h2 class="govuk-heading-m" id="a11y-architektura">
        {t(S.a11yArchitectureHeading)}
      </h2>
      <p class="govuk-body">
        {t(S.a11yArchitecture)} {s.address ?? notSet}
        {s.contactEmail ? (
          <>
            {', '}
            <a class="govuk-link" href={`mailto:${s.contactEmail}`}>
              {s.contactEmail}
            </a>
          </>
        ) : null}
        .
      </p>

      <h2 class="govuk-heading-m" id="a11y-aplikacje">
        {t(S.a11yAppsHeading)}
      </h2>
      <p class="govuk-body">{t(S.a11yApps)}</p>
    </Layout>
  );
}

/** The privacy notice (klauzula informacyjna, art. 13 RODO), filled from the city's configuration. */
export function PrivacyView() {
  const page = usePage();
  const t = useT();
  const s = page.site;
  const city = s.cityName[page.locale];
  return (
    <Layout title={t(S.privacyTitle)}>
      <h1 class="govuk-heading-xl">{t(S.privacyTitle)}</h1>
      <p class="govuk-body">{t(S.privacyIntro)}</p>
      <h2 class="govuk-heading-m">{t(S.privacyControllerHeading)}</h2>
      <p class="govuk-body">
        {t(S.privacyController, { city })}
        {s.address ? ` ${s.address}.` : ''}
        {s.contactEmail ? (
          <>
            {' '}
            <a class="govuk-link" href={`mailto:${s.contactEmail}`}>
              {s.contactEmail}
            </a>
          </>
        ) : null}
      </p>
      <h2 class="govuk-heading-m">{t(S.privacyDpoHeading)}</h2>
      <p class="govuk-body">
        {s.dpoEmail ? (
          <>
            {t(S.privacyDpo)}{' '}
            <a class="govuk-link" href={`mailto:${s.dpoEmail}`}>
              {s.dpoEmail}
            </a>
            .
          </>
        ) : (
          t(S.privacyDpoNone)
        )}
      </p>
      <h2 class="govuk-heading-m">{t(S.privacyPurposesHeading)}</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>{t(S.privacyPurposeAccount)}</li>
        <li>{t(S.privacyPurposeVote)}</li>
        <li>{t(S.privacyPurposeSubscription)}</li>
      </ul>
      <h2 class="govuk-heading-m">{t(S.privacyRetentionHeading)}</h2>
      <p class="govuk-body">{t(S.privacyRetention)}</p>
      <h2 class="govuk-heading-m">{t(S.privacyRightsHeading)}</h2>
      <p class="govuk-body">{t(S.privacyRights)}</p>
      <p class="govuk-body">{t(S.privacyNoProfiling)}</p>
      <h2 class="govuk-heading-m">{t(S.privacyCookiesHeading)}</h2>
      <p class="govuk-body">{t(S.privacyCookies)}</p>
    </Layout>
  );
}

import type { Crumb } from '@civitas/web';
import { Layout, Money, SummaryList, usePage, useT } from '@civitas/web';
import { RECOUNT_CLIENT_TEXTS, R } from './recount-pages.texts';

/** A pool of published results, as the recount page offers it. */
export interface RecountPool {
  poolId: string;
  name: string;
  /** Grosze. */
  budget: number;
  validBallots: number;
  /** The input SHA-256 the city recorded for the published tally. */
  inputsSha256: string;
}

/** What the recount module needs: the worker's fingerprinted address and its texts in the page's language. */
export interface RecountScript {
  workerUrl: string;
}

const pbUrl = (editionId: string, poolId: string) => `/api/v1/editions/${editionId}/pools/${poolId}/results.pb`;
const resultsUrl = (editionId: string) => `/api/v1/editions/${editionId}/results`;

function clientTexts(locale: 'pl' | 'en'): string {
  return JSON.stringify(Object.fromEntries(Object.entries(RECOUNT_CLIENT_TEXTS).map(([k, v]) => [k, v[locale]])));
}

function crumbs(edition: { id: string; name: string }): Crumb[] {
  return [
    { href: '/', text: R.home },
    { href: '/budget', text: R.budget },
    { href: `/budget/${edition.id}`, text: edition.name },
    { href: `/budget/${edition.id}/results`, text: R.results },
  ];
}

/** How to recount on the command line: the same engine, with the file downloaded. */
function CommandLine(props: { file?: boolean }) {
  const t = useT();
  return (
    <>
      <h2 class="govuk-heading-m" id="command-line">
        {t(R.cliHeading)}
      </h2>
      {props.file ? (
        <>
          <p class="govuk-body">{t(R.fileCli)}</p>
          <p class="govuk-body">
            <code class="civitas-seed">{t(R.fileCommand)}</code>
          </p>
          <p class="govuk-body">{t(R.cliStep3)}</p>
        </>
      ) : (
        <ol class="govuk-list govuk-list--number">
          <li>{t(R.cliStep1)}</li>
          <li>
            {t(R.cliStep2)}
            <br />
            <code class="civitas-seed">npm run cli -- tally results.pb</code>
          </li>
          <li>{t(R.cliStep3)}</li>
        </ol>
      )}
      <p class="govuk-body">{t(R.cliFileNote)}</p>
    </>
  );
}

/**
 * /budget/:editionId/results/recount. Before publication: that the recount comes with the results, and nothing else
 * (the embargo: no count of any kind). Once published, per pool: the published input hash, the downloads, and — with
 * JavaScript — "Recount" (the published results.pb run through the tally engine in a Web Worker and compared with the
 * published results) and a recount of one's own copy of the file. Without JavaScript the page says so and how to
 * recount on the command line with the same downloads.
 */
export function EditionRecountView(props: { edition: { id: string; name: string }; pools: RecountPool[] | null; script: RecountScript }) {
  const { locale } = usePage();
  const t = useT();
  const e = props.edition;
  const title = t(R.editionTitle);
  return (
    <Layout title={`${title}: ${e.name}`} section="budget" breadcrumbs={crumbs(e)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l">{e.name}</span>
          <h1 class="govuk-heading-l">{title}</h1>
          {props.pools === null ? (
            <>
              <p class="govuk-body-l">{t(R.notPublished)}</p>
              <p class="govuk-body">{t(R.notPublishedMore)}</p>
              <ul class="govuk-list">
                <li>
                  <a class="govuk-link" href={`/budget/${e.id}`}>
                    {t(R.linkEdition)}
                  </a>
                </li>
                <li>
                  <a class="govuk-link" href="/recount">
                    {t(R.linkAnyFile)}
                  </a>
                </li>
              </ul>
            </>
          ) : (
            <>
              <p class="govuk-body">{t(R.intro)}</p>
              <p class="govuk-body">{t(R.hashMeaning)}</p>
              <div class="govuk-inset-text" data-recount-nojs>
                {t(R.noJs)}
              </div>
              {props.pools.length === 0 ? <p class="govuk-body">{t(R.noPools)}</p> : null}
              <div data-civitas-recount data-worker={props.script.workerUrl} data-texts={clientTexts(locale)}>
                {props.pools.map((pool, i) => (
                  <section
                    class="govuk-!-margin-bottom-8"
                    aria-labelledby={`pool-${i}`}
                    data-recount-pool={pool.poolId}
                    data-pb={pbUrl(e.id, pool.poolId)}
                    data-results={resultsUrl(e.id)}
                    data-sha256={pool.inputsSha256}
                  >
                    <h2 class="govuk-heading-m" id={`pool-${i}`}>
                      {t(R.pool, { pool: pool.name })}
                    </h2>
                    <SummaryList
                      rows={[
                        { key: R.budgetKey, value: <Money grosze={pool.budget} /> },
                        { key: R.ballotsKey, value: pool.validBallots.toLocaleString(locale === 'pl' ? 'pl-PL' : 'en-GB') },
                        {
                          key: R.publishedSha,
                          value: (
                            <code class="civitas-seed" data-recount-published-sha>
                              {pool.inputsSha256}
                            </code>
                          ),
                        },
                      ]}
                    />
                    <h3 class="govuk-heading-s">{t(R.downloads)}</h3>
                    <ul class="govuk-list">
                      <li>
                        <a class="govuk-link" href={pbUrl(e.id, pool.poolId)}>
                          {t(R.downloadPb, { pool: pool.name })}
                        </a>
                      </li>
                      <li>
                        <a class="govuk-link" href={resultsUrl(e.id)}>
                          {t(R.downloadJson)}
                        </a>
                      </li>
                    </ul>
                    <div data-recount-js hidden>
                      <button type="button" class="govuk-button" data-module="govuk-button" data-recount-run>
                        {t(R.recount)}
                        <span class="govuk-visually-hidden"> {t(R.recountHidden, { pool: pool.name })}</span>
                      </button>
                      <div class="govuk-form-group" data-recount-file-group>
                        <label class="govuk-label" for={`own-file-${i}`}>
                          {t(R.ownFile)}
                        </label>
                        <div class="govuk-hint" id={`own-file-${i}-hint`}>
                          {t(R.ownFileHint)}
                        </div>
                        <p class="govuk-error-message" id={`own-file-${i}-error`} data-recount-file-error hidden></p>
                        <input
                          class="govuk-file-upload"
                          type="file"
                          id={`own-file-${i}`}
                          accept=".pb,text/plain"
                          aria-describedby={`own-file-${i}-hint`}
                          data-recount-file
                        />
                      </div>
                      <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-recount-own>
                        {t(R.recountChosen)}
                        <span class="govuk-visually-hidden"> ({t(R.recountHidden, { pool: pool.name })})</span>
                      </button>
                      <div class="govuk-body" role="status" aria-live="polite" data-recount-status></div>
                      <div data-recount-result></div>
                    </div>
                  </section>
                ))}
              </div>
              <CommandLine />
              <p class="govuk-body">
                <a class="govuk-link" href="/recount">
                  {t(R.linkAnyFile)}
                </a>
              </p>
            </>
          )}
        </div>
      </div>
    </Layout>
  );
}

/**
 * /recount: a `.pb` file the visitor chooses, read in the browser (never uploaded) and tallied there — its outcome
 * (selected projects, money), its input SHA-256 and the SHA-256 of the file. Without JavaScript: the command line.
 */
export function FileRecountView(props: { rules: readonly string[]; script: RecountScript }) {
  const { locale } = usePage();
  const t = useT();
  const title = t(R.fileTitle);
  return (
    <Layout
      title={title}
      section="budget"
      breadcrumbs={[
        { href: '/', text: R.home },
        { href: '/budget', text: R.budget },
      ]}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{title}</h1>
          <p class="govuk-body">{t(R.fileIntro)}</p>
          <p class="govuk-body">{t(R.hashMeaning)}</p>
          <div class="govuk-inset-text" data-recount-nojs>
            {t(R.fileNoJs)}
          </div>
          <div data-civitas-recount data-worker={props.script.workerUrl} data-texts={clientTexts(locale)}>
            <div data-recount-any>
              <div data-recount-js hidden>
                <div class="govuk-form-group" data-recount-file-group>
                  <label class="govuk-label govuk-label--s" for="recount-file">
                    {t(R.fileLabel)}
                  </label>
                  <p class="govuk-error-message" id="recount-file-error" data-recount-file-error hidden></p>
                  <input class="govuk-file-upload" type="file" id="recount-file" accept=".pb,text/plain" data-recount-file />
                </div>
                <div class="govuk-form-group">
                  <label class="govuk-label govuk-label--s" for="recount-rule">
                    {t(R.ruleLabel)}
                  </label>
                  <div class="govuk-hint" id="recount-rule-hint">
                    {t(R.ruleHint)}
                  </div>
                  <select class="govuk-select" id="recount-rule" aria-describedby="recount-rule-hint" data-recount-rule>
                    <option value="">{t(R.ruleOfFile)}</option>
                    {props.rules.map((r) => (
                      <option value={r}>{r}</option>
                    ))}
                  </select>
                </div>
                <div class="govuk-form-group" data-recount-top-up-group>
                  <label class="govuk-label govuk-label--s" for="recount-top-up">
                    {t(R.topUpLabel)}
                  </label>
                  <div class="govuk-hint" id="recount-top-up-hint">
                    {t(R.topUpHint)}
                  </div>
                  <p class="govuk-error-message" id="recount-top-up-error" data-recount-top-up-error hidden></p>
                  <input
                    class="govuk-input govuk-input--width-4"
                    type="text"
                    inputmode="decimal"
                    id="recount-top-up"
                    aria-describedby="recount-top-up-hint"
                    spellcheck={false}
                    data-recount-top-up
                  />
                </div>
                <button type="button" class="govuk-button" data-module="govuk-button" data-recount-own>
                  {t(R.recount)}
                </button>
                <div class="govuk-body" role="status" aria-live="polite" data-recount-status></div>
                <div data-recount-result></div>
              </div>
            </div>
          </div>
          <CommandLine file />
          <p class="govuk-body">{t(R.fileEditions)}</p>
        </div>
      </div>
    </Layout>
  );
}

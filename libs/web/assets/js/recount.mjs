// The recount in the browser (/budget/:editionId/results/recount and /recount). Runs the tally engine — the same
// libs/tally the city counts with, bundled as tally.js — on the visitor's machine, in a Web Worker (recount-worker.js:
// the page stays responsive and shows progress), or on the page's thread where a worker cannot start.
//
// On an edition's page, per pool: "Recount" downloads the pool's published results.pb and the published results, runs
// the engine on the file, and compares its outcome with the published one — the selected projects in their order,
// every project's cost, votes, score, selection and place, the money, the ballots, the top-up, and the input SHA-256 —
// saying "the recount agrees" or listing exactly where it differs. A copy of the file the visitor chooses is compared
// the same way. On /recount a chosen .pb file is tallied and its outcome shown, with its input hash and file hash.
// Files are read with FileReader and never leave the browser.
//
// The page works without this module: it then says that the recount needs JavaScript and how to recount on the
// command line. Texts come from the page (data-texts, in its language); everything is written with textContent.

/** The published outcome of a pool against a recount's: a list of differences, empty when they agree. */
export function compareWithPublished(result, pool, publishedSha) {
  const diffs = [];
  const differ = (field, expected, got, project) => diffs.push({ field, expected, got, ...(project ? { project } : {}) });
  const amount = (x) => (x === null || x === undefined ? null : String(x));
  if (amount(pool.budget) !== result.budgetGrosze) differ('budget', amount(pool.budget), result.budgetGrosze);
  if (amount(pool.spent) !== result.spentGrosze) differ('spent', amount(pool.spent), result.spentGrosze);
  if (pool.ballots.valid !== result.ballots.valid) differ('valid', pool.ballots.valid, result.ballots.valid);
  if (pool.ballots.invalid !== result.ballots.invalid.length) differ('invalid', pool.ballots.invalid, result.ballots.invalid.length);
  if (pool.ballots.total !== result.ballots.total) differ('total', pool.ballots.total, result.ballots.total);

  const recounted = new Map(result.projects.map((p) => [p.id, p]));
  const position = new Map();
  pool.projects
    .filter((p) => p.selected)
    .sort((a, b) => a.rank - b.rank)
    .forEach((p, i) => position.set(p.code, i + 1));
  for (const p of pool.projects) {
    const r = recounted.get(p.code);
    const project = { code: p.code, title: p.title };
    if (!r) {
      differ('presence', true, false, project);
      continue;
    }
    if (String(p.cost) !== r.costGrosze) differ('cost', String(p.cost), r.costGrosze, project);
    if (p.votes !== r.votes) differ('votes', p.votes, r.votes, project);
    if (p.score !== r.score) differ('score', p.score, r.score, project);
    if (p.selected !== r.selected) differ('selected', p.selected, r.selected, project);
    const place = position.get(p.code) ?? null;
    if (place !== r.position) differ('position', place, r.position, project);
  }
  const listed = new Set(pool.projects.map((p) => p.code));
  for (const r of result.projects) if (!listed.has(r.id)) differ('presence', false, true, { code: r.id, title: r.name ?? r.id });

  const topUp = pool.topUp ?? null;
  const rTopUp = result.topUp ?? null;
  if ((topUp?.code ?? null) !== (rTopUp?.project ?? null)) differ('topUp', topUp?.code ?? null, rTopUp?.project ?? null);
  else if (topUp && rTopUp && String(topUp.reserve) !== rTopUp.reserveGrosze) differ('reserve', String(topUp.reserve), rTopUp.reserveGrosze);

  if (publishedSha !== result.inputSha256) differ('sha', publishedSha, result.inputSha256);
  return diffs;
}

/** As the server formats money: whole złoty without decimals ("1 240 000 zł", "PLN 1,240,000"), else two. */
function money(grosze, lang) {
  const g = BigInt(grosze);
  const locale = lang === 'en' ? 'en-GB' : 'pl-PL';
  const whole = g % 100n === 0n;
  const opts = { style: 'currency', currency: 'PLN', minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2 };
  const abs = g < 0n ? -g : g;
  const value = whole ? (g / 100n).toString() : `${g < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return new Intl.NumberFormat(locale, opts).format(value);
}

const fill = (text, params = {}) => text.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : String(v));
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}

/**
 * The engine: a module Web Worker when one starts (script-src 'self' covers it: workers fall back to script-src), else
 * tally.js imported into the page. One recount at a time.
 */
class Engine {
  constructor(workerUrl) {
    this.workerUrl = workerUrl;
    this.worker = null;
    this.broken = !workerUrl || typeof Worker === 'undefined';
    this.seq = 0;
    this.pending = new Map();
  }

  /** { outcome, where: 'worker' | 'page', ms } */
  async run(bytes, options, onProgress) {
    if (!this.broken) {
      try {
        return await this.inWorker(bytes, options, onProgress);
      } catch (err) {
        if (!err?.workerFailed) throw err;
        this.broken = true;
      }
    }
    const { recount } = await import('./tally.js');
    // Let the status say what is happening before the page's thread is busy counting.
    await new Promise((r) => setTimeout(r, 30));
    const started = performance.now();
    const outcome = recount({ bytes, ...options }, onProgress);
    return { outcome, where: 'page', ms: performance.now() - started };
  }

  inWorker(bytes, options, onProgress) {
    if (!this.worker) {
      const worker = new Worker(this.workerUrl, { type: 'module' });
      worker.addEventListener('message', (e) => {
        const job = this.pending.get(e.data.id);
        if (!job) return;
        if (e.data.progress) return job.onProgress(e.data.progress);
        this.pending.delete(e.data.id);
        job.resolve({ outcome: e.data.outcome, where: 'worker', ms: e.data.ms });
      });
      const fail = () => {
        for (const job of this.pending.values()) job.reject(Object.assign(new Error('worker failed'), { workerFailed: true }));
        this.pending.clear();
        worker.terminate();
        this.worker = null;
      };
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        fail();
      });
      worker.addEventListener('messageerror', fail);
      this.worker = worker;
    }
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ id, bytes, ...options });
    });
  }
}

/** A status line in a polite live region: phases as they come, frequent updates (bytes, runs) at most once a second. */
function statusLine(node) {
  let last = 0;
  return (text, force = true) => {
    const now = performance.now();
    if (!force && now - last < 1000) return;
    last = now;
    node.textContent = text;
  };
}

class Failure extends Error {}

/** Reads a chosen file with FileReader (it never leaves the browser). */
function readFile(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => resolve(new Uint8Array(reader.result)));
    reader.addEventListener('error', () => reject(new Failure(reader.error?.message ?? 'FileReader')));
    reader.readAsArrayBuffer(file);
  });
}

function init(root) {
  const T = JSON.parse(root.dataset.texts);
  const lang = document.documentElement.lang === 'en' ? 'en' : 'pl';
  const number = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'pl-PL');
  const engine = new Engine(root.dataset.worker);
  let busy = false;

  for (const node of document.querySelectorAll('[data-recount-nojs]')) node.hidden = true;
  for (const node of root.querySelectorAll('[data-recount-js]')) node.hidden = false;

  const size = (n) => `${(n / 1048576).toLocaleString(lang === 'en' ? 'en-GB' : 'pl-PL', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} MB`;

  /** The engine's progress in the page's words. */
  const progressText = (p) => {
    switch (p.phase) {
      case 'read':
        return T.reading;
      case 'parse':
        return T.parsing;
      case 'profile':
        return fill(T.counting, { n: number.format(p.ballots ?? 0) });
      case 'rule':
        return T.selecting;
      case 'equal-shares-step':
        return fill(T.equalShares, { run: p.run ?? '' });
      default:
        return null;
    }
  };

  async function fetchOk(url, what) {
    let res;
    try {
      res = await fetch(url, { credentials: 'same-origin', headers: { accept: what === T.whatJson ? 'application/json' : 'text/plain' } });
    } catch (err) {
      throw new Failure(fill(T.networkFailed, { what, message: err.message }));
    }
    if (!res.ok) throw new Failure(fill(T.fetchFailed, { what, status: res.status }));
    return res;
  }

  /** The pool's results.pb, with the bytes downloaded so far in the status. */
  async function download(url, status) {
    const res = await fetchOk(url, T.whatPb);
    status(fill(T.downloading, { size: size(0) }));
    if (!res.body) return new Uint8Array(await res.arrayBuffer());
    const reader = res.body.getReader();
    const chunks = [];
    let n = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      n += value.length;
      status(fill(T.downloading, { size: size(n) }), false);
    }
    const bytes = new Uint8Array(n);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return bytes;
  }

  async function publishedPool(section) {
    const res = await fetchOk(section.dataset.results, T.whatJson);
    const body = await res.json();
    const pool = body.pools?.find((p) => p.poolId === section.dataset.recountPool);
    if (!pool) throw new Failure(fill(T.failed, { message: T.poolMissing }));
    return pool;
  }

  const fieldName = (d) => {
    const names = {
      budget: T.fieldBudget,
      spent: T.fieldSpent,
      valid: T.fieldValid,
      invalid: T.fieldInvalid,
      total: T.fieldTotal,
      sha: T.fieldSha,
      topUp: T.fieldTopUp,
      reserve: T.fieldReserve,
      cost: T.fieldCost,
      votes: T.fieldVotes,
      score: T.fieldScore,
      selected: T.fieldSelected,
      position: T.fieldPosition,
      presence: T.fieldPresence,
    };
    const name = names[d.field] ?? d.field;
    if (!d.project) return name;
    const project = d.project.title && d.project.title !== d.project.code ? `${d.project.code} (${d.project.title})` : d.project.code;
    return fill(T.fieldProject, { project, field: name });
  };

  const valueOf = (d, v) => {
    if (v === null || v === undefined) return T.none;
    if (typeof v === 'boolean') return v ? T.yes : T.no;
    if (['budget', 'spent', 'cost', 'reserve'].includes(d.field)) return money(v, lang);
    if (typeof v === 'number') return number.format(v);
    if (d.field === 'sha') return el('code', { class: 'civitas-seed' }, v);
    return String(v);
  };

  /** The recount's own outcome: a summary list and the selected projects. */
  function outcomeView(outcome, run) {
    const r = outcome.result;
    const row = (key, value) =>
      el(
        'div',
        { class: 'govuk-summary-list__row govuk-summary-list__row--no-actions' },
        el('dt', { class: 'govuk-summary-list__key' }, key),
        el('dd', { class: 'govuk-summary-list__value' }, value),
      );
    const seconds = ((run.ms ?? 0) / 1000).toLocaleString(lang === 'en' ? 'en-GB' : 'pl-PL', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
    const names = new Map(r.projects.map((p) => [p.id, p]));
    const topUp = r.topUp;
    return [
      el('h3', { class: 'govuk-heading-s' }, T.outcome),
      el(
        'dl',
        { class: 'govuk-summary-list' },
        row(T.keyRule, r.rule),
        outcome.description ? row(T.keyDescription, outcome.description) : null,
        row(T.keyBudget, money(r.budgetGrosze, lang)),
        row(T.keySpent, [money(r.spentGrosze, lang), topUp ? ` ${fill(T.topUpNote, { reserve: money(topUp.reserveGrosze, lang) })}` : '']),
        row(T.keyLeft, money(BigInt(r.budgetGrosze) - BigInt(r.spentGrosze), lang)),
        row(T.keyBallots, number.format(r.ballots.valid)),
        r.ballots.invalid.length ? row(T.keyInvalid, number.format(r.ballots.invalid.length)) : null,
        row(T.keySha, el('code', { class: 'civitas-seed', 'data-recount-input-sha': r.inputSha256 }, r.inputSha256)),
        row(T.keyFileSha, el('code', { class: 'civitas-seed', 'data-recount-file-sha': outcome.fileSha256 }, outcome.fileSha256)),
        row(T.keyTime, fill(T.time, { seconds, where: run.where === 'worker' ? T.inWorker : T.onPage })),
      ),
      el('h3', { class: 'govuk-heading-s' }, T.selectedProjects),
      r.selected.length
        ? el(
            'ol',
            { class: 'govuk-list govuk-list--number', 'data-recount-selected': true },
            r.selected.map((id) => {
              const p = names.get(id);
              return el('li', {}, `${id}${p?.name ? ` — ${p.name}` : ''} — ${money(p.costGrosze, lang)}`);
            }),
          )
        : el('p', { class: 'govuk-body' }, T.noneSelected),
    ];
  }

  /** "The recount agrees", or the differences as a table (the first 50). */
  function verdictView(diffs) {
    if (diffs.length === 0) {
      return [
        el('p', { class: 'govuk-body' }, el('strong', { class: 'govuk-tag govuk-tag--green', 'data-recount-verdict': 'agrees' }, T.agrees)),
        el('p', { class: 'govuk-body' }, T.agreesDetail),
      ];
    }
    const shown = diffs.slice(0, 50);
    const th = (text) => el('th', { scope: 'col', class: 'govuk-table__header' }, text);
    return [
      el('p', { class: 'govuk-body' }, el('strong', { class: 'govuk-tag govuk-tag--red', 'data-recount-verdict': 'differs' }, T.differs)),
      el('p', { class: 'govuk-body' }, fill(T.differsDetail, { n: number.format(diffs.length) })),
      el(
        'table',
        { class: 'govuk-table civitas-recount-diffs', 'data-recount-diffs': true },
        el('caption', { class: 'govuk-table__caption govuk-table__caption--s' }, T.diffCaption),
        el('thead', { class: 'govuk-table__head' }, el('tr', { class: 'govuk-table__row' }, th(T.diffWhat), th(T.diffPublished), th(T.diffRecount))),
        el(
          'tbody',
          { class: 'govuk-table__body' },
          shown.map((d) =>
            el(
              'tr',
              { class: 'govuk-table__row', 'data-field': d.field, 'data-project': d.project?.code },
              el('th', { scope: 'row', class: 'govuk-table__header' }, fieldName(d)),
              el('td', { class: 'govuk-table__cell' }, valueOf(d, d.expected)),
              el('td', { class: 'govuk-table__cell' }, valueOf(d, d.got)),
            ),
          ),
        ),
      ),
      diffs.length > shown.length
        ? el('p', { class: 'govuk-body' }, fill(T.diffMore, { n: number.format(diffs.length - shown.length), shown: shown.length }))
        : null,
    ];
  }

  /** A field's own error (GOV.UK's pattern), or none. */
  function fieldError(group, message) {
    if (!group) return;
    const error = group.querySelector('.govuk-error-message');
    const input = group.querySelector('input, select');
    group.classList.toggle('govuk-form-group--error', !!message);
    input?.classList.toggle(input.type === 'file' ? 'govuk-file-upload--error' : 'govuk-input--error', !!message);
    if (!error || !input) return;
    const described = new Set((input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
    if (message) {
      error.textContent = message;
      error.hidden = false;
      described.add(error.id);
    } else {
      error.textContent = '';
      error.hidden = true;
      described.delete(error.id);
    }
    if (described.size) input.setAttribute('aria-describedby', [...described].join(' '));
    else input.removeAttribute('aria-describedby');
  }

  /**
   * One recount in a section: `load` gives the file's bytes (and the published pool, when comparing), the engine
   * counts, the section shows the outcome. The section's data-recount-state and data-recount-ms say how it ended.
   */
  async function runIn(section, load, options = {}) {
    const status = statusLine(section.querySelector('[data-recount-status]'));
    const out = section.querySelector('[data-recount-result]');
    if (busy) {
      status(T.busy);
      return;
    }
    busy = true;
    section.dataset.recountState = 'running';
    out.replaceChildren();
    const started = performance.now();
    try {
      const { bytes, pool } = await load(status);
      const loaded = performance.now();
      const run = await engine.run(bytes, options, (p) => {
        const text = progressText(p);
        if (text) status(text, p.phase !== 'equal-shares-step');
      });
      const outcome = run.outcome;
      if (!outcome.ok) throw new Failure(fill(T.failed, { message: outcome[lang] }));
      // How long it took, for whoever measures (the browser test, bench/recount): getting the file (and the published
      // results), the engine from handing it the file to its answer (a worker's start included), the engine itself.
      section.dataset.recountLoadMs = String(Math.round(loaded - started));
      section.dataset.recountRunMs = String(Math.round(performance.now() - loaded));
      section.dataset.recountEngineMs = String(Math.round(outcome.timings.read + outcome.timings.parse + outcome.timings.tally));
      section.dataset.recountWhere = run.where;
      let verdict = [];
      let said = fill(T.done, { n: number.format(outcome.result.selected.length), spent: money(outcome.result.spentGrosze, lang) });
      let state = 'done';
      if (pool) {
        status(T.comparing);
        const diffs = compareWithPublished(outcome.result, pool, section.dataset.sha256);
        verdict = verdictView(diffs);
        state = diffs.length ? 'differs' : 'agrees';
        said = diffs.length ? `${T.differs}. ${fill(T.differsDetail, { n: number.format(diffs.length) })}` : `${T.agrees}.`;
      }
      section.dataset.recountMs = String(Math.round(performance.now() - started));
      out.replaceChildren(...verdict, ...outcomeView(outcome, run));
      status(said);
      section.dataset.recountState = state;
    } catch (err) {
      section.dataset.recountState = 'failed';
      if (err instanceof Failure) status(err.message);
      else status(fill(T.failed, { message: err?.message ?? String(err) }));
    } finally {
      busy = false;
    }
  }

  /** The chosen file of a section, or its field's error (with the focus on it). */
  function chosenFile(section, status) {
    const group = section.querySelector('[data-recount-file-group]');
    const input = section.querySelector('[data-recount-file]');
    const file = input.files?.[0];
    if (!file) {
      fieldError(group, T.chooseFile);
      input.focus();
      status(T.chooseFile);
      throw new Failure(T.chooseFile);
    }
    fieldError(group, null);
    return file;
  }

  for (const section of root.querySelectorAll('[data-recount-pool]')) {
    section.querySelector('[data-recount-run]').addEventListener('click', () =>
      runIn(section, async (status) => {
        status(T.downloadingResults);
        const [bytes, pool] = await Promise.all([download(section.dataset.pb, status), publishedPool(section)]);
        return { bytes, pool };
      }),
    );
    section.querySelector('[data-recount-own]').addEventListener('click', () =>
      runIn(section, async (status) => {
        const file = chosenFile(section, status);
        status(T.reading);
        const [bytes, pool] = await Promise.all([readFile(file), publishedPool(section)]);
        return { bytes, pool };
      }),
    );
  }

  for (const section of root.querySelectorAll('[data-recount-any]')) {
    section.querySelector('[data-recount-own]').addEventListener('click', () => {
      const topUpGroup = section.querySelector('[data-recount-top-up-group]');
      const topUpInput = section.querySelector('[data-recount-top-up]');
      const raw = topUpInput.value.trim().replace(',', '.');
      const topUpPercent = raw === '' ? undefined : Number(raw);
      if (topUpPercent !== undefined && !Number.isFinite(topUpPercent)) {
        fieldError(topUpGroup, T.topUpNumber);
        topUpInput.focus();
        section.querySelector('[data-recount-status]').textContent = T.topUpNumber;
        return;
      }
      fieldError(topUpGroup, null);
      const rule = section.querySelector('[data-recount-rule]').value || undefined;
      void runIn(
        section,
        async (status) => {
          const file = chosenFile(section, status);
          status(T.reading);
          return { bytes: await readFile(file), pool: null };
        },
        { rule, topUpPercent },
      );
    });
  }
}

const root = document.querySelector('[data-civitas-recount]');
if (root) init(root);

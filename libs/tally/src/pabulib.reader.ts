import { Ballot, Election, Project, VOTE_TYPES, VoteType } from './election';
import { parseMoney } from './money';
import { PabulibFormatError } from './pabulib.errors';

interface Row {
  /** 1-based line number of the row's first line. */
  readonly line: number;
  /** The fields of a row with quotes; null for a row without quotes (split it with `fieldsOf`). */
  readonly quoted: string[] | null;
  /** The row's text (without its line ending). */
  readonly raw: string;
}

function fieldsOf(row: Row): string[] {
  return row.quoted ?? row.raw.split(';');
}

/** A ballot read from a VOTES row; the row's other columns are split only when asked for. */
class RowBallot implements Ballot {
  readonly #raw: string;
  constructor(
    readonly voterId: string,
    readonly projects: readonly string[],
    readonly points: readonly number[] | undefined,
    raw: string,
  ) {
    this.#raw = raw;
  }

  get values(): readonly string[] {
    if (this.#raw.indexOf('"') < 0) return this.#raw.split(';');
    // The parser read this row whole, so its quotes are closed.
    const f = splitQuoted(this.#raw);
    return f === 'open' ? [] : f;
  }
}

/**
 * Splits the text into semicolon-CSV rows (RFC 4180 quoting read as Python's `csv` reads it, see
 * {@link splitQuoted}; CRLF or LF; quoted fields may span lines).
 */
function* rows(text: string): Generator<Row> {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 0;
  const len = text.length;
  while (pos < len) {
    line++;
    const start = line;
    let end = text.indexOf('\n', pos);
    if (end < 0) end = len;
    let raw = text.slice(pos, end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    pos = end + 1;
    if (raw.indexOf('"') < 0) {
      if (raw === '') {
        // A single blank line at the very end is tolerated; any other blank line is an error.
        if (pos >= len) return;
        throw new PabulibFormatError(start, 'blank line');
      }
      yield { line: start, quoted: null, raw };
      continue;
    }
    // Quote-aware parse; a quoted field left open continues on the next line.
    for (;;) {
      const parsed = splitQuoted(raw);
      if (parsed !== 'open') {
        yield { line: start, quoted: parsed, raw };
        break;
      }
      if (pos >= len) throw new PabulibFormatError(start, 'quoted field is not closed before the end of the file');
      line++;
      let next = text.indexOf('\n', pos);
      if (next < 0) next = len;
      raw += '\n' + text.slice(pos, next > pos && text.charCodeAt(next - 1) === 13 ? next - 1 : next);
      pos = next + 1;
    }
  }
}

/**
 * Splits one row into fields the way Python's `csv` module reads Pabulib files (its default, non-strict dialect),
 * which is how Pabulib's own tools read them. Beyond RFC 4180 it accepts two quirks of real files:
 *
 * * a `"` inside a field that does not start with a quote is an ordinary character
 *   (`Konkurs " NA NAJŁADNIEJSZĄ …` → `Konkurs " NA NAJŁADNIEJSZĄ …`);
 * * a field that starts with a quoted part and goes on after the closing quote keeps the quoted text and the rest,
 *   where quotes are again ordinary characters (`"Odkupmy" i my` → `Odkupmy i my`).
 *
 * Returns the fields, or `'open'` when a quoted field is not closed by the end of the text (it may go on on the
 * next line).
 */
function splitQuoted(raw: string): string[] | 'open' {
  const fields: string[] = [];
  let i = 0;
  const n = raw.length;
  for (;;) {
    let value = '';
    if (raw.charCodeAt(i) === 34 /* " */) {
      i++;
      for (;;) {
        const q = raw.indexOf('"', i);
        if (q < 0) return 'open';
        value += raw.slice(i, q);
        if (raw.charCodeAt(q + 1) === 34) {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
    }
    // An unquoted field, or what follows the closing quote of a quoted one: everything up to the next `;`.
    const sc = raw.indexOf(';', i);
    value += raw.slice(i, sc < 0 ? n : sc);
    fields.push(value);
    if (sc < 0) return fields;
    i = sc + 1;
  }
}

/** An empty field or the literal `None` means "no value". */
function present(v: string | undefined): v is string {
  return v !== undefined && v !== '' && v !== 'None';
}

const SECTIONS = ['META', 'PROJECTS', 'VOTES'] as const;

function sectionOf(row: Row): (typeof SECTIONS)[number] | undefined {
  if (row.raw.length > 10 || row.raw.includes(';')) return undefined;
  const f = (row.quoted ? row.quoted[0] : row.raw).trim();
  return (SECTIONS as readonly string[]).includes(f) ? (f as (typeof SECTIONS)[number]) : undefined;
}

/**
 * Parses the text of a Pabulib `.pb` file. Throws {@link PabulibFormatError} naming the line and the problem for
 * bad section order, wrong column counts, unknown projects in a vote, bad numbers and the like.
 */
export function parsePabulib(text: string): Election {
  const it = rows(text);
  const meta: Array<[string, string]> = [];
  const projects: Project[] = [];
  const ballots: Ballot[] = [];
  let projectColumns: string[] = [];
  let voteColumns: string[] = [];
  const projectIds = new Set<string>();
  const metaLines = new Map<string, number>();

  let section: 'META' | 'PROJECTS' | 'VOTES' | undefined;
  let header: string[] | undefined;
  let lastLine = 0;
  // Column indexes, set when the PROJECTS and VOTES headers are read.
  let costCol = -1;
  let nameCol = -1;
  let voterCol = -1;
  let voteCol = -1;
  let pointsCol = -1;
  const voterIds = new Set<string>();
  let sectionLine = 0;
  const sep = new Int32Array(512);

  const readBallot = (row: Row, rawVoterId: string, voteRaw: string, pointsRaw: string | undefined): Ballot => {
    const voterId = rawVoterId.trim();
    if (voterId === '') throw new PabulibFormatError(row.line, 'empty voter_id');
    if (voterIds.has(voterId)) throw new PabulibFormatError(row.line, `voter "${voterId}" votes twice`);
    voterIds.add(voterId);
    const voteText = voteRaw.trim();
    const ids = present(voteText) ? voteText.split(',') : [];
    for (let i = 0; i < ids.length; i++) {
      let id = ids[i];
      if (id.charCodeAt(0) <= 32 || id.charCodeAt(id.length - 1) <= 32) id = ids[i] = id.trim();
      if (!projectIds.has(id)) {
        throw new PabulibFormatError(
          row.line,
          id === '' ? `vote of voter "${voterId}" has an empty project id` : `vote of voter "${voterId}" names unknown project "${id}"`,
        );
      }
    }
    let points: number[] | undefined;
    if (pointsRaw !== undefined && present(pointsRaw.trim())) {
      const parts = pointsRaw.split(',');
      if (parts.length !== ids.length) {
        throw new PabulibFormatError(
          row.line,
          `voter "${voterId}" has ${ids.length} project${ids.length === 1 ? '' : 's'} in vote but ${parts.length} value${parts.length === 1 ? '' : 's'} in points`,
        );
      }
      points = parts.map((p) => {
        const t = p.trim();
        const v = /^\d+$/.test(t) ? Number(t) : NaN;
        if (!Number.isSafeInteger(v)) {
          throw new PabulibFormatError(row.line, `points of voter "${voterId}" must be non-negative integers, found "${p}"`);
        }
        return v;
      });
    }
    return new RowBallot(voterId, ids, points, row.raw);
  };

  for (let r = it.next(); !r.done; r = it.next()) {
    const row = r.value;
    lastLine = row.line;
    const next = sectionOf(row);
    if (next) {
      const expected = SECTIONS[section === undefined ? 0 : SECTIONS.indexOf(section) + 1];
      if (next !== expected) {
        throw new PabulibFormatError(
          row.line,
          expected
            ? `section ${next} found where section ${expected} was expected (order is META, PROJECTS, VOTES)`
            : `section ${next} appears again after VOTES`,
        );
      }
      if (section !== undefined && header === undefined) {
        throw new PabulibFormatError(row.line, `section ${section} (line ${sectionLine}) has no header line`);
      }
      section = next;
      sectionLine = row.line;
      header = undefined;
      continue;
    }
    if (section === undefined) {
      throw new PabulibFormatError(row.line, `expected the section name META, found "${row.raw}"`);
    }
    if (header === undefined) {
      header = fieldsOf(row).map((f) => f.trim());
      const dup = header.find((h, i) => header!.indexOf(h) !== i);
      if (dup !== undefined) throw new PabulibFormatError(row.line, `column "${dup}" appears twice in the header`);
      if (section === 'META') {
        if (header.length !== 2 || header[0] !== 'key' || header[1] !== 'value') {
          throw new PabulibFormatError(row.line, `META header must be "key;value", found "${row.raw}"`);
        }
      } else if (section === 'PROJECTS') {
        if (header[0] !== 'project_id') {
          throw new PabulibFormatError(row.line, `PROJECTS header must start with project_id, found "${header[0]}"`);
        }
        costCol = header.indexOf('cost');
        if (costCol < 0) throw new PabulibFormatError(row.line, 'PROJECTS header has no cost column');
        nameCol = header.indexOf('name');
        projectColumns = header;
      } else {
        voterCol = header.indexOf('voter_id');
        voteCol = header.indexOf('vote');
        pointsCol = header.indexOf('points');
        if (voterCol < 0) throw new PabulibFormatError(row.line, 'VOTES header has no voter_id column');
        if (voteCol < 0) throw new PabulibFormatError(row.line, 'VOTES header has no vote column');
        voteColumns = header;
      }
      continue;
    }
    const wrongCount = (count: number) =>
      new PabulibFormatError(row.line, `${section} row has ${count} field${count === 1 ? '' : 's'}, the header has ${header!.length}`);
    if (section === 'VOTES') {
      // Only voter_id, vote and points are needed now; the other columns are split on demand.
      let voterId: string;
      let voteText: string;
      let pointsText: string | undefined;
      if (row.quoted) {
        const f = row.quoted;
        if (f.length !== header.length) throw wrongCount(f.length);
        voterId = f[voterCol];
        voteText = f[voteCol];
        pointsText = pointsCol >= 0 ? f[pointsCol] : undefined;
      } else {
        const raw = row.raw;
        const cols = header.length;
        let n = 1;
        let at = raw.indexOf(';');
        sep[0] = -1;
        while (at >= 0 && n <= cols) {
          sep[n++] = at;
          at = raw.indexOf(';', at + 1);
        }
        if (at >= 0 || n !== cols) throw wrongCount(at >= 0 ? raw.split(';').length : n);
        sep[n] = raw.length;
        voterId = raw.slice(sep[voterCol] + 1, sep[voterCol + 1]);
        voteText = raw.slice(sep[voteCol] + 1, sep[voteCol + 1]);
        pointsText = pointsCol >= 0 ? raw.slice(sep[pointsCol] + 1, sep[pointsCol + 1]) : undefined;
      }
      ballots.push(readBallot(row, voterId, voteText, pointsText));
      continue;
    }
    const f = fieldsOf(row);
    if (f.length !== header.length) throw wrongCount(f.length);
    if (section === 'META') {
      const key = f[0].trim();
      if (metaLines.has(key)) {
        throw new PabulibFormatError(row.line, `META key "${key}" repeats line ${metaLines.get(key)}`);
      }
      metaLines.set(key, row.line);
      meta.push([key, f[1]]);
    } else if (section === 'PROJECTS') {
      const id = f[0].trim();
      if (id === '') throw new PabulibFormatError(row.line, 'empty project_id');
      if (projectIds.has(id)) throw new PabulibFormatError(row.line, `project "${id}" is listed twice`);
      const cost = parseMoney(f[costCol]);
      if (cost === null || cost < 0n) {
        throw new PabulibFormatError(row.line, `cost of project "${id}" is not a non-negative amount with at most 2 decimals: "${f[costCol]}"`);
      }
      projectIds.add(id);
      const fields: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) fields[header[i]] = f[i];
      projects.push({ id, cost, name: nameCol >= 0 && present(f[nameCol]) ? f[nameCol] : undefined, fields });
    }
  }

  if (section !== 'VOTES' || header === undefined) {
    const missing = section === undefined ? 'META' : (SECTIONS[SECTIONS.indexOf(section) + 1] ?? 'the VOTES header');
    throw new PabulibFormatError(
      lastLine + 1,
      `file ends before ${section && header === undefined && section === 'VOTES' ? 'the VOTES header' : `section ${missing}`}`,
    );
  }

  const metaLine = (key: string) => metaLines.get(key) ?? 2;
  const get = (key: string) => {
    const e = meta.find(([k]) => k === key);
    return e && present(e[1].trim()) ? e[1].trim() : undefined;
  };
  const budgetText = get('budget');
  if (budgetText === undefined) throw new PabulibFormatError(metaLine('budget'), 'META has no budget');
  const budget = parseMoney(budgetText);
  if (budget === null || budget < 0n) {
    throw new PabulibFormatError(metaLine('budget'), `budget is not a non-negative amount with at most 2 decimals: "${budgetText}"`);
  }
  const voteTypeText = get('vote_type') ?? 'approval';
  if (!(VOTE_TYPES as readonly string[]).includes(voteTypeText)) {
    throw new PabulibFormatError(metaLine('vote_type'), `unknown vote_type "${voteTypeText}" (expected one of ${VOTE_TYPES.join(', ')})`);
  }
  const voteType = voteTypeText as VoteType;
  for (const [key, actual] of [
    ['num_projects', projects.length],
    ['num_votes', ballots.length],
  ] as const) {
    const v = get(key);
    if (v !== undefined && Number(v) !== actual) {
      throw new PabulibFormatError(metaLine(key), `${key} is ${v} but the file has ${actual}`);
    }
  }
  for (const key of ['min_length', 'max_length', 'min_sum_points', 'max_sum_points', 'min_points', 'max_points', 'min_project_score_threshold']) {
    const v = get(key);
    if (v !== undefined && !Number.isFinite(Number(v))) {
      throw new PabulibFormatError(metaLine(key), `${key} is not a number: "${v}"`);
    }
  }
  for (const key of ['max_sum_cost', 'min_sum_cost']) {
    const v = get(key);
    if (v !== undefined && parseMoney(v) === null) {
      throw new PabulibFormatError(metaLine(key), `${key} is not an amount with at most 2 decimals: "${v}"`);
    }
  }
  if ((voteType === 'cumulative' || voteType === 'scoring') && pointsCol < 0) {
    throw new PabulibFormatError(sectionLine + 1, `vote_type ${voteType} needs a points column in VOTES`);
  }
  return { meta, budget, voteType, projectColumns, projects, voteColumns, ballots };
}

import type { DataSource, EntityManager } from 'typeorm';

/** The rows of `manager.query()`: TypeORM returns [rows, count] for UPDATE and DELETE, the rows otherwise. */
export function rowsOf<T>(raw: unknown): T[] {
  if (Array.isArray(raw) && raw.length === 2 && Array.isArray(raw[0]) && typeof raw[1] === 'number') return raw[0] as T[];
  return raw as T[];
}

/** What runs SQL: the DataSource, or a transaction's EntityManager. */
export type Queryable = Pick<EntityManager, 'query'>;

/**
 * The rows of one statement, as the caller's row type: for repositories, which name each row type once beside its SQL
 * (the one place a row's shape is asserted) instead of casting the result at every call.
 */
export async function queryRows<T>(m: Queryable, text: string, params: unknown[] = []): Promise<T[]> {
  return rowsOf<T>(await m.query(text, params));
}

/** The first row of one statement (undefined when there is none). */
export async function queryOne<T>(m: Queryable, text: string, params: unknown[] = []): Promise<T | undefined> {
  return (await queryRows<T>(m, text, params))[0];
}

/** The `pg`-compatible pool under TypeORM's Postgres driver (pg's SafePool, or the PGlite pool when embedded). */
interface StatementPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs one statement on its own (autocommit, outside any transaction) as a named prepared statement: PostgreSQL
 * parses and plans it once per connection instead of on every call, and TypeORM's query runner is skipped. For the
 * few statements on a hot path (a ballot during a busy vote); `name` must be unique to `text`. Errors are the
 * driver's (`sqlState` reads them as it reads TypeORM's). The embedded database runs the text as it is.
 */
export async function runPrepared<T>(ds: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (ds.driver as unknown as { master: StatementPool }).master;
  return (await pool.query({ name, text, values })).rows as T[];
}

/** An official act for the audit log (DESIGN §3): who did what to which subject; never a voter or a choice. */
export interface AuditEntry {
  actorId: string | null;
  /** Dotted lower-case, e.g. `voting.tally_started`. */
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
}

/**
 * Appends to the audit log in the caller's transaction (the entry exists if and only if the act commits). The
 * database numbers the entry and chains its hash to the previous one; the log refuses updates and deletes.
 */
export async function appendAudit(m: EntityManager, e: AuditEntry): Promise<void> {
  await m.query(`INSERT INTO audit_log (actor_id, action, subject_type, subject_id, details) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
    e.actorId,
    e.action,
    e.subjectType,
    e.subjectId,
    JSON.stringify(e.details ?? {}),
  ]);
}

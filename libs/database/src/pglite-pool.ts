import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';

/** The result shape TypeORM's Postgres driver reads from `pg`. */
interface PgResult {
  rows: unknown[];
  rowCount: number | null;
  command: string;
  fields: Array<{ name: string; dataTypeID: number }>;
}

type ConnectCallback = (err: Error | undefined, client?: PGliteClient, release?: (err?: unknown) => void) => void;

/** How long a query runner may wait for the embedded database before it is told why it cannot have it. */
const DEFAULT_ACQUIRE_TIMEOUT_MS = 30_000;

const MULTI_STATEMENT = '42601';

/**
 * A client handed to one TypeORM QueryRunner at a time. It tracks whether a transaction is open so that a runner
 * released mid-transaction (after an error) never leaks its transaction to the next holder.
 */
export class PGliteClient extends EventEmitter {
  inTransaction = false;

  constructor(private readonly db: PGlite) {
    super();
  }

  async query(text: string | { text: string; values?: unknown[] }, values?: unknown[]): Promise<PgResult> {
    const sql = typeof text === 'string' ? text : text.text;
    const params = typeof text === 'string' ? values : (text.values ?? values);
    const result = await this.run(sql, params);
    this.track(sql);
    return result;
  }

  private async run(sql: string, params?: unknown[]): Promise<PgResult> {
    try {
      const r = await this.db.query<Record<string, unknown>>(sql, (params ?? []) as unknown[]);
      return {
        rows: r.rows,
        rowCount: r.affectedRows ?? r.rows.length,
        command: commandOf(sql),
        fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
      };
    } catch (err) {
      // The extended protocol takes one statement; scripts without parameters (migrations) go through exec.
      if ((err as { code?: string }).code === MULTI_STATEMENT && (!params || params.length === 0)) {
        const all = await this.db.exec(sql);
        const last = all[all.length - 1];
        return {
          rows: last?.rows ?? [],
          rowCount: last?.affectedRows ?? 0,
          command: commandOf(sql),
          fields: (last?.fields ?? []).map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
        };
      }
      throw err;
    }
  }

  private track(sql: string): void {
    const head = sql.trimStart().slice(0, 20).toUpperCase();
    if (head.startsWith('START TRANSACTION') || head.startsWith('BEGIN')) this.inTransaction = true;
    else if (head.startsWith('COMMIT') || (head.startsWith('ROLLBACK') && !head.startsWith('ROLLBACK TO'))) this.inTransaction = false;
    else if (head.startsWith('END')) this.inTransaction = false;
  }
}

function commandOf(sql: string): string {
  return (sql.trimStart().match(/^[A-Za-z]+/)?.[0] ?? '').toUpperCase();
}

/**
 * A `pg`-compatible pool over one PGlite instance. PGlite is a single PostgreSQL session, so sharing it between
 * query runners would interleave their transactions; this pool lends it to one runner at a time (a FIFO lock held
 * from connect to release), which gives every transaction real isolation. Inside a transaction use only the
 * transaction's EntityManager: a second runner would wait for the lock (and fail after `acquireTimeoutMs`).
 */
export class PGlitePool extends EventEmitter {
  private readonly client: PGliteClient;
  private held = false;
  private readonly waiters: Array<{ grant: () => void; timer: NodeJS.Timeout }> = [];
  private ended = false;

  constructor(
    private readonly db: PGlite,
    private readonly acquireTimeoutMs = DEFAULT_ACQUIRE_TIMEOUT_MS,
  ) {
    super();
    this.client = new PGliteClient(db);
  }

  get waiting(): number {
    return this.waiters.length;
  }

  connect(): Promise<[PGliteClient, (err?: unknown) => void]>;
  connect(cb: ConnectCallback): void;
  connect(cb?: ConnectCallback): Promise<[PGliteClient, (err?: unknown) => void]> | void {
    const p = this.acquire().then((release) => [this.client, release] as [PGliteClient, (err?: unknown) => void]);
    if (!cb) return p;
    p.then(
      ([client, release]) => cb(undefined, client, release),
      (err: Error) => cb(err),
    );
  }

  /** Runs one statement outside any runner (health checks, tooling, `runPrepared`: a statement's name is not needed here). */
  async query(text: string | { text: string; values?: unknown[] }, values?: unknown[]): Promise<PgResult> {
    const release = await this.acquire();
    try {
      return await this.client.query(text, values);
    } finally {
      release();
    }
  }

  end(cb?: (err?: Error) => void): Promise<void> {
    this.ended = true;
    const p = this.db.close();
    if (cb)
      p.then(
        () => cb(),
        (err: Error) => cb(err),
      );
    return p;
  }

  private acquire(): Promise<(err?: unknown) => void> {
    if (this.ended) return Promise.reject(new Error('The embedded database is closed'));
    return new Promise((resolve, reject) => {
      const grant = () => {
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          void this.handBack();
        });
      };
      if (!this.held) {
        this.held = true;
        grant();
        return;
      }
      const timer = setTimeout(() => {
        const i = this.waiters.findIndex((w) => w.timer === timer);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(
          new Error(
            `The embedded database was busy for ${this.acquireTimeoutMs} ms. A query probably ran outside the ` + `EntityManager of an open transaction.`,
          ),
        );
      }, this.acquireTimeoutMs);
      timer.unref();
      this.waiters.push({ grant, timer });
    });
  }

  private async handBack(): Promise<void> {
    if (this.client.inTransaction) {
      // A runner let go in the middle of a transaction (an error path): end it before the next holder starts.
      try {
        await this.client.query('ROLLBACK');
      } catch {
        this.client.inTransaction = false;
      }
    }
    const next = this.waiters.shift();
    if (next) {
      clearTimeout(next.timer);
      next.grant();
    } else {
      this.held = false;
    }
  }
}

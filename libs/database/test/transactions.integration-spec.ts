import { DataSource, DataSourceOptions } from 'typeorm';
import { buildDataSourceOptions, EmbeddedDatabase, isUniqueViolation } from '@civitas/database';
import { createTestConfig, testMode } from '@civitas/test';

/**
 * Transaction isolation on the database of the current test mode: the embedded PGlite (through the serialising
 * pool) in `npm test`, real PostgreSQL in `npm run test:services`. The same assertions must hold on both.
 */
describe(`transactions (${testMode} database)`, () => {
  let ds: DataSource;
  let embedded: EmbeddedDatabase | null;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const t = await createTestConfig();
    cleanup = t.cleanup;
    const built = await buildDataSourceOptions(t.config.database);
    const options = built.options;
    embedded = built.embedded;
    ds = new DataSource({ ...options, poolSize: 12 } as DataSourceOptions);
    await ds.initialize();
    await ds.query(`CREATE TABLE tx_probe (id serial PRIMARY KEY, label text NOT NULL UNIQUE)`);
  });

  afterAll(async () => {
    await ds?.destroy();
    await cleanup?.();
  });

  beforeEach(() => ds.query(`TRUNCATE tx_probe`));

  it('10 concurrent transactions of which 5 throw leave exactly the 5 committed rows', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        ds.transaction(async (m) => {
          await m.query(`INSERT INTO tx_probe (label) VALUES ($1)`, [`row-${i}`]);
          // Yield between statements so the transactions really overlap.
          await new Promise((r) => setImmediate(r));
          await m.query(`SELECT count(*) FROM tx_probe`);
          if (i % 2 === 1) throw new Error(`abort ${i}`);
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const rows = (await ds.query(`SELECT label FROM tx_probe ORDER BY label`)) as Array<{ label: string }>;
    expect(rows.map((r) => r.label)).toEqual(['row-0', 'row-2', 'row-4', 'row-6', 'row-8']);
  });

  it('an uncommitted row is invisible to another transaction', async () => {
    let releaseWriter!: () => void;
    const writerMayFinish = new Promise<void>((r) => (releaseWriter = r));
    let writerInserted!: () => void;
    const inserted = new Promise<void>((r) => (writerInserted = r));

    // The writer inserts, lets the reader start, then rolls back.
    const writer = ds
      .transaction(async (m) => {
        await m.query(`INSERT INTO tx_probe (label) VALUES ('uncommitted')`);
        writerInserted();
        await writerMayFinish;
        throw new Error('roll back');
      })
      .catch(() => 'rolled back');
    await inserted;

    // Real PostgreSQL runs the reader beside the writer; the embedded pool makes it wait for the writer's end.
    // Either way the reader must not see the row, which never commits.
    let readerDone = false;
    const reader = ds.transaction(async (m) => ((await m.query(`SELECT label FROM tx_probe`)) as unknown[]).length).finally(() => (readerDone = true));
    if (embedded) {
      // Let the reader get as far as it can: queued behind the writer (correct), or finished (isolation broken).
      while (!readerDone && embedded.pool.waiting === 0) await new Promise((r) => setImmediate(r));
    } else {
      expect(await reader).toBe(0);
    }
    releaseWriter();
    expect(await writer).toBe('rolled back');
    expect(await reader).toBe(0);
    expect(await ds.query(`SELECT count(*)::int AS n FROM tx_probe`)).toEqual([{ n: 0 }]);
  });

  it('a committed row is visible to transactions that start afterwards', async () => {
    await ds.transaction((m) => m.query(`INSERT INTO tx_probe (label) VALUES ('committed')`));
    const seen = await ds.transaction(async (m) => (await m.query(`SELECT label FROM tx_probe`)) as unknown[]);
    expect(seen).toEqual([{ label: 'committed' }]);
  });

  it('a rolled-back transaction leaves nothing behind and the next one starts clean', async () => {
    const err: unknown = await ds
      .transaction(async (m) => {
        await m.query(`INSERT INTO tx_probe (label) VALUES ('ghost')`);
        await m.query(`INSERT INTO tx_probe (label) VALUES ('ghost')`); // unique violation
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(err)).toBe(true);
    await ds.transaction(async (m) => {
      await m.query(`INSERT INTO tx_probe (label) VALUES ('after')`);
    });
    expect(await ds.query(`SELECT label FROM tx_probe`)).toEqual([{ label: 'after' }]);
  });

  it('a query runner released in the middle of a transaction does not leak it to the next user', async () => {
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    await qr.query(`INSERT INTO tx_probe (label) VALUES ('abandoned')`);
    await qr.release(); // no commit, no rollback
    await ds.transaction(async (m) => {
      await m.query(`INSERT INTO tx_probe (label) VALUES ('next')`);
    });
    expect(await ds.query(`SELECT label FROM tx_probe ORDER BY label`)).toEqual([{ label: 'next' }]);
  });

  it('concurrent inserts of one unique value give one success and unique violations, nothing else', async () => {
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => ds.transaction((m) => m.query(`INSERT INTO tx_probe (label) VALUES ('same')`))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(19);
    for (const r of rejected) expect(isUniqueViolation(r.reason)).toBe(true);
  });
});

import pg from 'pg';

type Done = (err?: Error | boolean) => void;
type Callback = (err: Error | undefined, client?: pg.PoolClient, done?: Done) => void;

/**
 * pg's Pool, except that a connection handed back while still inside a transaction is destroyed instead of reused:
 * the server then rolls the transaction back. Without this, a QueryRunner released mid-transaction (an error
 * path) would pass its open transaction to the next user of the connection, whose COMMIT would commit both.
 */
export class SafePool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(cb: Callback): void;
  override connect(cb?: Callback): Promise<pg.PoolClient> | void {
    if (!cb) return super.connect();
    super.connect((err: Error | undefined, client?: pg.PoolClient, done?: Done) => {
      if (err || !client || !done) return cb(err, client, done);
      const guarded: Done = (releaseErr) => {
        const status = (client as unknown as { getTransactionStatus?: () => string | null }).getTransactionStatus?.();
        if (!releaseErr && status && status !== 'I') return done(new Error('connection released inside a transaction'));
        return done(releaseErr);
      };
      cb(undefined, client, guarded);
    });
  }
}

/** The `pg` module with SafePool, for TypeORM's `driver` option. */
export const safePg = { ...pg, Pool: SafePool };

import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@civitas/config';

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'civitas-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults to the embedded database, the in-process job driver and .eml files under ./var', () => {
    const c = loadConfig({}, dir);
    expect(c.database).toEqual({ kind: 'embedded', dir: join(dir, 'var', 'db'), template: null });
    expect(c.queue.kind).toBe('inline');
    expect(c.mail).toMatchObject({ kind: 'file', dir: join(dir, 'var', 'mail') });
    expect(c.http).toMatchObject({ port: 3000, publicUrl: 'http://localhost:3000', cookieSecure: false, trustProxy: false });
  });

  it('generates the secrets once in the embedded mode and keeps them under ./var (mode 0600)', () => {
    const first = loadConfig({}, dir);
    const second = loadConfig({}, dir);
    expect(first.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    const file = join(dir, 'var', 'secrets.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).JWT_SECRET).toBe(first.auth.jwtSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('uses the real services when their URLs are set', () => {
    const c = loadConfig(
      { DATABASE_URL: 'postgres://u:p@db:5432/civitas', REDIS_URL: 'redis://cache:6379/2', SMTP_URL: 'smtp://mail:587', QUEUE_PREFIX: 'city' },
      dir,
    );
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/civitas', poolSize: 10 });
    expect(c.queue).toMatchObject({ kind: 'redis', url: 'redis://cache:6379/2', prefix: 'city', lockMs: 30000 });
    expect(c.mail).toMatchObject({ kind: 'smtp', url: 'smtp://mail:587' });
  });

  it('stops production without its secrets and names them', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/civitas' }, dir)).toThrow(
      /Missing secrets in production.*JWT_SECRET/,
    );
    const ok = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }, dir);
    expect(ok.http.cookieSecure).toBe(true);
  });

  it('names every invalid variable in one message', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://db', JWT_SECRET: 'short', TRUST_PROXY: 'yes please' }, dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'JWT_SECRET', 'TRUST_PROXY']) expect(message).toContain(name);
  });

  it('reads TRUST_PROXY as a flag, a hop count or a list of proxies', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }, dir).http.trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }, dir).http.trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }, dir).http.trustProxy).toBe('10.0.0.0/8,127.0.0.1');
  });
});

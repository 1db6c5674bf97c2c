import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, contrastRatio, loadConfig } from '@civitas/config';

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
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/civitas', poolSize: 10, connectTimeoutMs: 5000 });
    expect(c.queue).toMatchObject({ kind: 'redis', url: 'redis://cache:6379/2', prefix: 'city', lockMs: 30000 });
    expect(c.mail).toMatchObject({ kind: 'smtp', url: 'smtp://mail:587' });
  });

  it('stops production without its secrets and names them', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/civitas' }, dir)).toThrow(/Missing secrets in production.*JWT_SECRET/);
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

  it('the city: defaults that work on a fresh start; a brand colour white text cannot be read on, or a missing logo, is refused by name', () => {
    expect(loadConfig({}, dir).site).toMatchObject({ cityName: { pl: 'Civitas', en: 'Civitas' }, brandColour: '#1d4f91', logoFile: null, homeCacheMs: 5000 });
    writeFileSync(join(dir, 'herb.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const c = loadConfig(
      { CITY_NAME: 'Gmina Nowa Wieś', CITY_BRAND_COLOUR: '#6A1B4D', CITY_LOGO: 'herb.svg', CITY_CONTACT_EMAIL: 'urzad@nowawies.example' },
      dir,
    );
    expect(c.site).toMatchObject({ cityName: { pl: 'Gmina Nowa Wieś', en: 'Gmina Nowa Wieś' }, brandColour: '#6a1b4d', logoFile: join(dir, 'herb.svg') });
    expect(c.site.accessibility.contactEmail).toBe('urzad@nowawies.example');
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#1d4f91', '#ffffff')).toBeGreaterThan(4.5);
    expect(() => loadConfig({ CITY_BRAND_COLOUR: '#ffdd00' }, dir)).toThrow(/CITY_BRAND_COLOUR: #ffdd00 is too light/);
    expect(() => loadConfig({ CITY_BRAND_COLOUR: 'blue' }, dir)).toThrow(/CITY_BRAND_COLOUR must be a colour as #rrggbb/);
    expect(() => loadConfig({ CITY_LOGO: 'nie-ma.png' }, dir)).toThrow(/CITY_LOGO: no file at/);
    expect(() => loadConfig({ CITY_LOGO: 'herb.gif' }, dir)).toThrow(ConfigError);
    expect(() => loadConfig({ ACCESSIBILITY_PUBLISHED: '15.01.2026' }, dir)).toThrow(/ACCESSIBILITY_PUBLISHED must be a date as YYYY-MM-DD/);
  });

  it('the maps: no base map by default; a tile URL template with its attribution and the origin the CSP allows; a bad template refused', () => {
    expect(loadConfig({}, dir).site.map).toEqual({ tileUrl: null, attribution: null, tileOrigin: null });
    expect(loadConfig({ MAP_TILE_URL: 'https://{s}.tile.example.org/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: '© Autorzy mapy' }, dir).site.map).toEqual({
      tileUrl: 'https://{s}.tile.example.org/{z}/{x}/{y}.png',
      attribution: '© Autorzy mapy',
      tileOrigin: 'https://*.tile.example.org',
    });
    expect(loadConfig({ MAP_TILE_URL: 'http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png' }, dir).site.map.tileOrigin).toBe('http://127.0.0.1:8080');
    expect(() => loadConfig({ MAP_TILE_URL: 'javascript:alert(1)//{z}' }, dir)).toThrow(/MAP_TILE_URL must be an http\(s\) tile URL template/);
    expect(() => loadConfig({ MAP_TILE_URL: 'https://tile.example.org/{z}.png' }, dir)).toThrow(/MAP_TILE_URL: the template needs/);
  });
});

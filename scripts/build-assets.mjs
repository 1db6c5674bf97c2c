// Builds the web assets into dist/assets: the stylesheet (GOV.UK Frontend compiled with sass, without UK branding),
// the scripts (GOV.UK Frontend's components and our small enhancements, as ES modules) and the images. Every file
// is fingerprinted (name.<hash>.ext, served with a one-year immutable cache) and stored pre-compressed (.gz, .br);
// dist/assets/manifest.json maps each logical name to its fingerprinted file and sizes.
// Run by scripts/ensure-build.mjs (`npm start`, `npm run build`) and by the test setup when the assets are stale.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'libs', 'web', 'assets');
export const assetsOut = join(root, 'dist', 'assets');
const govuk = join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk');
const leaflet = join(root, 'node_modules', 'leaflet', 'dist');
const tallySource = join(root, 'libs', 'tally', 'src');

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

/** True when dist/assets is missing or older than its sources (ours, the GOV.UK Frontend package, this script). */
export function assetsStale() {
  const manifest = join(assetsOut, 'manifest.json');
  if (!existsSync(manifest)) return true;
  const built = statSync(manifest).mtimeMs;
  return (
    Math.max(
      newest(source),
      newest(join(govuk, '..', '..', 'package.json')),
      newest(join(leaflet, '..', 'package.json')),
      newest(tallySource),
      newest(fileURLToPath(import.meta.url)),
    ) > built
  );
}

function fingerprint(name, content) {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 12);
  const ext = extname(name);
  return `${basename(name, ext)}.${hash}${ext}`;
}

const COMPRESSIBLE = new Set(['.css', '.js', '.mjs', '.svg', '.json', '.map', '.ico']);

/** libs/tally's browser entry bundled with esbuild: ESM, minified, for browsers and their workers. */
function bundleTally() {
  const esbuild = createRequire(import.meta.url)('esbuild');
  const out = esbuild.buildSync({
    entryPoints: [join(tallySource, 'browser', 'recount.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
    alias: { 'node:crypto': join(tallySource, 'browser', 'node-crypto.ts') },
  });
  return out.outputFiles[0].text;
}

export function buildAssets() {
  const started = Date.now();
  const sass = createRequire(import.meta.url)('sass');
  const files = new Map();

  // The stylesheet: libs/web/assets/civitas.scss, which @use-s GOV.UK Frontend from node_modules.
  const css = sass.compile(join(source, 'civitas.scss'), {
    style: 'compressed',
    loadPaths: [join(root, 'node_modules')],
    quietDeps: true,
    silenceDeprecations: ['import'],
  }).css;
  files.set('civitas.css', Buffer.from(css));

  // GOV.UK Frontend's components as one ES module, and our enhancements (each .mjs file in libs/web/assets/js), whose
  // imports of './govuk-frontend.js' and './leaflet.js' are pointed at the fingerprinted files.
  const govukJs = readFileSync(join(govuk, 'govuk-frontend.min.js'));
  files.set('govuk-frontend.js', govukJs);
  const imported = { './govuk-frontend.js': fingerprint('govuk-frontend.js', govukJs) };

  // Leaflet (the maps, only on the pages that have one): its minified script, which sets window.L when our map module
  // imports it, and its stylesheet with the images it names pointed at their fingerprinted copies. No CDN.
  const leafletJs = Buffer.from(readFileSync(join(leaflet, 'leaflet.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n'));
  files.set('leaflet.js', leafletJs);
  imported['./leaflet.js'] = fingerprint('leaflet.js', leafletJs);
  const leafletImages = {};
  for (const f of readdirSync(join(leaflet, 'images'))) {
    const body = readFileSync(join(leaflet, 'images', f));
    files.set(`leaflet-${f}`, body);
    leafletImages[f] = fingerprint(`leaflet-${f}`, body);
  }
  const leafletCss = readFileSync(join(leaflet, 'leaflet.css'), 'utf8').replace(/url\(images\/([\w.-]+)\)/g, (m, f) =>
    leafletImages[f] ? `url(${leafletImages[f]})` : m,
  );
  files.set('leaflet.css', Buffer.from(leafletCss));

  // The tally engine (libs/tally, pure TypeScript) for the recount in the browser: what a recount needs (read a .pb,
  // tally it with its rule and options, the input hash, the outcome; libs/tally/src/browser/recount.ts) as one minified
  // ES module. The engine hashes with node:crypto's createHash; the bundle gets the plain TypeScript SHA-256 of
  // libs/tally/src/browser/node-crypto.ts in its place (synchronous and incremental, as the engine hashes; Web Crypto is
  // neither). Any other Node built-in fails the build (platform browser). Our modules import it as './tally.js'.
  const tallyJs = Buffer.from(bundleTally());
  files.set('tally.js', tallyJs);
  imported['./tally.js'] = fingerprint('tally.js', tallyJs);

  const js = join(source, 'js');
  if (existsSync(js)) {
    for (const f of readdirSync(js).filter((f) => f.endsWith('.mjs'))) {
      let code = readFileSync(join(js, f), 'utf8');
      for (const [from, to] of Object.entries(imported)) code = code.replaceAll(`'${from}'`, `'./${to}'`);
      files.set(f.replace(/\.mjs$/, '.js'), Buffer.from(code));
    }
  }

  // Data published beside the pages (the accessibility test report that the statement links to).
  for (const f of readdirSync(source).filter((f) => f.endsWith('.json'))) files.set(f, readFileSync(join(source, f)));

  // Images: ours (libs/web/assets/images).
  const images = join(source, 'images');
  if (existsSync(images)) for (const f of readdirSync(images)) files.set(f, readFileSync(join(images, f)));

  rmSync(assetsOut, { recursive: true, force: true });
  mkdirSync(assetsOut, { recursive: true });
  const manifest = {};
  for (const [name, content] of files) {
    const out = fingerprint(name, content);
    writeFileSync(join(assetsOut, out), content);
    const entry = { file: out, bytes: content.length };
    if (COMPRESSIBLE.has(extname(name))) {
      const gz = gzipSync(content, { level: 9 });
      const br = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      writeFileSync(join(assetsOut, `${out}.gz`), gz);
      writeFileSync(join(assetsOut, `${out}.br`), br);
      Object.assign(entry, { gzip: gz.length, brotli: br.length });
    }
    manifest[name] = entry;
  }
  writeFileSync(join(assetsOut, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  process.stderr.write(`civitas: assets built in ${Date.now() - started} ms (${files.size} files)\n`);
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  if (process.argv.includes('--if-stale') && !assetsStale()) process.exit(0);
  buildAssets();
}

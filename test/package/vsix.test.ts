/**
 * The .vsix as a reviewer would install it: `npm run package` (vsce, production bundles) into a
 * temporary folder, then its contents read back from the zip. Anything not on the list of what
 * ships fails the test, so a source file, a test, a sourcemap or node_modules cannot slip in.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/docs';
import { listZip, readZipEntry, type ZipEntry } from '../support/zip';

const MAX_BYTES = 1.5 * 1024 * 1024;

/** Everything that may ship; an entry matching none of these is unexpected. */
const ALLOWED: RegExp[] = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/changelog\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/dist\/(client|languageClient|server)\.cjs$/,
  /^extension\/dist\/browser\/(client|server)\.js$/,
  /^extension\/images\/icon\.png$/,
  /^extension\/syntaxes\/[\w.-]+\.tmLanguage\.json$/,
  /^extension\/schemas\/[\w.-]+\.schema\.json$/,
];

/** Named separately so that the failure says what went wrong. */
const FORBIDDEN: [RegExp, string][] = [
  [/(^|\/)node_modules\//, 'node_modules'],
  [/\.map$/, 'a sourcemap'],
  [/\.(ts|tsx|mts|cts)$/, 'TypeScript source'],
  [/(^|\/)(client|server)\/src\//, 'source folder'],
  [/^extension\/test\//, 'tests'],
  [/^extension\/(examples|bench|scripts|docs|\.ci|\.github|action|packages)\//, 'a folder that does not ship'],
  [/^extension\/action\.yml$/, 'the GitHub Action'],
  [/\.vsix$/, 'another package'],
  [/(^|\/)\.[^/]+$/, 'a dot file'],
  [/^extension\/dist\/cli\.cjs$/, 'the CLI bundle (not used by the extension)'],
];

describe('package (.vsix)', function () {
  this.timeout(120000);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const outDir = mkdtempSync(join(tmpdir(), 'diligence-vsix-'));
  const vsixPath = join(outDir, `${pkg.name}-${pkg.version}.vsix`);
  let zip: Buffer;
  let entries: ZipEntry[];
  const entry = (name: string): Buffer => {
    const e = entries.find((x) => x.name === name);
    assert.ok(e, `${name} is not in the package`);
    return readZipEntry(zip, e);
  };

  before(function () {
    // the project's own script, with vsce writing into a folder: the file name is vsce's default
    const r = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', outDir], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
    assert.ok(existsSync(vsixPath), `npm run package did not write ${pkg.name}-${pkg.version}.vsix (wrote: ${r.stdout})`);
    zip = readFileSync(vsixPath);
    entries = listZip(zip);
  });

  after(function () {
    rmSync(outDir, { recursive: true, force: true });
    // packaging left minified production bundles in dist/: put the dev build back for the other tests
    execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  });

  it('contains only what ships', function () {
    const names = entries.map((e) => e.name);
    for (const n of names) {
      for (const [re, what] of FORBIDDEN) assert.ok(!re.test(n), `${n} is ${what} and must not be in the package`);
      assert.ok(ALLOWED.some((re) => re.test(n)), `unexpected file in the package: ${n}`);
    }
    assert.equal(new Set(names).size, names.length, 'duplicate entries');
  });

  it('contains every file the manifest refers to', function () {
    const manifest = JSON.parse(entry('extension/package.json').toString('utf8')) as {
      main: string; browser: string; icon: string; contributes: { grammars?: { path: string }[] };
    };
    const refs = [manifest.main, manifest.browser, manifest.icon, ...(manifest.contributes.grammars ?? []).map((g) => g.path)];
    for (const r of refs) entry(`extension/${r.replace(/^\.\//, '')}`);
    entry('extension/dist/server.cjs'); // the client starts it with context.asAbsolutePath('dist/server.cjs')
    entry('extension/dist/languageClient.cjs'); // loaded by the main once activate has returned
    entry('extension/dist/browser/server.js'); // the browser's client starts it in a Web Worker
    for (const f of ['extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt']) entry(f);
  });

  it(`is smaller than ${MAX_BYTES / 1024 / 1024} MB`, function () {
    const size = statSync(vsixPath).size;
    assert.ok(size < MAX_BYTES, `${vsixPath} is ${size} bytes`);
  });

  it('ships minified bundles without sourcemap references', function () {
    for (const name of ['extension/dist/client.cjs', 'extension/dist/languageClient.cjs', 'extension/dist/server.cjs', 'extension/dist/browser/client.js', 'extension/dist/browser/server.js']) {
      const js = entry(name).toString('utf8');
      assert.ok(!/sourceMappingURL/.test(js.slice(-500)), `${name} points to a sourcemap that is not shipped`);
      const lines = js.split('\n').length;
      // minified: a few very long lines (multi-line template strings add some); unminified: ~30 chars a line
      // (the extension's main is a few KB: a handful of lines)
      assert.ok(js.length / lines > 2000 || (js.length < 20_000 && lines <= 5), `${name} does not look minified (${lines} lines)`);
    }
  });

  it('has a manifest complete for the marketplace', function () {
    const m = JSON.parse(entry('extension/package.json').toString('utf8')) as Record<string, unknown>;
    for (const k of ['name', 'displayName', 'description', 'version', 'publisher', 'license', 'icon']) {
      assert.equal(typeof m[k], 'string', `manifest field ${k}`);
      assert.ok((m[k] as string).length > 0, `manifest field ${k} is empty`);
    }
    assert.ok(Array.isArray(m.categories) && m.categories.length > 0, 'categories');
    const known = ['Azure', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization', 'Other'];
    for (const c of m.categories as string[]) assert.ok(known.includes(c), `unknown marketplace category ${c}`);
    assert.ok(Array.isArray(m.keywords) && m.keywords.length > 0 && m.keywords.length <= 30, 'keywords (1 to 30)');
    const repo = m.repository as { type?: string; url?: string } | undefined;
    assert.match(repo?.url ?? '', /^https:\/\//, 'repository.url');
    const engines = m.engines as { vscode?: string } | undefined;
    // code-server 4.100.3 (VS Code 1.100) is the editor the e2e test installs it into
    assert.equal(engines?.vscode, '^1.100.0');
    assert.ok(Array.isArray(m.activationEvents), 'activationEvents (vsce refuses `main` without them)');
    // the icon: a 128×128 PNG
    const png = entry(`extension/${m.icon as string}`);
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'icon size');
  });

  it('has a vsixmanifest naming the same extension and version', function () {
    const xml = entry('extension.vsixmanifest').toString('utf8');
    assert.match(xml, new RegExp(`<Identity [^>]*Id="${pkg.name}"[^>]*Version="${pkg.version.replace(/\./g, '\\.')}"`));
    assert.match(xml, /Microsoft\.VisualStudio\.Services\.Icons\.Default/);
  });

  it('.vscodeignore starts from ** and re-admits files one by one', function () {
    const rules = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    assert.equal(rules[0], '**');
    for (const r of rules.slice(1)) assert.ok(r.startsWith('!'), `rule after ** that is not a re-admission: ${r}`);
  });
});

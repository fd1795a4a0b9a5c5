/**
 * The CLI's configuration file: the nearest `.diligence.jsonc` / `.diligence.json` above each
 * document, up to the repository's root; `--config FILE`, `--no-config`; the command line over
 * it; a broken file said with its line and column (exit 2); paths inside the repository; the
 * results cache and the worker pool stand aside when a file applies.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import { findConfigFile, loadConfigFile } from '../../server/src/node/configFiles';
import { SMALL } from '../support/docs';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...args, '--offline'], (s) => { out += s + '\n'; }, (s) => { err += s + '\n'; });
  return { code, out, err };
}

const count = (out: string, re: RegExp): number => out.split('\n').filter((l) => re.test(l)).length;

describe('CLI: the configuration file', () => {
  let repo: string;
  let doc: string;
  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'diligence-cfg-'));
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'projects', 'acme'), { recursive: true });
    doc = join(repo, 'projects', 'acme', 'acme-dd.md');
    writeFileSync(doc, SMALL);
  });

  it('the nearest file above the document applies; the command line goes over it; --no-config ignores it', async () => {
    const plain = await run(['check', doc]);
    assert.ok(count(plain.out, / information todo /) > 0, plain.out);
    writeFileSync(join(repo, '.diligence.jsonc'), '{\n  // this repository\n  "diagnostics": { "severity": { "todo": "error", "placeholder": "off", }, },\n}\n');
    const configured = await run(['check', doc]);
    assert.equal(count(configured.out, / information todo /), 0);
    assert.equal(count(configured.out, / error todo /), count(plain.out, / information todo /));
    assert.equal(count(configured.out, / placeholder /), 0);
    assert.equal(configured.code, 1, 'an error now');
    assert.doesNotMatch(configured.err, /diligence:/);
    const over = await run(['check', doc, '--severity', 'todo=hint']);
    assert.equal(count(over.out, / error todo /), 0);
    assert.equal(count(over.out, / placeholder /), 0, 'the file still turns placeholder off');
    assert.equal((await run(['check', doc, '--no-config'])).out, plain.out);
    // nearer wins
    writeFileSync(join(repo, 'projects', '.diligence.json'), '{ "diagnostics": { "severity": { "todo": "warning" } } }');
    const nearer = await run(['check', doc]);
    assert.ok(count(nearer.out, / warning todo /) > 0);
    assert.ok(count(nearer.out, / placeholder /) > 0, 'one file only: the nearest');
  });

  it('--config FILE for every document; a broken one is said with its line and column, exit 2', async () => {
    const elsewhere = join(repo, 'ci.jsonc');
    writeFileSync(elsewhere, '{ "diagnostics": { "severity": { "todo": "off" } } }');
    const r = await run(['check', doc, '--config', elsewhere]);
    assert.equal(count(r.out, / todo /), 0);
    writeFileSync(elsewhere, '{\n  "diagnostics": {\n    "severity": { "todo": "off" }\n    "files": []\n}');
    const broken = await run(['check', doc, '--config', elsewhere]);
    assert.equal(broken.code, 2);
    assert.match(broken.err, /ci\.jsonc:4:5: not valid JSON \(with comments\)/);
    assert.match(broken.err, /not used/);
    assert.ok(count(broken.out, / todo /) > 0, 'the documents are still checked, without it');
    const missing = await run(['check', doc, '--config', join(repo, 'nope.jsonc')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nope\.jsonc:1:1: no such file/);
    assert.match((await run(['check', doc, '--config', elsewhere, '--no-config'])).err, /--config and --no-config exclude each other/);
  });

  it('keys that are not the repository\'s are refused by name, the others still apply', async () => {
    writeFileSync(join(repo, '.diligence.json'), JSON.stringify({ github: { apiUrl: 'http://127.0.0.1:9' }, diagnostics: { severity: { todo: 'off' } } }, null, 2));
    const r = await run(['check', doc]);
    assert.match(r.err, /\.diligence\.json:2:3: "github" is not a setting a configuration file may hold/);
    assert.equal(count(r.out, / todo /), 0);
    assert.equal(r.code, 0);
  });

  it('stops at the repository\'s root; paths it names are relative to it and stay inside the repository', async () => {
    const outer = mkdtempSync(join(tmpdir(), 'diligence-outer-'));
    writeFileSync(join(outer, '.diligence.json'), '{}');
    mkdirSync(join(outer, 'repo', '.git'), { recursive: true });
    mkdirSync(join(outer, 'repo', 'docs'));
    assert.equal(await findConfigFile(join(outer, 'repo', 'docs'), { stopAtRepository: true }), undefined);
    assert.equal(await findConfigFile(join(outer, 'repo', 'docs')), join(outer, '.diligence.json'));
    assert.equal(await findConfigFile(join(outer, 'repo', 'docs'), { root: join(outer, 'repo') }), undefined);
    writeFileSync(join(outer, 'repo', '.diligence.jsonc'), JSON.stringify({ profiles: ['profiles/acme.json', '../../etc/passwd'], templates: { file: '/etc/hostname' } }));
    const loaded = await loadConfigFile(join(outer, 'repo', '.diligence.jsonc'), { root: join(outer, 'repo') });
    assert.deepEqual(loaded.settings['profiles'], [join(outer, 'repo', 'profiles', 'acme.json')]);
    assert.deepEqual(loaded.settings['templates'], {});
    assert.equal(loaded.problems.filter((p) => /outside/.test(p.message)).length, 2);
    // a link to a file outside the repository is not read (its text could be shown in a message)
    writeFileSync(join(outer, 'secret.txt'), 'not json: secret');
    rmSync(join(outer, 'repo', '.diligence.jsonc'));
    symlinkSync(join(outer, 'secret.txt'), join(outer, 'repo', '.diligence.jsonc'));
    const linked = await loadConfigFile(join(outer, 'repo', '.diligence.jsonc'), { root: join(outer, 'repo') });
    assert.equal(linked.fatal, true);
    assert.match(linked.problems[0]!.message, /a link to a file outside/);
    assert.ok(!linked.problems[0]!.message.includes('not json'));
  });

  it('a profile the file names (relative to it) is used for the documents under it', async () => {
    writeFileSync(join(repo, 'acme.diligence-profile.json'), JSON.stringify({
      id: 'acme-review', name: 'Acme review', foundation: 'Acme', stage: 'Incubation',
      detect: { titlePatterns: ['^acme\\b'], keywords: ['Acme'] },
      areas: [{ id: 'gov', name: 'Governance', criteria: [{ id: 'gov.owners', title: 'Code and Doc ownership', level: 'required', keywords: ['ownership'] }] }],
    }));
    const without = JSON.parse((await run(['report', doc, '--format', 'json'])).out) as { profile?: { id: string } };
    writeFileSync(join(repo, '.diligence.jsonc'), '{ "profiles": ["acme.diligence-profile.json"] }');
    const r = await run(['report', doc, '--format', 'json']);
    assert.equal(r.err, '');
    const withFile = JSON.parse(r.out) as { profile?: { id: string } };
    assert.notEqual(without.profile?.id, 'acme-review');
    assert.equal(withFile.profile?.id, 'acme-review');
  });

  it('the results cache stands aside when a file applies (its settings are not the command line\'s)', async () => {
    const cacheDir = join(repo, 'cache');
    await run(['check', doc, '--cache-dir', cacheDir]);
    writeFileSync(join(repo, '.diligence.jsonc'), '{ "diagnostics": { "severity": { "todo": "off" } } }');
    const r = await run(['check', doc, '--cache-dir', cacheDir]);
    assert.equal(count(r.out, / todo /), 0, 'not the cached result of before');
    assert.doesNotThrow(() => readFileSync(join(cacheDir, 'results.json'), 'utf8'));
  });
});

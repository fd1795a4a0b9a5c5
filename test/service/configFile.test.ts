/**
 * The configuration file's text (service/configFile.ts): JSONC, bounded, the keys it may hold,
 * trust, and how it merges under the user's settings.
 */
import assert from 'node:assert/strict';
import { MAX_CONFIG_FILE_SIZE, mergeUnderUser, parseJsonc, readConfigFile } from '../../server/src/service/configFile';
import { resolveConfig } from '../../server/src/service/index';

describe('configuration file text (.diligence.jsonc)', () => {
  it('reads comments and trailing commas, and keeps "//" and "/*" inside strings', () => {
    const r = parseJsonc('{\n  // a comment\n  "links": { "ignore": ["https://a.example/*", "/b\\\\/*c/",], /* more */ },\n}\n');
    assert.deepEqual(r, { value: { links: { ignore: ['https://a.example/*', '/b\\/*c/'] } } });
    assert.deepEqual(parseJsonc('\ufeff{"a": "x // y, }"}'), { value: { a: 'x // y, }' } });
  });

  it('a syntax error is one problem at its line and column; never a throw', () => {
    const r = parseJsonc('{\n  "files": ["a"\n  "b"]\n}');
    assert.ok('error' in r);
    assert.equal(r.error.fatal, true);
    assert.equal(r.error.line, 2);
    assert.match(r.error.message, /not valid JSON/);
    const end = parseJsonc('{ "diagnostics": ');
    assert.ok('error' in end && end.error.line === 0 && end.error.character > 0);
    for (const hostile of ['', '/*', '"', '[', '{"a":' + '['.repeat(10_000), 'x'.repeat(MAX_CONFIG_FILE_SIZE + 1), '\u0000']) {
      assert.doesNotThrow(() => readConfigFile(hostile));
      assert.equal(readConfigFile(hostile).problems[0]?.fatal, true, JSON.stringify(hostile.slice(0, 20)));
    }
  });

  it('holds only what belongs to the repository: the GitHub API, the proxy, private hosts, the reviewer are refused, with where', () => {
    const text = '{\n  "diagnostics": { "severity": { "todo": "hint" } },\n  "github": { "apiUrl": "https://elsewhere.example" },\n  "links": { "ignore": ["x"], "allowPrivateHosts": true },\n  "reviewer": { "name": "Mallory" },\n  "diligence.files": []\n}';
    const { settings, problems } = readConfigFile(text);
    assert.deepEqual(settings, { diagnostics: { severity: { todo: 'hint' } }, links: { ignore: ['x'] } });
    assert.deepEqual(problems.map((p) => [p.line, p.message.split(' ')[0]]), [[2, '"github"'], [3, '"links.allowPrivateHosts"'], [4, '"reviewer"'], [5, '"diligence.files":']]);
    assert.ok(problems.every((p) => !p.fatal));
    assert.equal(readConfigFile('[1]').problems[0]?.fatal, true);
  });

  it('untrusted: the restricted keys (files, link ignores, profiles, templates) are left out, severities kept', () => {
    const text = JSON.stringify({ files: ['**/*.md'], links: { ignore: ['x'], enabled: false }, profiles: ['p.json'], templates: { file: 't.md' }, diagnostics: { severity: { todo: 'off' } } });
    assert.deepEqual(readConfigFile(text, false).settings, { links: { enabled: false }, templates: {}, diagnostics: { severity: { todo: 'off' } } });
  });

  it('merges under the user\'s settings: the user\'s win, but values left at their default or empty do not hide the file\'s', () => {
    const file = { diagnostics: { enabled: false, severity: { 'todo': 'error', 'placeholder': 'off' } }, files: ['a/*.md'], links: { enabled: false, ignore: ['x'] } };
    // as VS Code sends them: every setting, the defaults included
    const user = { diagnostics: { enabled: true, severity: { todo: 'hint' } }, files: [], links: { enabled: true, ignore: ['y'], timeout: 10_000 }, reviewer: { name: 'Jane' } };
    const merged = resolveConfig(mergeUnderUser(file, user));
    assert.equal(merged.diagnostics.enabled, false);
    assert.equal(merged.diagnostics.severity.todo, 'hint');
    assert.equal(merged.diagnostics.severity.placeholder, 'off');
    assert.deepEqual(merged.files, ['a/*.md']);
    assert.equal(merged.links.enabled, false);
    assert.deepEqual(merged.links.ignore, ['y']);
    assert.equal(merged.reviewer.name, 'Jane');
  });
});

describe('per-document settings in the service (setDocumentConfig)', () => {
  it('a document\'s own settings change its severities and files globs only; dropped on close', async () => {
    const { createDiligenceService, DEFAULT_CONFIG } = await import('../../server/src/service/index');
    const { SMALL } = await import('../support/docs');
    const service = createDiligenceService();
    const a = { uri: 'file:///repo/a/acme-dd.md', version: 1, getText: () => SMALL };
    const b = { uri: 'file:///repo/b/acme-dd.md', version: 1, getText: () => SMALL };
    const notes = { uri: 'file:///repo/a/notes.md', version: 1, getText: () => '# Notes\n\nNothing of a review.\n' };
    const todoSeverity = (doc: typeof a): number[] => [...new Set(service.diagnostics(doc).filter((d) => d.code === 'todo').map((d) => d.severity!))];
    assert.deepEqual(todoSeverity(a), [3]);
    const own = resolveConfig(mergeUnderUser({ diagnostics: { severity: { todo: 'error' } }, files: ['**/notes.md'] }, {}));
    service.setDocumentConfig(a.uri, own);
    service.setDocumentConfig(notes.uri, own);
    assert.deepEqual(todoSeverity(a), [1]);
    assert.deepEqual(todoSeverity(b), [3], 'another document keeps the service\'s settings');
    assert.equal(service.isDiligenceDocument(notes), true);
    assert.equal(service.configFor(b.uri), service.config);
    service.closeDocument(a.uri);
    assert.deepEqual(service.configFor(a.uri), DEFAULT_CONFIG);
    assert.deepEqual(todoSeverity(a), [3]);
  });
});

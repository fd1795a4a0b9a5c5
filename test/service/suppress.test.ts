import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { ALL_CODES, createDiligenceService, reportToMarkdown, resolveConfig } from '../../server/src/service/index';
import { MAX_CONFIGURE_JSON, parseDirectives } from '../../server/src/service/suppress/directives';
import { doc, msg, ROOT } from '../support/docs';

const service = createDiligenceService({ config: resolveConfig({}) });
const diags = (text: string): Diagnostic[] => service.diagnostics(doc(text));
const on = (ds: Diagnostic[], code: string): number[] => ds.filter((d) => d.code === code).map((d) => d.range.start.line);

// written for these tests: a placeholder or a TODO on known lines
const BODY = [
  '# Acme Incubation Due Diligence', //                       0
  '', //                                                        1
  '## Governance', //                                           2
  '', //                                                        3
  '- [ ] **Clear governance.** For $LEVEL.', //                 4
  '  **TODO for Acme team:** one', //                           5
  '- [ ] **Second.** For $LEVEL.', //                           6
  '  **TODO for Acme team:** two', //                           7
  '- [ ] **Third.** For $LEVEL.', //                            8
  '  **TODO for Acme team:** three', //                         9
];
const at = (line: number, add: string): string => BODY.map((l, i) => (i === line ? `${l}${add}` : l)).join('\n') + '\n';

describe('suppressions: directives', () => {
  it('reads every directive, codes in any case, separated by blanks or commas; only HTML comments, never code', () => {
    const text = [
      '# T', '',
      '<!-- diligence-disable TODO, placeholder -->',
      'Text <!-- diligence-disable-line todo --> and `<!-- diligence-disable -->` in code.',
      '', '```', '<!-- diligence-enable -->', '```', '',
      '<!-- Diligence-Capture -->', '<!-- diligence-restore -->', '<!-- diligence-disable-file -->', '<!-- diligence:evidence x -->',
    ].join('\n');
    const { directives, problems } = parseDirectives(service.getModel(doc(text))!);
    assert.deepEqual(directives.map((d) => [d.action, d.codes, d.line]), [
      ['disable', ['todo', 'placeholder'], 2], ['disable-line', ['todo'], 3], ['capture', 'all', 9], ['restore', 'all', 10], ['disable-file', 'all', 11],
    ]);
    assert.deepEqual(problems, []);
  });

  it('an unknown code or directive is a directive-invalid (with a suggestion); codes given but none known do nothing', () => {
    const text = '# T\n\n<!-- diligence-disable todoo -->\n<!-- diligence-disabel todo -->\n<!-- diligence-disable-line -->\n';
    const { directives, problems } = parseDirectives(service.getModel(doc(text))!);
    assert.deepEqual(directives.map((d) => d.action), ['disable-line']);
    assert.deepEqual(problems.map((p) => p.code), ['directive-invalid', 'directive-invalid']);
    assert.match(problems[0]!.message, /Unknown code "todoo".*did you mean "todo"/);
    assert.match(problems[1]!.message, /Unknown directive "diligence-disabel".*did you mean "diligence-disable"/);
  });

  it('configure-file: invalid JSON, not an object, too long, keys a document may not set: findings, never a throw', () => {
    const long = `{"diagnostics": {"severity": {"todo": "${'x'.repeat(MAX_CONFIGURE_JSON)}"}}}`;
    const text = ['# Acme Incubation Due Diligence', '',
      '<!-- diligence-configure-file {"diagnostics": -->',
      '<!-- diligence-configure-file [1, 2] -->',
      `<!-- diligence-configure-file ${long} -->`,
      '<!-- diligence-configure-file {"github": {"apiUrl": "https://evil.example"}, "diagnostics": {"severity": {"todo": "loud", "nope": "off"}, "enabled": 3}} -->',
      '', '- [ ] **A.** For $LEVEL.', '  **TODO for Acme team:** one', ''].join('\n');
    const ds = diags(text);
    const invalid = ds.filter((d) => d.code === 'directive-invalid').map(msg);
    assert.equal(invalid.length, 7, invalid.join('\n'));
    assert.ok(invalid.some((m) => /not valid JSON/.test(m)));
    assert.ok(invalid.some((m) => /expected a JSON object/.test(m)));
    assert.ok(invalid.some((m) => /more than the 8192 read/.test(m)));
    assert.ok(invalid.some((m) => /"github" cannot be set from a document/.test(m)));
    assert.ok(invalid.some((m) => /"loud" is not one of/.test(m)));
    assert.ok(invalid.some((m) => /unknown code "nope"/.test(m)));
    assert.ok(invalid.some((m) => /"diagnostics.enabled" must be true or false/.test(m)));
    // nothing applied: the TODO keeps its severity, the service's settings are untouched
    assert.equal(ds.find((d) => d.code === 'todo')?.severity, 3);
    assert.equal(service.config.github.apiUrl, 'https://api.github.com');
  });
});

describe('suppressions: what they suppress', () => {
  it('nothing without directives', () => {
    assert.deepEqual(on(diags(at(99, '')), 'todo'), [5, 7, 9]);
  });

  it('disable-line: that line; disable-next-line: the next one; other codes stay', () => {
    assert.deepEqual(on(diags(at(5, ' <!-- diligence-disable-line todo -->')), 'todo'), [7, 9]);
    assert.deepEqual(on(diags(at(6, '\n  <!-- diligence-disable-next-line todo -->')), 'todo'), [5, 10], 'line 7 became 8, 9 became 10');
    assert.deepEqual(on(diags(at(4, '<!-- diligence-disable-line todo -->')), 'placeholder'), [4, 6, 8]);
    // no codes: every code on the line
    assert.deepEqual(on(diags(at(4, '<!-- diligence-disable-line -->')), 'placeholder'), [6, 8]);
  });

  it('disable / enable from the comment\'s line on (that line included), with and without codes', () => {
    const text = at(6, ' <!-- diligence-disable todo placeholder -->').replace('two', 'two <!-- diligence-enable todo -->');
    const ds = diags(text);
    assert.deepEqual(on(ds, 'todo'), [5, 7, 9]);
    assert.deepEqual(on(ds, 'placeholder'), [4]);
    const all = diags(at(5, '\n<!-- diligence-disable -->'));
    assert.deepEqual([...on(all, 'todo'), ...on(all, 'placeholder')], [5, 4]);
  });

  it('capture / restore; disable-file anywhere counts from the first line', () => {
    const text = at(3, '<!-- diligence-disable todo -->\n<!-- diligence-capture -->\n<!-- diligence-enable -->').replace('two', 'two <!-- diligence-restore -->');
    assert.deepEqual(on(diags(text), 'todo'), [7]);
    assert.deepEqual(on(diags(at(9, ' <!-- diligence-disable-file todo -->')), 'todo'), []);
    assert.deepEqual(on(diags(at(9, ' <!-- diligence-disable-file todo -->\n<!-- diligence-enable-file todo -->')), 'todo'), [5, 7, 9]);
  });

  it('configure-file sets severities for this document only, through the settings\' reader', () => {
    const text = `<!-- diligence-configure-file {"diagnostics": {"severity": {"todo": "error", "placeholder": "off"}}} -->\n${at(99, '')}`;
    const ds = diags(text);
    assert.deepEqual(ds.filter((d) => d.code === 'todo').map((d) => d.severity), [1, 1, 1]);
    assert.deepEqual(on(ds, 'placeholder'), []);
    assert.deepEqual(diags(at(99, '')).filter((d) => d.code === 'todo').map((d) => d.severity), [3, 3, 3], 'another document keeps the settings');
    assert.deepEqual(diags(`<!-- diligence-configure-file {"diagnostics": {"enabled": false}} -->\n${at(99, '')}`), []);
  });

  it('applies to every source: a host\'s findings too', () => {
    const s = createDiligenceService({ config: resolveConfig({}) });
    s.addFindingProvider((_uri, model) => [{ code: 'link-broken', span: { start: model.text.indexOf('two'), end: model.text.indexOf('two') + 3 }, message: 'Broken (test)' }]);
    assert.deepEqual(on(s.diagnostics(doc(at(99, ''))), 'link-broken'), [7]);
    assert.deepEqual(on(s.diagnostics(doc(at(7, ' <!-- diligence-disable-line link-broken -->'))), 'link-broken'), []);
  });

  it('the report counts the findings shown and says how many the document suppressed', () => {
    const plain = service.report(doc(at(99, '')))!;
    const text = `<!-- diligence-configure-file {"diagnostics": {"severity": {"placeholder": "off"}}} -->\n${at(5, ' <!-- diligence-disable-line todo -->')}`;
    const r = service.report(doc(text))!;
    assert.equal(r.findings!.suppressed, 4, '1 TODO + 3 placeholders');
    assert.equal(r.findings!.shown, plain.findings!.shown - 4);
    assert.equal(plain.findings!.suppressed, 0);
    assert.match(reportToMarkdown(r), /- Findings: \d+ \(\d+ errors?, \d+ warnings?, \d+ notes?\); 4 more suppressed by the document's own `diligence-` comments/);
    assert.doesNotMatch(reportToMarkdown(plain), /suppressed/);
  });
});

describe('suppressions: codes', () => {
  it('completion offers the codes inside a directive comment, and only there', () => {
    const text = '# Acme Incubation Due Diligence\n\n- [ ] **A.** text <!-- diligence-disable-line pla\n';
    const items = service.completion(doc(text), { line: 2, character: text.split('\n')[2]!.length });
    assert.ok(items.some((i) => i.label === 'placeholder' && i.textEdit && 'range' in i.textEdit && i.textEdit.range.start.character === text.split('\n')[2]!.length - 3));
    assert.equal(items.length, ALL_CODES.length);
    assert.deepEqual(service.completion(doc(text.replace('diligence-disable-line', 'other')), { line: 2, character: 40 }), []);
  });

  it('every code is in the README table and in the settings schema (directive-invalid included)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const severity = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).contributes.configuration.properties['diligence.diagnostics.severity'].properties;
    for (const code of ALL_CODES) {
      assert.ok(readme.includes(`| \`${code}\` |`), `${code} in the README`);
      assert.ok(severity[code], `${code} in package.json`);
    }
  });
});

import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createDiligenceService, resolveConfig } from '../../server/src/service/index';
import { doc, msg, readSeed, skipWithoutShared, SMALL } from '../support/docs';

const clock = { now: () => new Date('2026-11-22T10:00:00Z'), utcOffsetMinutes: () => 0 };

function diags(text: string, settings: unknown = {}) {
  const service = createDiligenceService({ clock, config: resolveConfig(settings) });
  return service.diagnostics(doc(text));
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length - 1;
}

describe('diagnostics', () => {
  const all = diags(SMALL);
  const byCode = (code: string) => all.filter((d) => d.code === code);

  it('placeholder: a warning on each template placeholder', () => {
    const p = byCode('placeholder');
    assert.deepEqual(p.map((d) => SMALL.split('\n')[d.range.start.line]!.slice(d.range.start.character, d.range.end.character)), ['$TOCMEMBER', '$LEVEL', '[has/has not]', 'DD-MMM-YYYY']);
    assert.ok(p.every((d) => d.severity === DiagnosticSeverity.Warning && d.source === 'diligence'));
  });

  it('todo: information naming the owner', () => {
    const t = byCode('todo');
    assert.deepEqual(t.map((d) => msg(d)), ['Open TODO for Acme team: add CODEOWNERS to the website repository', 'Open TODO for Acme Team: create a CODE_OF_CONDUCT.md']);
    assert.ok(t.every((d) => d.severity === DiagnosticSeverity.Information));
  });

  it('evaluation-missing: on the template comment of a criterion with no finding (not on a checked one without evidence: checked-without-evidence says it)', () => {
    const e = byCode('evaluation-missing');
    assert.equal(e.length, 1);
    assert.match(msg(e[0]!), /Governance is up to date/);
    assert.equal(e[0]!.range.start.line, lineOf(SMALL, '<!-- (TOC Evaluation goes here) -->\n\n### Required'));
  });

  it('checked-without-evidence: a checked criterion with neither evidence nor evaluation', () => {
    const c = byCode('checked-without-evidence');
    assert.equal(c.length, 1);
    assert.match(msg(c[0]!), /Document complete list of current maintainers/);
    assert.equal(c[0]!.severity, DiagnosticSeverity.Warning);
  });

  it('checked-with-open-todo: a checked criterion whose body still has an open TODO', () => {
    const c = byCode('checked-with-open-todo');
    assert.equal(c.length, 1);
    assert.match(msg(c[0]!), /Code and Doc ownership .* a TODO for Acme team is still open/);
  });

  it('required-unmet: each unchecked Required criterion', () => {
    const r = byCode('required-unmet');
    assert.equal(r.length, 1);
    assert.match(msg(r[0]!), /Code of Conduct/);
  });

  it('link-malformed: a scheme-less domain and a URL glued to a word', () => {
    const l = byCode('link-malformed');
    assert.deepEqual(l.map((d) => /"([^"]+)"/.exec(msg(d))?.[1]), ['sandbox.cncf.io', 'https://github.com/acme/web/blob/main/OWNERS']);
  });

  it('on the seed: every code appears where the document has it', function () {
    skipWithoutShared(this);
    const seed = diags(readSeed());
    const count = (c: string) => seed.filter((d) => d.code === c).length;
    assert.equal(count('todo'), 21);
    assert.equal(count('required-unmet'), 18); // 5 + 3 + 1 + 1 + 4 + 4 by area
    assert.equal(count('link-malformed'), 2);
    assert.ok(count('placeholder') >= 20);
    assert.ok(count('evaluation-missing') >= 1);
  });

  it('severity per code is configurable, and "off" drops a code', () => {
    const d = diags(SMALL, { diagnostics: { severity: { 'todo': 'error', 'placeholder': 'off' } } });
    assert.ok(d.filter((x) => x.code === 'todo').every((x) => x.severity === DiagnosticSeverity.Error));
    assert.equal(d.filter((x) => x.code === 'placeholder').length, 0);
  });

  it('reports bad settings instead of failing', () => {
    const problems: string[] = [];
    const c = resolveConfig({ diagnostics: { severity: { todo: 'loud', nope: 'error' } }, github: { apiUrl: 'ftp://x' }, maxDocumentSize: 'big' }, problems);
    assert.equal(c.diagnostics.severity.todo, 'information');
    assert.equal(problems.length, 3);
  });

  it('a document over maxDocumentSize gets one diagnostic saying it was skipped', () => {
    const d = diags(SMALL.repeat(3), { maxDocumentSize: 1000 });
    assert.equal(d.length, 1);
    assert.equal(d[0]!.code, 'document-too-large');
  });

  it('analyses once per version (the cached model is shared)', () => {
    const service = createDiligenceService({ clock });
    const d = doc(SMALL);
    const m1 = service.getModel(d);
    service.diagnostics(d);
    service.hover(d, { line: 0, character: 3 });
    assert.equal(service.getModel(d), m1);
    service.closeDocument(d.uri);
    assert.notEqual(service.getModel(d), m1);
  });
});

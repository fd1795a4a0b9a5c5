/**
 * A document held to its template: missing criteria (one finding each, counted as unmet),
 * criteria the template does not have, reworded ones, another level, levels from the template
 * where the document has none, the quick fixes, the CCC (its profile is the source), and the
 * report's `template` object. The CNCF cases read the real templates from ../shared at test time.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { applyEdits, createDiligenceService, resolveConfig, UPDATE_TEMPLATE_KIND, type DiligenceService } from '../../server/src/service/index';
import { nodeFileSystem } from '../../server/src/node/hostAdapters';
import { noCancellation } from '../../server/src/service/host';
import { analyseText } from '../../server/src/service/model/index';
import { doc } from '../support/docs';
import { skipWithoutToc, TOC, versions } from '../support/templates';

const CURRENT_INCUBATION = join(TOC, 'template-dd-pr-incubation.md');

function held(file: string): DiligenceService {
  const s = createDiligenceService({ config: resolveConfig({ templates: { file } }) });
  s.templates.setSources({ files: nodeFileSystem, now: () => Date.now() });
  return s;
}

async function open(s: DiligenceService, text: string, uri = 'file:///work/acme/dd.md') {
  const d = doc(text, uri);
  await s.templates.resolve(d, { allowNetwork: false, history: false }, noCancellation);
  return d;
}

const fill = (t: string): string => t.replace(/\$PROJECT/g, 'Acme');

/** The text without the criterion whose title starts with `title` (its whole block). */
function without(text: string, title: string): string {
  const m = analyseText(text);
  const c = m.criteria.find((x) => x.title.startsWith(title));
  assert.ok(c, title);
  const next = m.criteria[c.index + 1]?.span.start ?? c.span.end;
  return text.slice(0, c.span.start) + text.slice(Math.min(next, text.indexOf('\n#', c.span.end) >= 0 ? Math.min(next, text.indexOf('\n#', c.span.end) + 1) : next));
}

function edits(a: CodeAction): TextEdit[] {
  return Object.values(a.edit!.changes!)[0]!;
}

describe('template contract: a CNCF document against the current template', function () {
  this.timeout(30_000);
  before(function () {
    skipWithoutToc(this);
  });

  it('a document missing two Required criteria gets exactly two criterion-missing, counted as unmet', async () => {
    const s = held(CURRENT_INCUBATION);
    const full = fill(versions('incubation').at(-1)!.text);
    const text = without(without(full, 'Document Security Self-Assessment'), 'TOC verification of adopters');
    const d = await open(s, text);
    const missing = s.diagnostics(d).filter((x) => x.code === 'criterion-missing');
    assert.deepEqual(missing.map((x) => x.message), [
      'Missing criterion of the template: "Document Security Self-Assessment." (Security · Required)',
      'Missing criterion of the template: "TOC verification of adopters." (Ecosystem · Required)',
    ]);
    // each at its place: the Required criterion before it in the template
    assert.match(text.split('\n')[missing[0]!.range.start.line]!, /Document assignment of security response roles/);
    const r = s.report(d)!;
    const all = s.report(await open(s, full, 'file:///work/acme/full.md'))!;
    assert.deepEqual([r.required.total, r.required.met], [all.required.total, 0]);
    assert.equal(r.template!.source, 'file');
    assert.deepEqual([r.template!.criteria, r.template!.present, r.template!.missing.map((m) => [m.area, m.level, m.line])], [47, 45, [['Security', 'required', null], ['Ecosystem', 'required', null]]]);
    assert.deepEqual([s.diagnostics(await open(s, full, 'file:///work/acme/full2.md')).filter((x) => String(x.code).startsWith('criterion-')).length], [0]);
  });

  it('the quick fix inserts the template\'s lines for a missing criterion at its place; the finding is gone and the rest parses the same', async () => {
    const s = held(CURRENT_INCUBATION);
    const full = fill(versions('incubation').at(-1)!.text);
    const text = without(full, 'Document Security Self-Assessment');
    const d = await open(s, text);
    const f = s.diagnostics(d).find((x) => x.code === 'criterion-missing')!;
    const fix = s.codeActions(d, f.range).find((a) => a.title.startsWith('Insert the template\'s criterion'))!;
    const after = applyEdits(text, edits(fix));
    // the template's own document again, but for the spaces that ended the line before
    const shape = (t: string) => analyseText(t).criteria.map((c) => [c.title, c.level, c.area, c.evaluation, c.comments.length]);
    assert.deepEqual(shape(after), shape(full));
    assert.equal(s.diagnostics(await open(s, after, 'file:///work/acme/fixed.md')).filter((x) => x.code === 'criterion-missing').length, 0);
  });

  it('criteria of an older version: reworded (hint, with the template\'s wording as a fix), not in the template, at another level; Update to the current template', async () => {
    const s = held(CURRENT_INCUBATION);
    const old = fill(versions('incubation')[0]!.text);
    const d = await open(s, old);
    const diags = s.diagnostics(d);
    const codes = (c: string) => diags.filter((x) => x.code === c);
    assert.ok(codes('criterion-reworded').every((x) => x.severity === 4));
    assert.deepEqual(codes('criterion-not-in-template').map((x) => x.message), ['"TAG provides insight/recommendation of the project in the context of the landscape" is not a criterion of the template']);
    assert.deepEqual(codes('criterion-level').map((x) => x.message), ['Listed under Required; the template lists it under Suggested']);
    const reworded = codes('criterion-reworded')[0]!;
    const take = s.codeActions(d, reworded.range).find((a) => a.title === 'Take the template\'s wording')!;
    const once = applyEdits(old, edits(take));
    assert.equal(s.diagnostics(await open(s, once, 'file:///work/acme/once.md')).filter((x) => x.code === 'criterion-reworded').length, codes('criterion-reworded').length - 1);
    const update = s.codeActions(d, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [UPDATE_TEMPLATE_KIND]);
    assert.equal(update.length, 1);
    const updated = applyEdits(old, edits(update[0]!));
    const left = s.diagnostics(await open(s, updated, 'file:///work/acme/updated.md')).filter((x) => ['criterion-missing', 'criterion-reworded', 'criterion-level'].includes(String(x.code)));
    assert.deepEqual(left, []);
  });

  it('levels from the template where the document has none: the older Graduation layout gets required-unmet', async () => {
    const v = versions('graduation')[0]!;
    const file = join(TOC, 'template-history', `template-dd-pr-graduation@${v.name}.md`);
    const text = fill(v.text);
    const engineering = analyseText(text).criteria.filter((c) => c.level === undefined);
    assert.ok(engineering.length >= 7, 'the 2024 layout has criteria without a level heading');
    const model = analyseText(text);
    const lines = new Set(engineering.map((c) => model.lines.positionAt(c.checkbox.start).line));
    const own = held(file);
    const d = await open(own, text);
    const unmet = own.diagnostics(d).filter((x) => x.code === 'required-unmet');
    // held to its own version, whose Engineering Principles have no level either: no level, no finding
    assert.equal(unmet.filter((x) => lines.has(x.range.start.line)).length, 0);
    const current = held(join(TOC, 'template-dd-pr-graduation.md'));
    const d2 = await open(current, text, 'file:///work/acme/grad.md');
    const now = current.diagnostics(d2).filter((x) => x.code === 'required-unmet' && lines.has(x.range.start.line));
    assert.equal(now.length, engineering.length);
    assert.equal(current.diagnostics(d2).filter((x) => x.code === 'criterion-level' && lines.has(x.range.start.line)).length, 0);
    assert.ok(current.report(d2)!.perCriterion.filter((c) => lines.has(c.line)).every((c) => c.level === 'required'));
  });

  it('sub-items of the template the document lacks are in the report', async () => {
    const s = held(join(TOC, 'template-dd-pr-graduation.md'));
    const full = fill(versions('graduation').at(-1)!.text);
    const text = full.replace(/^ {2}- \[ \] Tagging as stable[^\n]*\n/m, '');
    assert.notEqual(text, full);
    const r = s.report(await open(s, text))!;
    assert.deepEqual(r.template!.subItemsMissing.map((x) => x.items), [['Tagging as stable, unstable, and security related releases']]);
  });
});

describe('template contract: own fixtures', () => {
  it('the CCC has no template file: its profile is the source, with levels', async () => {
    const s = createDiligenceService();
    const text = `# Acme Incubation review — Confidential Computing Consortium

The TAC reviewed the project for the Incubation stage.

## Incubation Acceptance Criteria

- [ ] **One TAC representative serves as a sponsor to champion the project**
- [x] **A presentation at the meeting of the TAC**
`;
    const d = await open(s, text);
    const r = s.report(d)!;
    assert.equal(r.template!.source, 'builtin');
    assert.equal(r.template!.problem, null);
    // no level heading in the document: the profile's Required
    assert.equal(s.diagnostics(d).filter((x) => x.code === 'required-unmet').length, 1);
    assert.ok(r.template!.missing.length > 0);
  });

  it('a front-matter template: file next to the document; a missing one falls back to the built-in criteria, said so', async () => {
    const s = createDiligenceService();
    const files = new Map([['file:///work/acme/my-template.md', '# $PROJECT Incubation Due Diligence\n\n## Security\n\n### Required\n\n- [ ] **Publish how to report a vulnerability.**\n\n- [ ] **Rotate the signing keys every year.**\n']]);
    s.templates.setSources({ files: { readFile: async (u) => files.get(u), exists: async (u) => files.has(u) }, now: () => 0 });
    const text = '---\ntemplate: my-template.md\n---\n# Acme Incubation Due Diligence\n\n## Security\n\n### Required\n\n- [x] **Publish how to report a vulnerability.**\n\n  SECURITY.md has it.\n';
    const d = await open(s, text);
    const r = s.report(d)!;
    assert.deepEqual([r.template!.source, r.template!.path, r.template!.criteria, r.template!.missing.map((m) => m.title)], ['front-matter', 'file:///work/acme/my-template.md', 2, ['Rotate the signing keys every year.']]);
    const d2 = await open(s, text.replace('my-template.md', 'nope.md'), 'file:///work/acme/other.md');
    assert.match(s.report(d2)!.template!.problem!, /the template named in the front matter \(nope\.md\) could not be read/);
    assert.equal(s.report(d2)!.template!.source, 'builtin');
  });
});

export const CURRENT_URL = pathToFileURL(CURRENT_INCUBATION).toString();

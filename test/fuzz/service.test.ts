/**
 * Properties of the parser and of every feature of the service on fuzzed documents: nothing
 * throws, every range lies inside the document, and every code action edits only what it says it
 * edits, leaves a document that still parses, and is not offered again once applied.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CodeAction, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { createDiligenceService, DEFAULT_CONFIG, FILL_ALL_KIND, type DiligenceService } from '../../server/src/service/index';
import { analyseIncremental, analyseText, analyseTextWhole } from '../../server/src/service/model/index';
import type { DiligenceModel } from '../../server/src/service/model/types';
import { applyEdits } from '../../server/src/service/text/edits';
import { LineIndex } from '../../server/src/service/text/lineIndex';
import { anyText, checklistDoc, document, position } from './arbitraries';
import { FUZZ_SEED, recordRuns } from './settings';

const URI = 'file:///fuzz/dd.md';
const clock = { now: () => new Date(Date.UTC(2026, 4, 14)), utcOffsetMinutes: () => 0 };
const config = { ...structuredClone(DEFAULT_CONFIG), reviewer: { name: 'Jane Reviewer' } };

let version = 1;
const docOf = (text: string) => ({ uri: URI, version: version++, getText: () => text });
const newService = (): DiligenceService => createDiligenceService({ clock, config });

/** A position names a real place: a line of the text, a character within that line. */
function assertPosition(lines: LineIndex, p: Position, what: string): void {
  assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.lineCount, `${what}: line ${p.line} of ${lines.lineCount}`);
  const len = lines.lineEnd(p.line) - (lines.lineStarts[p.line] ?? 0);
  assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= len, `${what}: character ${p.character} of ${len} on line ${p.line}`);
}
function assertRange(lines: LineIndex, r: Range, what: string): void {
  assertPosition(lines, r.start, what);
  assertPosition(lines, r.end, what);
  assert.ok(lines.offsetAt(r.start) <= lines.offsetAt(r.end), `${what}: start after end`);
}

function randomRange(lines: LineIndex, a: number, b: number): Range {
  const n = lines.text.length;
  const [s, e] = [Math.floor(a * (n + 1)), Math.floor(b * (n + 1))].sort((x, y) => x - y) as [number, number];
  return { start: lines.positionAt(s), end: lines.positionAt(e) };
}

function editsOf(a: CodeAction): TextEdit[] {
  return a.edit?.changes?.[URI] ?? [];
}

/** What an action may replace, by its title: its own target and nothing else. */
/** Every code action offered at the requested ranges (with and without the fill-all kind), each distinct one once. */
function* distinctActions(service: DiligenceService, doc: ReturnType<typeof docOf>, requests: readonly Range[]): Generator<{ action: CodeAction; edits: TextEdit[]; only: string[] | undefined }> {
  const seen = new Set<string>();
  for (const range of requests) {
    for (const only of [undefined, [FILL_ALL_KIND]]) {
      for (const action of service.codeActions(doc, range, only)) {
        const edits = editsOf(action);
        const key = action.title + JSON.stringify(edits);
        if (seen.has(key)) continue;
        seen.add(key);
        yield { action, edits, only };
      }
    }
  }
}

function assertReplacesOnlyItsTarget(title: string, replaced: string, newText: string): void {
  const ok =
    /^(Check|Uncheck|Mark criterion as met)/.test(title) ? /^\[[ xX]\]$/.test(replaced) && /^\[[ x]\]$/.test(newText)
      : /^Mark TODO for .* resolved$/.test(title) ? /^todo$/i.test(replaced) && newText === 'DONE'
        : /^Fill all placeholders/.test(title) || /^Fill .* with "/.test(title) ? /^(\$[A-Z][A-Z0-9_]+|DD-MMM-YYYY|YYYY-MM-DD|MONTH YEAR)$/.test(replaced)
          : /^Keep "/.test(title) ? /^\[[^\]]*\/[^\]]*\]$/.test(replaced)
            : /^Insert a finding skeleton$/.test(title) ? replaced === '' && newText.includes('**Evaluation**')
              : /^Replace the template comment/.test(title) ? /^<!--[\s\S]*-->$/.test(replaced)
                : /^Add https:\/\//.test(title) ? replaced === '' && newText === 'https://'
                  : /^Put a space before the URL$/.test(title) ? replaced === '' && newText === ' '
                    : /^Encode the spaces/.test(title) ? /\s/.test(replaced) && !/\s/.test(newText) && replaced.replace(/\s+/g, '') === newText.replace(/%20/g, '')
                      : /^Insert the template's criterion/.test(title) ? replaced === '' && /- \[ \]/.test(newText)
                        : /^Take the template's wording$/.test(title) ? /^\*\*[\s\S]*\*\*$/.test(replaced) && /^\*\*[\s\S]*\*\*$/.test(newText)
                          // inserts, a title's wording, or a whole criterion moved elsewhere (removed here, inserted there)
                          : /^Update to the current template$/.test(title) ? (replaced === '' && newText.trim() !== '') || (/^\*\*[\s\S]*\*\*$/.test(replaced) && /^\*\*[\s\S]*\*\*$/.test(newText)) || (newText === '' && /^\s*([-*+]|\d+[.)]) \[[ xX]\]/.test(replaced))
                            // a suppression comment inserted, or a code added to one
                            : /^Ignore [a-z-]+ (on this line|in this document)$/.test(title) ? replaced === '' && (/^\s*<!-- diligence-disable-(?:line|next-line|file) [a-z-]+ -->\s*$/.test(newText) || /^ [a-z-]+$/.test(newText))
                              : false;
  assert.ok(ok, `"${title}" replaced ${JSON.stringify(replaced)} with ${JSON.stringify(newText)}`);
}


/**
 * What the model says about the text outside the edited regions, each part with its place mapped
 * into the edited text: a code action may change what it edits and what contains it, never the
 * rest (a TODO after the edit stays a TODO, a heading stays a heading…).
 */
function untouchedModel(m: DiligenceModel, regions: ReadonlyArray<{ start: number; end: number; delta: number }>): string[] {
  const out: string[] = [];
  const put = (kind: string, span: { start: number; end: number }, what: unknown): void => {
    let shift = 0;
    for (const r of regions) {
      // touching counts: a part that starts or ends at the edit may legitimately change with it
      if (span.start <= r.end && r.start <= span.end) return;
      if (r.end <= span.start) shift += r.delta;
    }
    out.push(JSON.stringify([kind, span.start - shift, span.end - shift, what]));
  };
  for (const h of m.headings) put('heading', h.span, [h.depth, h.text]);
  for (const c of m.criteria) put('criterion', c.span, [c.title, c.checked, c.level, c.evaluation, c.subItems.map((x) => [x.checked, x.text])]);
  for (const t of m.todos) put('todo', t.span, [t.owner, t.resolved, t.text, t.marker.start - t.span.start]);
  for (const p of m.placeholders) put('placeholder', p.span, [p.kind, p.text]);
  for (const l of m.links) put('link', l.span, [l.syntax, l.target, l.url, l.text, l.inTitle, l.inTodo]);
  for (const c of m.comments) put('comment', c.span, [c.kind, c.text]);
  for (const x of m.malformedLinks) put('malformed', x.span, [x.reason, x.url]);
  return out.sort();
}

describe('fuzz: parser and service on generated documents', function () {
  this.timeout(60_000);
  const params = (name: string, n: number) => ({ seed: FUZZ_SEED, numRuns: recordRuns(name, n) });

  it('the parser never throws on arbitrary text, and chunked parsing equals one whole parse', () => {
    fc.assert(fc.property(fc.oneof(document, anyText), (text) => {
      const m = analyseText(text);
      const whole = JSON.stringify({ ...analyseTextWhole(text), lines: undefined });
      assert.equal(JSON.stringify({ ...m, lines: undefined }), whole);
      // a one-shot analysis parses neighbouring chunks together: still the same model
      for (const coalesce of [60, 8_000]) assert.equal(JSON.stringify({ ...analyseIncremental(text, undefined, undefined, undefined, coalesce).model, lines: undefined }), whole, `coalesced to ${coalesce}`);
      const spans = [...m.criteria.flatMap((c) => [c.span, c.titleSpan, c.checkbox]), ...m.todos.flatMap((t) => [t.span, t.marker]), ...m.links.map((l) => l.span), ...m.placeholders.map((p) => p.span), ...m.comments.map((c) => c.span), ...m.malformedLinks.map((l) => l.span), ...m.headings.map((h) => h.span)];
      for (const s of spans) assert.ok(0 <= s.start && s.start <= s.end && s.end <= text.length, `span ${s.start}-${s.end} of ${text.length}`);
    }), params('parser: arbitrary text', 400));
  });

  it('every feature answers without throwing, with every range inside the document', () => {
    fc.assert(fc.property(document, fc.array(position, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 4 }), (text, positions, ranges) => {
      const service = newService();
      const doc = docOf(text);
      const lines = new LineIndex(text);
      for (const f of service.findings(doc)) assert.ok(0 <= f.span.start && f.span.start <= f.span.end && f.span.end <= text.length, `finding ${f.code} ${f.span.start}-${f.span.end}`);
      for (const d of service.diagnostics(doc)) assertRange(lines, d.range, `diagnostic ${String(d.code)}`);
      const walk = (syms: ReturnType<DiligenceService['documentSymbols']>): void => {
        for (const s of syms) {
          assertRange(lines, s.range, `symbol ${s.name}`);
          assertRange(lines, s.selectionRange, `symbol ${s.name} selection`);
          walk(s.children ?? []);
        }
      };
      walk(service.documentSymbols(doc));
      for (const f of service.foldingRanges(doc)) assert.ok(f.startLine >= 0 && f.startLine < f.endLine && f.endLine < lines.lineCount, `fold ${f.startLine}-${f.endLine}`);
      for (const l of service.codeLenses(doc)) assertRange(lines, l.range, 'code lens');
      for (const e of service.fillAllPlaceholders(doc)) assertRange(lines, e.range, 'fill all');
      const report = service.report(doc);
      assert.ok(report && report.criteria.checked <= report.criteria.total);
      service.isDiligenceDocument(doc);
      for (const p of positions) {
        const h = service.hover(doc, p);
        if (h?.range) assertRange(lines, h.range, 'hover');
        for (const c of service.completion(doc, p)) if (c.textEdit && 'range' in c.textEdit) assertRange(lines, c.textEdit.range, 'completion');
      }
      for (const [a, b] of [[0, 1], ...ranges] as Array<[number, number]>) {
        for (const only of [undefined, [FILL_ALL_KIND], ['quickfix']]) {
          for (const action of service.codeActions(doc, randomRange(lines, a, b), only)) {
            for (const e of editsOf(action)) assertRange(lines, e.range, `action ${action.title}`);
          }
        }
      }
      // out-of-range requests are clamped, not refused
      service.codeActions(doc, { start: { line: -3, character: -1 }, end: { line: 1e6, character: 1e6 } });
      service.closeDocument(URI);
    }), params('service: every feature', 300));
  });

  it('every code action: edits only its target, still parses, and is not offered again once applied', () => {
    let applied = 0;
    fc.assert(fc.property(document, (text) => {
      const service = newService();
      const doc = docOf(text);
      const lines = new LineIndex(text);
      const requests: Range[] = [...service.diagnostics(doc).map((d) => d.range), { start: { line: 0, character: 0 }, end: lines.positionAt(text.length) }];
      for (const c of analyseText(text).criteria) requests.push(lines.range({ start: c.checkbox.start + 1, end: c.checkbox.start + 1 }));
      for (const { action, edits, only } of distinctActions(service, doc, requests)) {
            applied++;
            assert.ok(edits.length > 0, `"${action.title}" has no edit`);
            // each edit replaces exactly its target, and the rest of the text is kept
            for (const e of edits) {
              assertRange(lines, e.range, action.title);
              const span = lines.spanOf(e.range);
              assertReplacesOnlyItsTarget(action.title, text.slice(span.start, span.end), e.newText);
            }
            const after = applyEdits(text, edits);
            const sorted = edits.map((e) => ({ ...lines.spanOf(e.range), newText: e.newText })).sort((x, y) => x.start - y.start);
            let rebuilt = '';
            let pos = 0;
            for (const s of sorted) {
              rebuilt += text.slice(pos, s.start) + s.newText;
              pos = s.end;
            }
            assert.equal(after, rebuilt + text.slice(pos));
            // the new text still parses, and every feature still answers
            const doc2 = docOf(after);
            const service2 = newService();
            service2.diagnostics(doc2);
            // the same action at the same place: not offered again, or a no-op
            const lines2 = new LineIndex(after);
            let delta = 0;
            for (const s of sorted) {
              const start = s.start + delta;
              const region = { start, end: start + s.newText.length };
              delta += s.newText.length - (s.end - s.start);
              for (const again of service2.codeActions(doc2, lines2.range(region), only)) {
                if (again.title !== action.title) continue;
                const touches = editsOf(again).some((e) => {
                  const t = lines2.spanOf(e.range);
                  return t.start <= region.end && region.start <= t.end;
                });
                if (touches) assert.equal(applyEdits(after, editsOf(again)), after, `"${action.title}" offered again after being applied and changes the text again`);
              }
            }
      }
    }), params('service: code actions applied', 250));
    console.log(`      code actions applied and re-checked: ${applied}`);
  });
  it('every code action leaves the model of the text it does not touch unchanged', function () {
    this.timeout(180_000);
    let compared = 0;
    fc.assert(fc.property(fc.oneof(document, checklistDoc), (text) => {
      const service = newService();
      const doc = docOf(text);
      const lines = new LineIndex(text);
      const requests: Range[] = [...service.diagnostics(doc).map((d) => d.range), { start: { line: 0, character: 0 }, end: lines.positionAt(text.length) }];
      const model = analyseText(text);
      for (const { action, edits } of distinctActions(service, doc, requests)) {
            const sorted = edits.map((e) => ({ ...lines.spanOf(e.range), newText: e.newText })).sort((x, y) => x.start - y.start);
            const after = applyEdits(text, edits);
            // the regions in the old text, and where they are in the new one
            const oldRegions = sorted.map((s) => ({ start: s.start, end: s.end, delta: 0 }));
            let delta = 0;
            const newRegions = sorted.map((s) => {
              const start = s.start + delta;
              const d = s.newText.length - (s.end - s.start);
              delta += d;
              return { start, end: start + s.newText.length, delta: d };
            });
            // old parts are shifted by the edits before them; new parts are compared where they are
            // a region covers the whole lines it touches: what shares a line with an edit may change with it
            const wholeLines = (li: LineIndex, r: { start: number; end: number; delta: number }) => ({ start: li.lineStarts[li.positionAt(r.start).line]!, end: li.lineEnd(li.positionAt(r.end).line), delta: r.delta });
            const lines2 = new LineIndex(after);
            const was = untouchedModel(model, oldRegions.map((r, i) => wholeLines(lines, { ...r, delta: -newRegions[i]!.delta })));
            const now = untouchedModel(analyseText(after), newRegions.map((r) => wholeLines(lines2, { ...r, delta: 0 })));
            compared++;
            assert.deepEqual(now, was, `"${action.title}" changed how the text around it parses:\n${JSON.stringify(text)}\n→\n${JSON.stringify(after)}`);
      }
    }), params('service: code actions keep the untouched model', 200));
    console.log(`      code actions compared: ${compared}`);
  });
});

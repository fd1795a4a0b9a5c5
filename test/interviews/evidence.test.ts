/**
 * The interviews as evidence on the adoption criteria: three or more held, the hover on
 * "TOC verification of adopters" and "at least 3 independent adopters" and the report's
 * "evidence found" name the files (their names, never a path) and their states, saying apart how
 * many the adopters approved; under three, none (interviews-too-few says it).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MarkupContent } from 'vscode-languageserver-types';
import { createDiligenceService, reportToMarkdown } from '../../server/src/service/index';
import { folderOf, type InterviewText } from '../../server/src/service/interviews/index';
import { DD, QUARKLE } from './paths';

const uriOf = (path: string): string => pathToFileURL(path).toString();
const fileOf = (name: string): InterviewText => ({ uri: uriOf(join(QUARKLE, name)), text: readFileSync(join(QUARKLE, name), 'utf8') });
const beside = (): InterviewText[] => readdirSync(QUARKLE).filter((n) => n !== 'quarkle-incubation-due-diligence.md').map(fileOf);
const ddDoc = () => ({ uri: uriOf(DD), version: 1, getText: () => readFileSync(DD, 'utf8') });
const clock = { now: () => new Date('2026-12-02T12:00:00Z'), utcOffsetMinutes: () => 0 };

function serviceWith(files: InterviewText[]) {
  const s = createDiligenceService({ clock });
  s.interviews.setFiles(folderOf(uriOf(DD)), files);
  return s;
}

function hoverOn(s: ReturnType<typeof serviceWith>, needle: string): string {
  const lines = readFileSync(DD, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, needle);
  const h = s.hover(ddDoc(), { line, character: lines[line]!.indexOf(needle) + 2 });
  return h ? (h.contents as MarkupContent).value : '';
}

describe('adopter interviews as evidence on the adoption criteria', () => {
  it('three held (one requested beside them): the hover names each file and its state, held apart from approved', () => {
    const s = serviceWith(beside());
    const v = hoverOn(s, 'TOC verification of adopters');
    assert.match(v, /\*\*Adopter interviews beside the document\*\*: 3 held \(the TOC needs 3\), 2 approved by the adopter/);
    assert.match(v, /- quarkle-adopter-interview-acme-corp\.md: held, summary approved by the adopter/);
    assert.match(v, /- quarkle-adopter-interview-borealis\.md: held, summary awaiting the adopter's approval/);
    assert.match(v, /- quarkle-adopter-interview-delta-labs\.md: requested, not held yet/);
    assert.doesNotMatch(v, /file:|\/test\//, 'no local path');
    assert.doesNotMatch(v, /Cobalt/, 'the anonymous adopter is not named');
    assert.match(hoverOn(s, 'at least 3 independent'), /3 held \(the TOC needs 3\)/);
    // another criterion: nothing about interviews
    const other = readFileSync(DD, 'utf8').split('\n').find((l) => /^- \[[ x]\] \*\*/.test(l) && !/adopters/.test(l));
    if (other) assert.doesNotMatch(hoverOn(s, other.slice(8, 30)), /Adopter interviews/);
  });

  it('the report: the adoption criteria\'s "evidence found" carries the count and the files; the markdown too', () => {
    const s = serviceWith(beside());
    const r = s.report(ddDoc())!;
    const rows = r.perCriterion.filter((c) => /verification of adopters|at least 3 independent/.test(c.title));
    assert.equal(rows.length, 2);
    for (const row of rows) {
      const found = row.evidenceFound!.filter((f) => f.detector === 'adopter-interviews');
      assert.equal(found.length, 1);
      assert.match(found[0]!.summary, /^3 adopter interviews held \(the TOC needs 3\), 2 of them approved by the adopter: quarkle-adopter-interview-acme-corp\.md \(held, summary approved by the adopter\); /);
      assert.equal(found[0]!.url, undefined);
    }
    assert.ok(r.perCriterion.filter((c) => !rows.includes(c)).every((c) => c.evidenceFound === null), 'other criteria untouched');
    assert.match(reportToMarkdown(r), /\| 3 adopter interviews held \(the TOC needs 3\), 2 of them approved/);
  });

  it('two held: no evidence in the hover nor the report (interviews-too-few instead)', () => {
    const s = serviceWith(beside().filter((f) => !/borealis/.test(f.uri)));
    assert.doesNotMatch(hoverOn(s, 'TOC verification of adopters'), /Adopter interviews/);
    assert.ok(s.report(ddDoc())!.perCriterion.every((c) => c.evidenceFound === null));
    assert.equal(s.diagnostics(ddDoc()).filter((d) => d.code === 'interviews-too-few').length, 2);
  });
});

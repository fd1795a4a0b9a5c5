/**
 * Adopter interviews in the core: recognising interview files (and not a README), the scaffold
 * from the questions template (our fixture; the TOC's real one when ../shared is there), the
 * tracker's states and hints with an injected clock, the lints, `interviews-too-few` on the
 * adoption criteria and the drafted `$INTERVIEWSUMMARY`.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction } from 'vscode-languageserver-types';
import { applyEdits, createDiligenceService, reportToMarkdown, resolveConfig } from '../../server/src/service/index';
import { looksLikeInterview, maintainersFromText, parseInterview, planInterview, scaffoldInterview, trackInterviews, type InterviewText } from '../../server/src/service/interviews/index';
import { folderOf } from '../../server/src/service/interviews/index';
import { analyseText } from '../../server/src/service/model/index';
import { DD, FIXTURES, QUARKLE } from './paths';
import { skipWithoutToc, TOC } from '../support/templates';

const QUESTIONS = readFileSync(join(FIXTURES, 'toc', 'operations', 'toc-templates', 'template-adopter-questions.md'), 'utf8');

const uriOf = (path: string): string => pathToFileURL(path).toString();
const fileOf = (name: string): InterviewText => ({ uri: uriOf(join(QUARKLE, name)), text: readFileSync(join(QUARKLE, name), 'utf8') });
const beside = (): InterviewText[] => readdirSync(QUARKLE).filter((n) => n !== 'quarkle-incubation-due-diligence.md').map(fileOf);
const clockAt = (day: string) => ({ now: () => new Date(`${day}T12:00:00Z`), utcOffsetMinutes: () => 0 });
const ddDoc = () => ({ uri: uriOf(DD), version: 1, getText: () => readFileSync(DD, 'utf8') });

function service(day = '2026-12-02') {
  const s = createDiligenceService({ clock: clockAt(day), config: resolveConfig({ reviewer: { name: 'Rhea Vance' } }) });
  s.interviews.setFiles(folderOf(uriOf(DD)), beside());
  return s;
}

describe('adopter interviews: recognising the files', () => {
  it('the four interview files are interviews; the README and the due diligence are not', () => {
    const names = beside().filter((f) => looksLikeInterview(f.uri, f.text)).map((f) => f.uri.slice(f.uri.lastIndexOf('/') + 1)).sort();
    assert.deepEqual(names, ['quarkle-adopter-interview-acme-corp.md', 'quarkle-adopter-interview-anonymous-1.md', 'quarkle-adopter-interview-borealis.md', 'quarkle-adopter-interview-delta-labs.md']);
    assert.equal(looksLikeInterview(uriOf(DD), readFileSync(DD, 'utf8')), false);
    // a README naming interviews with numbered questions: its name says nothing of an interview
    assert.equal(looksLikeInterview(uriOf(join(QUARKLE, 'README.md')), readFileSync(join(QUARKLE, 'README.md'), 'utf8')), false);
  });

  it('without the marker, an interview name with an interview heading and a question is one; a name alone is not', () => {
    const text = '# Interview with Foo\n\n1. How long have you used it?\n\n   Two years.\n';
    assert.equal(looksLikeInterview('file:///p/quarkle-interview-foo.md', text), true);
    assert.equal(looksLikeInterview('file:///p/quarkle-interview-foo.md', '# Notes\n\nnothing asked\n'), false);
    assert.equal(looksLikeInterview('file:///p/notes.md', text), false);
  });

  it('an interview file is never taken for a due diligence, even when it says "due diligence"', () => {
    const s = service();
    const text = fileOf('quarkle-adopter-interview-acme-corp.md').text.replace('Three years', 'For this Due Diligence: three years');
    const d = { uri: uriOf(join(QUARKLE, 'quarkle-adopter-interview-acme-corp.md')), version: 1, getText: () => text };
    assert.equal(s.mayBeDiligenceDocument(d), false);
    assert.equal(s.isDiligenceDocument(d), false);
    assert.equal(s.isDiligenceDocument(ddDoc()), true);
  });
});

describe('adopter interviews: the scaffold', () => {
  const input = { template: QUESTIONS, project: 'Quarkle', organisation: 'Acme Corp', anonymous: false, date: '2026-12-02', interviewer: 'Rhea Vance' };

  it('front matter, title and the questions from the template, each with a place for its answer; the guidance is left out', () => {
    const s = scaffoldInterview(input);
    assert.equal(s.fileName, 'quarkle-adopter-interview-acme-corp.md');
    assert.match(s.text, /^---\ndiligence: adopter-interview\nproject: Quarkle\norganisation: Acme Corp\nanonymous: false\n/);
    assert.match(s.text, /^state: requested$/m);
    assert.match(s.text, /^requested: 2026-12-02$/m);
    assert.match(s.text, /^interviewer: Rhea Vance$/m);
    assert.match(s.text, /^# Quarkle adopter interview: Acme Corp$/m);
    assert.doesNotMatch(s.text, /Guidance for the interviewer/);
    const iv = parseInterview('file:///p/' + s.fileName, s.text);
    assert.deepEqual(iv.questions.map((q) => [q.section, q.number, q.answer]), [
      ['Questions', 1, ''], ['Questions', 2, ''], ['Questions', 3, ''], ['Questions', 4, ''], ['Survey', 1, ''],
    ]);
    assert.equal(iv.state, 'requested');
    assert.equal(iv.requested, '2026-12-02');
    assert.equal(looksLikeInterview('file:///p/' + s.fileName, s.text), true);
  });

  it('is idempotent: the same inputs give the same text; an interview of the same organisation is kept, not written again', () => {
    assert.equal(scaffoldInterview(input).text, scaffoldInterview(input).text);
    const folder = uriOf(QUARKLE) + '/';
    const existing = beside().filter((f) => looksLikeInterview(f.uri, f.text)).map((f) => ({ ...f, organisation: parseInterview(f.uri, f.text).organisation }));
    const again = planInterview(folder, existing, { ...input, organisation: 'acme corp' });
    assert.equal(again.created, false);
    assert.equal(again.fileName, 'quarkle-adopter-interview-acme-corp.md');
    const fresh = planInterview(folder, existing, { ...input, organisation: 'Echo Systems' });
    assert.equal(fresh.created, true);
    assert.equal(fresh.uri, folder + 'quarkle-adopter-interview-echo-systems.md');
    // an anonymous one takes the next free number and never the organisation's name
    const anon = planInterview(folder, existing, { ...input, organisation: 'Foxtrot Insurance', anonymous: true });
    assert.equal(anon.fileName, 'quarkle-adopter-interview-anonymous-2.md');
    assert.doesNotMatch(anon.text.slice(anon.text.indexOf('\n---\n')), /Foxtrot/);
  });

  it('names that need quoting in YAML or escaping in markdown stay one field and one heading', () => {
    const s = scaffoldInterview({ ...input, organisation: 'Acme: *Labs* # 2' });
    const iv = parseInterview('file:///p/x.md', s.text);
    assert.equal(iv.organisation, 'Acme: *Labs* # 2');
    assert.match(s.text, /^# Quarkle adopter interview: Acme: \\\*Labs\\\* \\# 2$/m);
  });

  it('the TOC\'s questions template (../shared): all its questions, none answered', function () {
    skipWithoutToc(this);
    const template = readFileSync(join(TOC, 'template-adopter-questions.md'), 'utf8');
    const s = scaffoldInterview({ ...input, template });
    const iv = parseInterview('file:///p/' + s.fileName, s.text);
    const sections = [...new Set(iv.questions.map((q) => q.section))];
    assert.deepEqual(sections, ['Questions', 'Maturity Level Survey']);
    assert.equal(iv.questions.filter((q) => q.section === 'Questions').length, 14);
    assert.equal(iv.questions.filter((q) => q.section === 'Maturity Level Survey').length, 3);
    assert.ok(iv.questions.every((q) => q.answer === ''));
    assert.doesNotMatch(s.text, /\$PROJECT/);
    assert.equal(s.noQuestions, false);
  });
});

describe('adopter interviews: the tracker (injected clock)', () => {
  it('states, the date of each state, days since the request, and the approval window as a hint once passed', () => {
    const t = trackInterviews(beside().filter((f) => looksLikeInterview(f.uri, f.text)).map((f) => parseInterview(f.uri, f.text)), new Date('2026-12-02T08:00:00Z'));
    assert.deepEqual(t.rows.map((r) => [r.organisation, r.state, r.since, r.daysSinceRequest, r.approvalOverdueDays]), [
      ['Acme Corp', 'approved', '2026-10-20', 62, null],
      ['an adopter in banking', 'approved', '2026-10-25', 61, null],
      ['Borealis', 'summary-drafted', '2026-11-01', 58, 17],
      ['Delta Labs', 'requested', '2026-11-20', 12, null],
    ]);
    assert.equal(t.held, 3);
    assert.equal(t.approved, 2);
    assert.match(t.rows[2]!.hint!, /two-week approval window passed 17 days ago/);
  });

  it('the window: no hint on day 14 after the summary went out, a hint on day 15', () => {
    const iv = parseInterview('file:///p/quarkle-adopter-interview-borealis.md', fileOf('quarkle-adopter-interview-borealis.md').text);
    assert.equal(trackInterviews([iv], new Date('2026-11-15T23:00:00Z')).rows[0]!.hint, null);
    assert.match(trackInterviews([iv], new Date('2026-11-16T01:00:00Z')).rows[0]!.hint!, /passed 1 day ago/);
  });

  it('the report lists them (an anonymous one by its industry only)', () => {
    const r = service().report(ddDoc());
    assert.equal(r?.interviews?.rows.length, 4);
    assert.equal(r?.interviews?.held, 3);
    const md = reportToMarkdown(r!);
    assert.match(md, /^## Adopter interviews\n\n3 held of the 3 needed; 2 approved by the adopter\.$/m);
    assert.match(md, /^\| an adopter in banking \| approved \| 2026-10-25 \| 61 \| quarkle-adopter-interview-anonymous-1\.md \|$/m);
    assert.doesNotMatch(md + JSON.stringify(r?.interviews), /Cobalt/);
  });
});

describe('adopter interviews: lints', () => {
  const diagnostics = (name: string, day = '2026-12-02', maintainers = '') => {
    const s = service(day);
    if (maintainers) s.interviews.setMaintainers(folderOf(uriOf(DD)), maintainersFromText(maintainers));
    const f = fileOf(name);
    return { text: f.text, ds: s.interviews.diagnostics({ uri: f.uri, getText: () => f.text }) };
  };

  it('an anonymous interview that names its organisation in the text: a warning on the name', () => {
    const { text, ds } = diagnostics('quarkle-adopter-interview-anonymous-1.md');
    const named = ds.filter((d) => d.code === 'interview-names-organisation');
    assert.equal(named.length, 1);
    const lines = text.split('\n');
    const r = named[0]!.range;
    assert.equal(lines[r.start.line]!.slice(r.start.character, r.end.character), 'Cobalt Bank');
  });

  it('an anonymous interview whose file name names the organisation: a warning', () => {
    const s = service();
    const text = fileOf('quarkle-adopter-interview-anonymous-1.md').text.replace('At Cobalt Bank we', 'We');
    assert.deepEqual(s.interviews.diagnostics({ uri: 'file:///p/quarkle-adopter-interview-anonymous-1.md', getText: () => text }).filter((d) => d.code === 'interview-names-organisation'), []);
    const named = s.interviews.diagnostics({ uri: 'file:///p/quarkle-adopter-interview-cobalt-bank.md', getText: () => text }).filter((d) => d.code === 'interview-names-organisation');
    assert.equal(named.length, 1);
    assert.match(String(named[0]!.message), /file name .* names the organisation/);
  });

  it('an interviewee who is a maintainer (MAINTAINERS table): a warning on the interviewees line; none without the list', () => {
    const maintainers = readFileSync(join(FIXTURES, 'MAINTAINERS.md'), 'utf8');
    assert.deepEqual(maintainersFromText(maintainers), [{ handle: 'dortiz', name: 'Dana Ortiz' }, { handle: 'lchen', name: 'Lee Chen' }]);
    const { text, ds } = diagnostics('quarkle-adopter-interview-borealis.md', '2026-12-02', maintainers);
    const m = ds.filter((d) => d.code === 'interview-maintainer');
    assert.equal(m.length, 1);
    assert.match(String(m[0]!.message), /^Dana Ortiz \(@dortiz\) is one of the project's maintainers/);
    assert.match(text.split('\n')[m[0]!.range.start.line]!, /^interviewees:/);
    assert.equal(diagnostics('quarkle-adopter-interview-borealis.md').ds.filter((d) => d.code === 'interview-maintainer').length, 0);
    // a maintainers.yaml shape feeds the same list
    assert.deepEqual(maintainersFromText('maintainers:\n  - name: Kim Park\n    github: kpark\n'), [{ name: 'Kim Park' }, { handle: 'kpark' }]);
  });

  it('unanswered questions are listed once the interview was held; a requested one has none; the overdue approval is a hint', () => {
    const { ds } = diagnostics('quarkle-adopter-interview-borealis.md');
    assert.deepEqual(ds.filter((d) => d.code === 'interview-unanswered').map((d) => d.message), ['Question 2 (Questions) has no answer yet.', 'Question 4 (Questions) has no answer yet.']);
    assert.equal(ds.filter((d) => d.code === 'interview-approval-overdue').length, 1);
    assert.deepEqual(diagnostics('quarkle-adopter-interview-delta-labs.md').ds, []);
    assert.equal(diagnostics('quarkle-adopter-interview-borealis.md', '2026-11-10').ds.filter((d) => d.code === 'interview-approval-overdue').length, 0);
  });
});

describe('adopter interviews: the due diligence', () => {
  it('fewer than three held: interviews-too-few on both adoption criteria; three held: none; no interview files: none', () => {
    const s = createDiligenceService({ clock: clockAt('2026-12-02') });
    const folder = folderOf(uriOf(DD));
    const codes = () => s.diagnostics(ddDoc()).filter((d) => d.code === 'interviews-too-few');
    assert.equal(codes().length, 0);
    s.interviews.setFiles(folder, beside().filter((f) => !/borealis/.test(f.uri)));
    const few = codes();
    assert.equal(few.length, 2);
    assert.match(String(few[0]!.message), /^2 adopter interviews held of the 3 the TOC needs/);
    s.interviews.setFiles(folder, beside());
    assert.equal(codes().length, 0);
  });

  it('Draft interview summary: the approved interviews per question, each answer linking to its file, inline and escaped', () => {
    const s = service();
    const text = readFileSync(DD, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('$INTERVIEWSUMMARY'));
    const actions: CodeAction[] = s.codeActions(ddDoc(), { start: { line, character: 0 }, end: { line, character: 0 } });
    const a = actions.find((x) => x.title === 'Draft interview summary from the approved interviews');
    assert.ok(a, 'offered');
    const after = applyEdits(text, a.edit!.changes![uriOf(DD)]!);
    const sentence = after.split('\n')[line]!;
    assert.match(sentence, /They show \.\.\. Asked "For how long has your team run the project\?": \[Acme Corp\]\(quarkle-adopter-interview-acme-corp\.md\) said "Three years in production across two regions"; \[an adopter in banking\]\(quarkle-adopter-interview-anonymous-1\.md\) said "About a year"\. Asked "Why did you pick/);
    assert.match(sentence, /\\\*routing\\\*|routing/);
    assert.doesNotMatch(after, /Borealis|Delta|Cobalt|\$INTERVIEWSUMMARY/);
    assert.equal(after.split('\n').length, text.split('\n').length, 'no line break added');
    assert.match(sentence, /\._$/, 'the template\'s period and italics close the sentence');
    // the document still parses the same: one placeholder fewer, the criteria unchanged
    const before = analyseText(text), model = analyseText(after);
    assert.equal(model.criteria.length, before.criteria.length);
    assert.equal(model.placeholders.length, before.placeholders.length - 1);
    // nothing approved: not offered
    const none = createDiligenceService({ clock: clockAt('2026-12-02') });
    none.interviews.setFiles(folderOf(uriOf(DD)), beside().filter((f) => !/acme|anonymous/.test(f.uri)));
    assert.equal(none.codeActions(ddDoc(), { start: { line, character: 0 }, end: { line, character: 0 } }).filter((x) => /interview summary/.test(x.title)).length, 0);
  });
});

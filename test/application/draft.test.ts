/**
 * `diligence init --from-issue`: against the fake GitHub (the application issues, the DD
 * templates in cncf/toc, the projects' repositories) and a fake OpenSSF. The drafted document has
 * exactly the current template's criteria, none ticked, each of the project's assertions quoted
 * once under its criterion, the evidence discovery found that the assertion does not cite; the
 * same inputs write the same document, the second time from the cache; the token goes to the
 * API origin only.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import { quoteAssertion } from '../../server/src/service/application/draft';
import { parseApplication } from '../../server/src/service/application/parse';
import { analyseText } from '../../server/src/service/model/index';
import { normaliseTitle } from '../../server/src/service/template/model';
import { templateReferenceFromText } from '../../server/src/service/template/reference';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { applicationRepos, applicationTemplate, fillApplication, QUARKLE, startApplicationOpenSsf } from '../support/applications';
import { skipWithoutToc, tocAvailable, versions } from '../support/templates';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, (s) => { out += s + '\n'; }, (s) => { err += s + '\n'; });
  return { code, out, err };
}

describe('quoting an assertion', () => {
  it('a heading, a task checkbox, a setext underline and a TODO marker in the quote add nothing to the structure', () => {
    const hostile = '## Heading\nText\n===\n- [x] **A bold task of ours**\n1. [ ] numbered\n**TODO for Quarkle team**: x\n__DONE for Ops__: y\n\nlast';
    const doc = `# Acme Incubation Due Diligence\n\n## Area\n\n### Required\n\n- [ ] **Only criterion.**\n\nProject assertion in [a/b#1](https://github.com/a/b/issues/1):\n${quoteAssertion(hostile)}\n`;
    const m = analyseText(doc);
    assert.deepEqual(m.criteria.map((c) => c.title), ['Only criterion.']);
    assert.deepEqual(m.headings.map((h) => h.text), ['Acme Incubation Due Diligence', 'Area', 'Required']);
    assert.equal(m.todos.length, 0);
    assert.equal(m.criteria[0]!.subItems.length, 0);
    assert.ok(quoteAssertion(hostile).split('\n').every((l) => l.startsWith('>')));
  });
});

describe('init --from-issue', function () {
  this.timeout(120_000);
  let gh: FakeGitHub;
  let ossf: Awaited<ReturnType<typeof startApplicationOpenSsf>>;
  let saved: string | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'diligence-init-'));
  const ddFile = join(dir, 'template-dd-pr-incubation.md');
  before(async function () {
    skipWithoutToc(this);
    gh = await startFakeGitHub(applicationRepos());
    ossf = await startApplicationOpenSsf();
    saved = process.env['GITHUB_TOKEN'];
    process.env['GITHUB_TOKEN'] = gh.token;
    writeFileSync(ddFile, versions('incubation').at(-1)!.text);
  });
  after(async () => {
    if (!tocAvailable()) return;
    if (saved === undefined) delete process.env['GITHUB_TOKEN'];
    else process.env['GITHUB_TOKEN'] = saved;
    await gh.close();
    await ossf.close();
  });
  const online = (cache: string): string[] => ['--github-api-url', gh.apiUrl, '--bestpractices-url', ossf.bestPracticesUrl, '--scorecard-url', ossf.scorecardUrl, '--devstats-url', ossf.devstatsUrl, '--allow-private-hosts', '--cache-dir', cache];

  it('Quarkle: the current template\'s criteria, none ticked, each assertion once with its links, evidence not cited; idempotent, warm from the cache', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'diligence-init-cache-'));
    const out1 = join(dir, 'quarkle-1.md');
    gh.reset();
    ossf.reset();
    const started = Date.now();
    const cold = await run(['init', '--from-issue', 'cncf/toc#1234', '-o', out1, '--date', '2026-07-01', '--reviewer', 'Rhea Vance', ...online(cache)]);
    const coldMs = Date.now() - started;
    assert.equal(cold.code, 0, cold.err);
    const coldRequests = gh.requests.length;
    // the token only ever went to the API origin: every OpenSSF request went without it
    assert.ok(gh.requests.every((r) => r.authorization === `token ${gh.token}`));
    assert.ok(ossf.requests.length > 0 && ossf.requests.every((r) => !JSON.stringify(r.headers).includes(gh.token)));
    const text = readFileSync(out1, 'utf8');
    const m = analyseText(text);
    const template = analyseText(versions('incubation').at(-1)!.text);
    assert.deepEqual(m.criteria.map((c) => normaliseTitle(c.title)), template.criteria.map((c) => normaliseTitle(c.title)));
    assert.deepEqual(m.areas.map((a) => a.name), template.areas.map((a) => a.name.replace(/\$PROJECT/g, 'Quarkle')));
    assert.equal(m.criteria.filter((c) => c.checked).length, 0);
    assert.equal(m.todos.length, 0);
    assert.match(text, /^# Quarkle Incubation Due Diligence$/m);
    assert.match(text, /^repositories: \[quarkle-dev\/quarkle, quarkle-dev\/community\]$/m);
    assert.match(text, /\[Incubation application issue\]\(https:\/\/github\.com\/cncf\/toc\/issues\/1234\)/);
    assert.match(text, /^_Rhea Vance conducted the due diligence of Quarkle who applied for Incubation\./m);
    // the template's relative links pinned to the commit read; its scheme-less domain left for the link rules
    assert.match(text, /\[General Technical Review \(GTR\)\]\(https:\/\/github\.com\/cncf\/toc\/blob\/[0-9a-f]{40}\/operations\/toc_subprojects\/project-reviews-subproject\/general-technical-questions\.md\)/);
    assert.match(text, /\[Sandbox\]\(sandbox\.cncf\.io\)/);
    // each assertion of the issue, quoted once, attributed
    const { title, body } = fillApplication(applicationTemplate('incubation'), QUARKLE);
    const app = parseApplication(body, title, templateReferenceFromText(versions('incubation').at(-1)!.text));
    const said = [...new Set(app.criteria.map((c) => c.assertion).filter((a) => a !== ''))];
    assert.equal(said.length, 11);
    for (const a of said) assert.equal(text.split(quoteAssertion(a)).length - 1, 1, a);
    assert.equal(text.split('Project assertion in [cncf/toc#1234](https://github.com/cncf/toc/issues/1234):').length - 1, 11);
    const gtr = m.criteria.find((c) => /General Technical Review/.test(c.title))!;
    assert.match(text.slice(gtr.span.start, gtr.span.end), /Project assertion in \[cncf\/toc#1234\][^\n]*\n> Our GTR lives at https:\/\/github\.com\/quarkle-dev\/community\/blob\/main\/reviews\/gtr\.md/);
    // unanswered: the template's comment, no assertion
    const activity = m.criteria.find((c) => /Demonstrate contributor activity/.test(c.title))!;
    const activityText = text.slice(activity.span.start, activity.span.end);
    assert.ok(activityText.includes('<!-- (TOC Evaluation goes here) -->') && !activityText.includes('Project assertion'));
    // evidence found and not cited: the release process; the adopters file the assertion cites is not added again
    const release = m.criteria.find((c) => /release process/.test(c.title))!;
    assert.match(text.slice(release.span.start, release.span.end), /^- Release process: docs\/RELEASING\.md \(\[quarkle-dev\/quarkle\]\(https:\/\/github\.com\/quarkle-dev\/quarkle\/blob\/[0-9a-f]{40}\/docs\/RELEASING\.md\), as of \d{4}-\d\d-\d\d\) <!-- diligence:evidence release-process:quarkle-dev\/quarkle:docs\/RELEASING\.md -->$/m);
    const adopters = m.criteria.find((c) => /Publicly documented list of adopters/.test(c.title))!;
    assert.doesNotMatch(text.slice(adopters.span.start, adopters.span.end), /ADOPTERS\.md \(\[/);
    assert.match(cold.err, /47 criteria, 10 with the project's assertion, \d+ evidence findings? added; \d+ GitHub API requests?/);

    // the same inputs: the same document, from the cache
    gh.reset();
    ossf.reset();
    const out2 = join(dir, 'quarkle-2.md');
    const warmStarted = Date.now();
    const warm = await run(['init', '--from-issue', 'https://github.com/cncf/toc/issues/1234', '-o', out2, '--date', '2026-07-01', '--reviewer', 'Rhea Vance', ...online(cache)]);
    const warmMs = Date.now() - warmStarted;
    assert.equal(warm.code, 0, warm.err);
    assert.equal(readFileSync(out2, 'utf8'), text);
    assert.equal(gh.requests.length, 0);
    assert.equal(ossf.requests.length, 0);
    console.log(`      (draft: ${coldRequests} GitHub API requests cold in ${coldMs} ms, 0 warm in ${warmMs} ms; 10/${m.criteria.length} criteria carry the assertion)`);

    // an existing file is not replaced without --force
    const again = await run(['init', '--from-issue', 'cncf/toc#1234', '-o', out2, '--date', '2026-07-01', ...online(cache)]);
    assert.equal(again.code, 2);
    assert.match(again.err, /exists; pass --force/);
  });

  it('the drafted document checks clean of structure problems against its template: no TODO, no criterion missing or extra, assertions are no evaluation', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'diligence-init-cache-'));
    const file = join(dir, 'quarkle-check.md');
    assert.equal((await run(['init', '--from-issue', 'cncf/toc#1234', '-o', file, '--date', '2026-07-01', ...online(cache)])).code, 0);
    const r = await run(['check', file, '--offline', '--template', ddFile, '--format', 'json']);
    const codes = (JSON.parse(r.out) as { files: Array<{ diagnostics: Array<{ code: string; message: string; range: { start: { line: number } } }> }> }).files[0]!.diagnostics;
    const count = (code: string) => codes.filter((d) => d.code === code).length;
    assert.deepEqual([count('todo'), count('criterion-missing'), count('criterion-not-in-template'), count('criterion-reworded'), count('checked-without-evidence')], [0, 0, 0, 0, 0]);
    // the vendor-neutrality criterion carries only the project's word: its evaluation is still missing
    const m = analyseText(readFileSync(file, 'utf8'));
    const neutral = m.criteria.find((c) => /resources are vendor-neutral/.test(c.title))!;
    const [from, to] = [m.lines.positionAt(neutral.span.start).line, m.lines.positionAt(neutral.span.end).line];
    assert.ok(codes.some((d) => d.code === 'evaluation-missing' && d.range.start.line >= from && d.range.start.line <= to), JSON.stringify(codes.filter((d) => d.code === 'evaluation-missing').map((d) => d.range.start.line)));
  });

  it('Widgetry (oldest template, no adopters file): drafted on the current template; the criterion it dropped is said, not copied', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'diligence-init-cache-'));
    const r = await run(['init', '--from-issue', 'cncf/toc#1300', '--date', '2026-07-01', ...online(cache)]);
    assert.equal(r.code, 0, r.err);
    const m = analyseText(r.out);
    assert.equal(m.criteria.length, 47);
    assert.match(r.err, /not in the current template: TAG provides insight\/recommendation of the project in the context of the landscape/);
    assert.doesNotMatch(r.out, /TAG discussed us/);
    assert.match(r.out, /> We presented to TAG App Delivery: https:\/\/github\.com\/widgetry\/widgetry\/issues\/41/);
  });

  it('to stdout, an escape sequence in the issue reaches the terminal as U+FFFD', async () => {
    const r = await run(['init', '--from-issue', 'cncf/toc#1500', '--date', '2026-07-01', ...online(mkdtempSync(join(tmpdir(), 'diligence-init-cache-')))]);
    assert.equal(r.code, 0, r.err);
    assert.ok(!r.out.includes('\u001b') && !r.out.includes('\u0007'));
    assert.match(r.out, /> We presented \ufffd\]52;c;ZXZpbA==\ufffdto TAG App Delivery/);
  });

  it('bad input: no issue reference, an issue that does not exist, one that is no application, offline with nothing cached', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'diligence-init-cache-'));
    const cases: Array<[string[], RegExp]> = [
      [['init', '--from-issue', 'cncf/toc'], /"cncf\/toc" is not an issue: write OWNER\/REPO#N/],
      [['init', '--from-issue', 'cncf/toc#9', ...online(cache)], /cncf\/toc#9 not found/],
      [['init', '--from-issue', 'cncf/toc#1400', ...online(cache)], /does not say which level it applies for/],
      [['init', '--from-issue', 'cncf/toc#1234', '--offline'], /not cached and the network is off/],
      [['init', '--from-issue', 'cncf/toc#1234', '--level', 'sandbox', ...online(cache)], /--level takes incubation or graduation/],
      [['init', '--from-issue', 'cncf/toc#1234', '--date', '1/7/2026', ...online(cache)], /the date must be YYYY-MM-DD/],
      [['init'], /init needs --from-issue/],
    ];
    for (const [args, re] of cases) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, re, args.join(' '));
    }
  });
});

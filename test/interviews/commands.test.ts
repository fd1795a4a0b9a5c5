/**
 * The interview and public-comment commands: the CLI (`interview new|list`, `public-comment`,
 * `check` of an interview file) on a copy of the fixture checkout, and the server's requests over
 * the real bundled server (diligence/newInterview, diligence/interviews, diligence/publicComment),
 * with the interview lints published for an open interview file and the summary's code action.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { main } from '../../server/src/cli';
import type { InterviewTracker, NewInterview, PublicCommentDraft } from '../../shared/protocol';
import { initialize, startServer, type TestClient } from '../support/lspClient';
import { FIXTURES, TOC_FIXTURE } from './paths';

function checkout(): { root: string; dir: string; dd: string; done(): void } {
  const root = mkdtempSync(join(tmpdir(), 'diligence-interviews-'));
  cpSync(TOC_FIXTURE, root, { recursive: true });
  const dir = join(root, 'projects', 'quarkle');
  return { root, dir, dd: join(dir, 'quarkle-incubation-due-diligence.md'), done: () => rmSync(root, { recursive: true, force: true }) };
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(argv, (s) => { out += s + '\n'; }, (s) => { err += s + '\n'; });
  return { code, out, err };
}

describe('interviews: the CLI', function () {
  this.timeout(60_000);
  let c: ReturnType<typeof checkout>;
  beforeEach(() => { c = checkout(); });
  afterEach(() => c.done());

  it('interview new writes the file from the workspace\'s questions template, once; again it changes nothing', async () => {
    const first = await run(['interview', 'new', '--org', 'Echo Systems', '--date', '2026-12-02', '--reviewer', 'Rhea Vance', '--offline', c.dd]);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /quarkle-adopter-interview-echo-systems\.md: created from file:.*template-adopter-questions\.md/);
    const path = join(c.dir, 'quarkle-adopter-interview-echo-systems.md');
    const text = readFileSync(path, 'utf8');
    assert.match(text, /^organisation: Echo Systems$/m);
    assert.match(text, /^interviewer: Rhea Vance$/m);
    assert.match(text, /^1\. For how long has your team run the project\?$/m);
    writeFileSync(path, text.replace('<!-- answer -->', 'Two years.'));
    const again = await run(['interview', 'new', '--org', 'echo systems', '--date', '2026-12-03', '--offline', c.dd]);
    assert.equal(again.code, 0);
    assert.match(again.out, /already there \(not changed\)/);
    assert.match(readFileSync(path, 'utf8'), /Two years\./);
  });

  it('interview new without the template in the workspace and offline: says where it looked, exit 2', async () => {
    rmSync(join(c.root, 'operations'), { recursive: true });
    const r = await run(['interview', 'new', '--org', 'Echo', '--offline', c.dd]);
    assert.equal(r.code, 2);
    assert.match(r.err, /template-adopter-questions\.md is not in a checkout of cncf\/toc around the document, and the network is off/);
  });

  it('interview list: the tracker and every file\'s lints (maintainers from --maintainers)', async () => {
    const r = await run(['interview', 'list', c.dd, '--date', '2026-12-02', '--maintainers', join(FIXTURES, 'MAINTAINERS.md'), '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as InterviewTracker & { lints: Array<{ file: string; diagnostics: Array<{ code: string }> }> };
    assert.equal(j.rows.length, 4);
    assert.equal(j.held, 3);
    const codes = j.lints.flatMap((l) => l.diagnostics.map((d) => d.code)).sort();
    assert.deepEqual(codes, ['interview-approval-overdue', 'interview-maintainer', 'interview-names-organisation', 'interview-unanswered', 'interview-unanswered']);
    const text = await run(['interview', 'list', c.dd, '--date', '2026-12-02']);
    assert.match(text.out, /^3 held of the 3 needed; 2 approved by the adopter\.$/m);
  });

  it('public-comment: the e-mail on stdout, the freeze warning and what is left to fill on stderr', async () => {
    const r = await run(['public-comment', c.dd, '--offline', '--date', '2027-02-20', '--reviewer', 'Rhea Vance', '--kubecon', 'Test Con=2027-03-15..2027-03-18', '--co-sponsor', 'Ada Sponsor']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Subject: Public Comment for Quarkle's Incubation application until 06-Mar-2027$/m);
    assert.match(r.out, /^Myself and Ada Sponsor sponsor Quarkle's/m);
    assert.match(r.err, /warning: The public comment period starts on 20-Feb-2027, within four weeks before Test Con .*\[public-comment-freeze\]/);
    assert.doesNotMatch(r.err, /left for you to fill/);
    const bad = await run(['public-comment', c.dd, '--offline', '--kubecon', 'nonsense']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /diligence\.kubecons\[0\]/);
  });

  it('check: an interview file gets its lints; the due diligence gets interviews-too-few with two held', async () => {
    rmSync(join(c.dir, 'quarkle-adopter-interview-borealis.md'));
    const r = await run(['check', '--offline', '--format', 'json', join(c.dir, 'quarkle-adopter-interview-anonymous-1.md'), c.dd]);
    const { files } = JSON.parse(r.out) as { files: Array<{ path: string; diagnostics: Array<{ code: string }> }> };
    const anon = files.find((f) => f.path.endsWith('anonymous-1.md'))!;
    assert.deepEqual(anon.diagnostics.map((d) => d.code), ['interview-names-organisation']);
    const dd = files.find((f) => f.path.endsWith('due-diligence.md'))!;
    assert.equal(dd.diagnostics.filter((d) => d.code === 'interviews-too-few').length, 2);
  });
});

describe('interviews: protocol (server requests)', function () {
  this.timeout(60_000);
  let c: ReturnType<typeof checkout>;
  let client: TestClient;
  const uri = (p: string): string => pathToFileURL(p).toString();
  const open = async (path: string): Promise<void> => client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(path), languageId: 'markdown', version: 1, text: readFileSync(path, 'utf8') } });

  before(async () => {
    c = checkout();
    client = startServer();
    // links off: nothing goes over the network (the templates come from the checkout)
    await initialize(client, { initializationOptions: { settings: { reviewer: { name: 'Rhea Vance' }, links: { enabled: false }, kubecons: [{ name: 'Far Con', start: '2099-01-10', end: '2099-01-12' }] } } });
  });
  after(async () => {
    await client.close();
    c.done();
  });

  it('diligence/interviews: the tracker of the files beside the document; the report names them', async () => {
    await open(c.dd);
    await client.diagnostics(uri(c.dd));
    const t = await client.connection.sendRequest('diligence/interviews', { uri: uri(c.dd) }) as InterviewTracker;
    assert.deepEqual(t.rows.map((r) => r.state), ['approved', 'approved', 'summary-drafted', 'requested']);
    assert.equal(t.held, 3);
    const report = await client.connection.sendRequest('diligence/report', { uri: uri(c.dd) }) as { markdown: string };
    assert.match(report.markdown, /## Adopter interviews/);
  });

  it('diligence/newInterview: the text of a new file (nothing written by the server); an existing organisation is answered as it is', async () => {
    const fresh = await client.connection.sendRequest('diligence/newInterview', { uri: uri(c.dd), organisation: 'Echo Systems', date: '2026-12-02' }) as NewInterview;
    assert.equal(fresh.created, true);
    assert.equal(fresh.uri, uri(join(c.dir, 'quarkle-adopter-interview-echo-systems.md')));
    assert.match(fresh.text, /^interviewer: Rhea Vance$/m);
    assert.equal(fresh.template.source, 'workspace');
    assert.throws(() => readFileSync(join(c.dir, 'quarkle-adopter-interview-echo-systems.md')));
    const kept = await client.connection.sendRequest('diligence/newInterview', { uri: uri(c.dd), organisation: 'Acme Corp' }) as NewInterview;
    assert.equal(kept.created, false);
    assert.equal(kept.fileName, 'quarkle-adopter-interview-acme-corp.md');
    await assert.rejects(client.connection.sendRequest('diligence/newInterview', { uri: uri(c.dd) }), /organisation is needed/);
  });

  it('diligence/publicComment: the e-mail from the checkout\'s template; a far KubeCon gives no warning', async () => {
    const d = await client.connection.sendRequest('diligence/publicComment', { uri: uri(c.dd), coSponsor: 'Ada Sponsor' }) as PublicCommentDraft;
    assert.match(d.subject, /^Public Comment for Quarkle's Incubation application until \d\d-[A-Z][a-z]{2}-\d{4}$/);
    assert.equal(d.application, 'https://github.com/cncf/toc/issues/1234');
    assert.deepEqual(d.warnings, []);
    assert.deepEqual(d.unfilled, []);
    assert.equal(d.template.source, 'workspace');
  });

  it('an open interview file gets its lints, not a due diligence\'s; the summary\'s code action is offered on the document', async () => {
    const anon = join(c.dir, 'quarkle-adopter-interview-anonymous-1.md');
    const pending = client.diagnostics(uri(anon), (d) => d.length > 0);
    await open(anon);
    const ds: Diagnostic[] = await pending;
    assert.deepEqual(ds.map((d) => d.code), ['interview-names-organisation']);
    const line = readFileSync(c.dd, 'utf8').split('\n').findIndex((l) => l.includes('$INTERVIEWSUMMARY'));
    const actions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(c.dd) }, range: { start: { line, character: 0 }, end: { line, character: 0 } }, context: { diagnostics: [] } }) as CodeAction[];
    assert.ok(actions.some((a) => a.title === 'Draft interview summary from the approved interviews'));
  });
});

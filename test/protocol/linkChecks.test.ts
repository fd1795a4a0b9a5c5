import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import {
  CancelLinkChecksNotification,
  ClearLinkCacheRequest,
  LinkCheckProgressNotification,
  type LinkCheckProgress,
  LinksNotCheckedNotification,
  type LinksNotCheckedParams,
} from '../../shared/protocol';
import { msg } from '../support/docs';
import { repo, startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { startHttpFixture, type HttpFixture } from '../support/httpFixture';
import { startServer, type TestClient, initialize as initializeSession } from '../support/lspClient';
import { type NotificationRecorder, recordNotifications } from '../support/notifications';

function dd(links: string[]): string {
  return `# Probe Incubation Due Diligence

## Governance

### Required

- [x] **Document complete list of current maintainers.**

  Evidence: ${links.map((l, i) => `[e${i}](${l})`).join(', ')}.
`;
}

const initialize = (client: TestClient, settings: object, extra: object = {}) =>
  initializeSession(client, { initializationOptions: { clientNotifications: true, settings, ...extra } });

describe('client notifications: link-check progress, cancel, rate limit', function () {
  this.timeout(40_000);
  let client: TestClient;
  let rec: NotificationRecorder;
  let fx: HttpFixture;
  let gh: FakeGitHub;

  before(async () => {
    fx = await startHttpFixture();
    gh = await startFakeGitHub([repo('acme/acme', { 'README.md': '# Acme\n' })]);
  });
  after(async () => {
    await fx.close();
    await gh.close();
  });
  beforeEach(() => {
    fx.reset();
    gh.reset();
    gh.restore();
    rec = recordNotifications([LinkCheckProgressNotification.method, LinksNotCheckedNotification.method, 'window/logMessage']);
  });
  afterEach(async () => {
    await client?.close();
  });

  it('reports begin and end around the checks of a document', async () => {
    client = startServer(['--stdio'], (c) => rec.attach(c));
    await initialize(client, { links: { allowPrivateHosts: true } });
    const uri = 'file:///work/progress-dd.md';
    const broken = client.diagnostics(uri, (d) => d.some((x) => x.code === 'link-broken'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: dd([`${fx.origin}/ok`, `${fx.origin}/missing`]) } });
    const end = await rec.next<LinkCheckProgress>(LinkCheckProgressNotification.method, (p) => p.uri === uri && p.state === 'end');
    await broken;
    const mine = rec.all<LinkCheckProgress>(LinkCheckProgressNotification.method).filter((p) => p.id === end.id);
    assert.deepEqual(mine[0], { uri, id: end.id, state: 'begin', done: 0, total: 2 });
    assert.equal(mine.at(-1), end);
    assert.equal(end.done, 2);
    assert.equal(end.cancelled, undefined);
    assert.ok(mine.every((p, i) => i === 0 || p.done >= mine[i - 1]!.done), 'done only grows');
  });

  it('cancel stops the pending checks and publishes once: known verdicts plus one links-not-checked', async () => {
    client = startServer(['--stdio'], (c) => rec.attach(c));
    await initialize(client, { links: { allowPrivateHosts: true, timeout: 60_000 } });
    const uri = 'file:///work/cancel-dd.md';
    const published: PublishDiagnosticsParams[] = client.published;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: dd([`${fx.origin}/missing`, `${fx.origin}/slow?ms=30000`]) } });
    // the 404 is in, the slow page is still pending
    const report = await rec.next<LinkCheckProgress>(LinkCheckProgressNotification.method, (p) => p.uri === uri && p.state === 'report' && p.done === 1);
    assert.equal(report.total, 2);
    const final = client.diagnostics(uri, (d) => d.some((x) => x.code === 'links-not-checked'));
    await client.connection.sendNotification(CancelLinkChecksNotification.method, { uri });
    const end = await rec.next<LinkCheckProgress>(LinkCheckProgressNotification.method, (p) => p.id === report.id && p.state === 'end');
    assert.equal(end.cancelled, true);
    const d = await final;
    assert.ok(d.some((x) => x.code === 'link-broken'), 'the verdict that arrived is kept');
    const notChecked = d.filter((x) => x.code === 'links-not-checked');
    assert.equal(notChecked.length, 1);
    assert.equal(msg(notChecked[0]!), 'Link checks were cancelled: 1 of 2 links were not checked this time.');
    const cancelledNote = await rec.next<LinksNotCheckedParams>(LinksNotCheckedNotification.method, (p) => p.uri === uri);
    assert.equal(cancelledNote.reason, 'cancelled');

    // nothing is published after that from the cancelled run: an edit is analysed normally and its
    // diagnostics are the next ones to arrive
    const count = published.filter((p) => p.uri === uri).length;
    const next = client.diagnostics(uri, (_x, v) => v === 2);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: dd([`${fx.origin}/missing`]) }] });
    await next;
    const after = published.filter((p) => p.uri === uri).slice(count);
    assert.ok(after.length >= 1 && after.every((p) => p.version === 2), `only version 2 published after the cancel: ${JSON.stringify(after.map((p) => p.version))}`);
  });

  it('tells the client when GitHub rate-limits anonymous checks; a token then gets them checked, and never reaches the logs', async () => {
    client = startServer(['--stdio'], (c) => rec.attach(c));
    const reset = new Date(Date.now() + 1800_000);
    gh.exhaust(reset);
    await initialize(client, { github: { apiUrl: gh.apiUrl }, links: { allowPrivateHosts: true }, evidence: { devstatsUrl: '' } });
    const uri = 'file:///work/ratelimit-dd.md';
    const link = `${gh.apiUrl}/acme/acme/blob/main/README.md`;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: dd([link]) } });
    const n = await rec.next<LinksNotCheckedParams>(LinksNotCheckedNotification.method, (p) => p.uri === uri);
    assert.equal(n.reason, 'rate-limited');
    assert.equal(n.github, true);
    assert.equal(n.authenticated, false);
    assert.equal(Math.floor(n.resetAt! / 1000), Math.floor(reset.getTime() / 1000));
    assert.ok(gh.requests.every((r) => r.authorization === undefined), 'anonymous so far');

    // the user signs in: the client sends the token; the checks run again, authenticated
    gh.restore();
    const checked = client.diagnostics(uri, (d) => d.some((x) => x.code === 'link-unpinned') && !d.some((x) => x.code === 'links-not-checked'));
    await client.connection.sendNotification('diligence/setGitHubToken', { token: gh.token });
    await checked;
    assert.ok(gh.requests.some((r) => r.authorization?.includes(gh.token)), 'the token went to the GitHub API');
    const logs = rec.all<{ message: string }>('window/logMessage').map((m) => m.message).join('\n');
    assert.ok(!logs.includes(gh.token) && !client.stderr().includes(gh.token), 'the token is not logged');
  });

  it('a rate limit on another host does not ask for a GitHub sign-in', async () => {
    client = startServer(['--stdio'], (c) => rec.attach(c));
    await initialize(client, { links: { allowPrivateHosts: true } });
    const uri = 'file:///work/ratelimit-web-dd.md';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: dd([`${fx.origin}/rate-always`]) } });
    const n = await rec.next<LinksNotCheckedParams>(LinksNotCheckedNotification.method, (p) => p.uri === uri);
    assert.equal(n.reason, 'rate-limited');
    assert.equal(n.github, false);
  });

  it('Clear Link Cache empties the cache file and asks for the links again', async () => {
    // a stale verdict from an earlier session (a DNS filter said the host does not exist)
    const storage = mkdtempSync(join(tmpdir(), 'diligence-clear-'));
    const url = `${fx.origin}/ok`;
    const stale = { checkedAt: Date.now(), problems: [{ code: 'link-broken', message: 'stale: the host name does not exist' }] };
    writeFileSync(join(storage, 'links.json'), JSON.stringify({ format: 1, entries: [[`http:${url}`, { value: stale, expires: Date.now() + 3_600_000 }]] }));
    client = startServer(['--stdio'], (c) => rec.attach(c));
    await initialize(client, { links: { allowPrivateHosts: true } }, { storagePath: storage });
    const uri = 'file:///work/clear-dd.md';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: dd([url]) } });
    const first = await rec.next<LinkCheckProgress>(LinkCheckProgressNotification.method, (p) => p.uri === uri && p.state === 'end');
    const before = fx.count('/ok');

    const healed = client.diagnostics(uri, (d) => !d.some((x) => x.code === 'link-broken'));
    const { cleared } = await client.connection.sendRequest(ClearLinkCacheRequest.method) as { cleared: number };
    assert.ok(cleared >= 1, `cleared ${cleared}`);
    const saved = JSON.parse(readFileSync(join(storage, 'links.json'), 'utf8')) as { entries: unknown[] };
    assert.deepEqual(saved.entries, [], 'the persisted cache is empty');
    await rec.next<LinkCheckProgress>(LinkCheckProgressNotification.method, (p) => p.uri === uri && p.state === 'end' && p.id > first.id);
    assert.ok(fx.count('/ok') > before, `asked again: ${before} → ${fx.count('/ok')}`);
    await healed;
  });
});

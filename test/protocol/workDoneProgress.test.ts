/**
 * Link-check progress as standard LSP work-done progress (issue 14), for clients such as Neovim
 * that show any server's `$/progress` and know nothing of diligence/linkCheckProgress.
 */
import assert from 'node:assert/strict';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { LinkCheckProgressNotification } from '../../shared/protocol';
import { startHttpFixture, type HttpFixture } from '../support/httpFixture';
import { initialize, startServer, type TestClient } from '../support/lspClient';

function dd(links: string[]): string {
  return `# Probe Incubation Due Diligence

## Governance

### Required

- [x] **Document complete list of current maintainers.**

  Evidence: ${links.map((l, i) => `[e${i}](${l})`).join(', ')}.
`;
}

interface Progress { token: string | number; value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number; cancellable?: boolean } }

/** the client side: accepts work-done progress tokens and records $/progress and Diligence's own notification */
function recorder(): { attach(c: ProtocolConnection): void; created: Array<string | number>; progress: Progress[]; own: unknown[]; until(pred: () => boolean): Promise<void> } {
  const waiters: Array<{ pred: () => boolean; resolve: () => void }> = [];
  const check = (): void => {
    for (const w of [...waiters]) if (w.pred()) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
  };
  const r = {
    created: [] as Array<string | number>,
    progress: [] as Progress[],
    own: [] as unknown[],
    attach(c: ProtocolConnection) {
      c.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => { r.created.push(p.token); check(); return null; });
      c.onNotification('$/progress', (p: Progress) => { r.progress.push(p); check(); });
      c.onNotification(LinkCheckProgressNotification.method, (p: unknown) => { r.own.push(p); check(); });
    },
    until(pred: () => boolean, timeoutMs = 15_000) {
      if (pred()) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not within ${timeoutMs} ms: ${JSON.stringify(r.progress)}`)), timeoutMs);
        waiters.push({ pred, resolve: () => { clearTimeout(timer); resolve(); } });
      });
    },
  };
  return r;
}

describe('link-check progress as LSP work-done progress ($/progress)', function () {
  this.timeout(40_000);
  let fx: HttpFixture;
  let client: TestClient | undefined;
  before(async () => { fx = await startHttpFixture(); });
  after(async () => { await fx.close(); });
  afterEach(async () => { await client?.close(); client = undefined; });

  it('a client with window.workDoneProgress gets begin, reports and end on the token it accepted', async () => {
    const rec = recorder();
    client = startServer(['--stdio'], (c) => rec.attach(c));
    await initialize(client, { capabilities: { window: { workDoneProgress: true } }, initializationOptions: { settings: { links: { allowPrivateHosts: true } } } });
    const uri = 'file:///work/progress-dd.md';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: dd([`${fx.origin}/ok`, `${fx.origin}/missing`]) } });
    await rec.until(() => rec.progress.some((p) => p.value.kind === 'end'));
    assert.equal(rec.created.length, 1);
    const mine = rec.progress.filter((p) => p.token === rec.created[0]);
    assert.equal(mine.length, rec.progress.length, 'every $/progress is on the accepted token');
    assert.deepEqual(mine[0]!.value, { kind: 'begin', title: 'Diligence: checking links', cancellable: true, message: '0/2 links · progress-dd.md', percentage: 0 });
    assert.equal(mine.at(-1)!.value.kind, 'end');
    const reports = mine.filter((p) => p.value.kind === 'report');
    assert.ok(reports.every((p, i) => i === 0 || p.value.percentage! >= reports[i - 1]!.value.percentage!), 'the percentage only grows');
    assert.deepEqual(rec.own, [], 'Diligence\'s own notification is not sent to a client that did not ask for it');
  });

  it('the client\'s cancel (window/workDoneProgress/cancel) stops the checks: one links-not-checked says so', async () => {
    const rec = recorder();
    client = startServer(['--stdio'], (c) => rec.attach(c));
    await initialize(client, { capabilities: { window: { workDoneProgress: true } }, initializationOptions: { settings: { links: { allowPrivateHosts: true, timeout: 60_000 } } } });
    const uri = 'file:///work/cancel-dd.md';
    const c = client;
    const final = c.diagnostics(uri, (d) => d.some((x) => x.code === 'links-not-checked'));
    await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: dd([`${fx.origin}/missing`, `${fx.origin}/slow?ms=30000`]) } });
    await rec.until(() => rec.progress.some((p) => p.value.kind === 'report' && p.value.percentage === 50));
    await c.connection.sendNotification('window/workDoneProgress/cancel', { token: rec.created[0] });
    const d = await final;
    assert.ok(d.some((x) => x.code === 'link-broken'), 'the verdict that arrived is kept');
    await rec.until(() => rec.progress.some((p) => p.value.kind === 'end'));
  });

  it('no work-done progress without the capability, nor for a client that takes Diligence\'s own notification', async () => {
    for (const params of [{ capabilities: {}, initializationOptions: { settings: { links: { allowPrivateHosts: true } } } }, { capabilities: { window: { workDoneProgress: true } }, initializationOptions: { clientNotifications: true, settings: { links: { allowPrivateHosts: true } } } }]) {
      const rec = recorder();
      const c = startServer(['--stdio'], (conn) => rec.attach(conn));
      client = c;
      await initialize(c, params);
      const uri = 'file:///work/none-dd.md';
      const done = c.diagnostics(uri, (d) => d.some((x) => x.code === 'link-broken'));
      await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: dd([`${fx.origin}/missing`]) } });
      await done;
      if (params.initializationOptions.clientNotifications) await rec.until(() => rec.own.length > 0 && (rec.own.at(-1) as { state: string }).state === 'end');
      assert.deepEqual([rec.created, rec.progress], [[], []]);
      await c.close();
      client = undefined;
    }
  });
});

import assert from 'node:assert/strict';
import { type DocumentStatus, ReportRequest, type ReportResponse, StatusNotification } from '../../shared/protocol';
import { SMALL } from '../support/docs';
import { startServer, type TestClient, initialize as initializeSession } from '../support/lspClient';
import { type NotificationRecorder, recordNotifications } from '../support/notifications';

type Counted = Extract<DocumentStatus, { tooLarge: false }>;

const initialize = (client: TestClient, initializationOptions: object, capabilities: object = {}) =>
  initializeSession(client, { initializationOptions, capabilities });

function open(client: TestClient, uri: string, text: string, version = 1): Promise<void> {
  return client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
}

describe('client notifications: diligence/status and diligence.files', function () {
  this.timeout(30_000);
  let client: TestClient;
  let rec: NotificationRecorder;

  beforeEach(() => {
    rec = recordNotifications([StatusNotification.method]);
  });
  afterEach(async () => {
    await client?.close();
  });

  it('pushes the status of the SMALL document after each analysis, with the readiness counts', async () => {
    client = startServer(['--stdio'], (c) => rec.attach(c));
    await initialize(client, { clientNotifications: true, settings: { links: { enabled: false } } });
    const uri = 'file:///work/acme-dd.md';
    await open(client, uri, SMALL);
    const s = await rec.next<DocumentStatus>(StatusNotification.method, (p) => p.uri === uri && p.version === 1);
    assert.equal(s.isDiligenceDocument, true);
    const c = s as Counted;
    assert.equal(c.tooLarge, false);
    assert.equal(c.level, 'Incubation');
    assert.equal(c.project, 'Acme');
    // the template's Required criteria SMALL lacks count as unmet (it has 3 of them)
    assert.deepEqual(c.required, { met: 2, total: 32 });
    assert.deepEqual(c.suggested, { met: 1, total: 2 });
    assert.deepEqual(c.criteria, { checked: 3, total: 5 });
    assert.equal(c.openTodos, 2);
    assert.equal(c.placeholders, 4);

    // an edit that checks the last Required criterion and resolves a TODO: a new status, version 2
    const text2 = SMALL.replace('- [ ] **Document agreement', '- [x] **Document agreement').replace('**TODO for Acme Team**', '**DONE for Acme Team**');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text2 }] });
    const s2 = (await rec.next<DocumentStatus>(StatusNotification.method, (p) => p.uri === uri && p.version === 2)) as Counted;
    assert.deepEqual(s2.required, { met: 3, total: 32 });
    assert.equal(s2.openTodos, 1);

    // the report request answers the rendered report's needs: counts, markdown, and where things are
    const r = await client.connection.sendRequest(ReportRequest.method, { uri }) as ReportResponse;
    assert.equal(r.version, 2);
    assert.match(r.markdown, /^# Readiness: Acme Incubation Due Diligence/);
    const lines = text2.split('\n');
    assert.deepEqual(r.outline.areas.filter((a) => a.line !== null).map((a) => [a.name, a.line]), [['Governance', lines.indexOf('## Governance')]]);
    // the template's areas SMALL lacks follow, with no line, listing their missing criteria (issue 11)
    const lacking = r.outline.areas.filter((a) => a.line === null);
    assert.ok(lacking.length > 0 && lacking.every((a) => (a.missing ?? []).length > 0), JSON.stringify(lacking.map((a) => a.name)));
    assert.deepEqual(r.outline.areas[0]!.criteria.map((c) => [c.line, c.level, c.checked, c.openTodos]), [
      [lines.findIndex((l) => l.includes('**Clear and discoverable')), 'suggested', true, 0],
      [lines.findIndex((l) => l.includes('**Governance is up to date')), 'suggested', false, 0],
      [lines.findIndex((l) => l.includes('**Document complete list')), 'required', true, 0],
      [lines.findIndex((l) => l.includes('**Code and Doc ownership')), 'required', true, 1],
      [lines.findIndex((l) => l.includes('**Document agreement')), 'required', true, 0],
    ]);
    assert.deepEqual(r.outline.owners, [{ owner: 'Acme team', count: 1, todos: [{ line: lines.findIndex((l) => l.includes('**TODO for Acme team')), text: 'add CODEOWNERS to the website repository', criterion: 'Code and Doc ownership in Github matches documented governance roles.' }] }]);
  });

  it('says a plain markdown file is not a due-diligence document, and sends nothing unless asked', async () => {
    client = startServer(['--stdio'], (c) => rec.attach(c));
    await initialize(client, { clientNotifications: true, settings: { links: { enabled: false } } });
    const uri = 'file:///work/notes/README.md';
    await open(client, uri, '# Notes\n\nNothing to review here.\n');
    const s = await rec.next<DocumentStatus>(StatusNotification.method, (p) => p.uri === uri);
    assert.deepEqual(s, { uri, version: 1, isDiligenceDocument: false });

    await client.close();
    rec = recordNotifications([StatusNotification.method]);
    client = startServer(['--stdio'], (c) => rec.attach(c));
    await initialize(client, { settings: { links: { enabled: false } } });
    const diags = client.diagnostics('file:///work/acme-dd.md', (d) => d.length > 0);
    await open(client, 'file:///work/acme-dd.md', SMALL);
    await diags;
    assert.equal(rec.all(StatusNotification.method).length, 0, 'no custom notification for a client that did not ask');
  });

  it('diligence.files makes a plain markdown file a due-diligence document (diagnostics and status)', async () => {
    let files: string[] = [];
    client = startServer(['--stdio'], (c) => {
      rec.attach(c);
      c.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ files, links: { enabled: false } })));
    });
    await initialize(client, { clientNotifications: true }, { workspace: { configuration: true } });
    const uri = 'file:///work/reviews/kserve/notes.md';
    const text = '# KServe review notes\n\n## Governance\n\nPlaceholder left: $LEVEL\n';
    await open(client, uri, text);
    assert.equal((await rec.next<DocumentStatus>(StatusNotification.method, (p) => p.uri === uri)).isDiligenceDocument, false);

    files = ['reviews/**/*.md'];
    const diags = client.diagnostics(uri, (d) => d.some((x) => x.code === 'placeholder'));
    const before = rec.all(StatusNotification.method).length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const d = await diags;
    assert.ok(d.some((x) => x.code === 'placeholder'), 'analysed once the glob names it');
    const s = await rec.next<DocumentStatus>(StatusNotification.method, (p) => p.uri === uri && p.isDiligenceDocument);
    assert.ok(rec.all(StatusNotification.method).indexOf(s) >= before);

    files = ['/elsewhere/*.md'];
    const cleared = client.diagnostics(uri, (x) => x.length === 0);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await cleared;
  });
});

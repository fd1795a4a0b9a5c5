import assert from 'node:assert/strict';
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/service/index';
import { SMALL } from '../support/docs';
import { initialize, startServer, type TestClient } from '../support/lspClient';

const URI = 'file:///work/acme-dd.md';

describe('language server: "Ignore CODE on this line" over stdio', function () {
  this.timeout(30_000);
  let client: TestClient | undefined;

  afterEach(async () => {
    await client?.close();
  });

  it('the quick fix is offered for a TODO, its edit applied with didChange removes exactly that diagnostic', async () => {
    client = startServer();
    await initialize(client, { capabilities: {}, initializationOptions: { settings: { links: { enabled: false } } } });
    const opened = client.diagnostics(URI);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: SMALL } });
    const diags = await opened;
    const todo = diags.find((d) => d.code === 'todo')!;
    assert.ok(todo);
    const actions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: URI }, range: todo.range, context: { diagnostics: [todo] } }) as CodeAction[];
    const ignore = actions.find((a) => a.title === 'Ignore todo on this line');
    assert.ok(ignore, actions.map((a) => a.title).join(', '));
    assert.equal(ignore.kind, 'quickfix');
    assert.ok(actions.some((a) => a.title === 'Ignore todo in this document'));
    const edits = ignore.edit!.changes![URI]! as TextEdit[];
    const changed = applyEdits(SMALL, edits);
    assert.ok(changed.split('\n')[todo.range.start.line]!.endsWith('<!-- diligence-disable-line todo -->'));

    const after = client.diagnostics(URI, (_d, v) => v === 2);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })) });
    const diags2 = await after;
    const key = (d: { code?: unknown; range: { start: { line: number } } }): string => `${String(d.code)}@${d.range.start.line}`;
    assert.deepEqual(diags2.map(key).sort(), diags.filter((d) => d !== todo).map(key).sort());
  });
});

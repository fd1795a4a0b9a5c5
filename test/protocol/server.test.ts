import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CodeAction, DocumentSymbol, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/service/index';
import { EXAMPLE, msg, SMALL } from '../support/docs';
import { startServer, type TestClient, initialize as initializeSession } from '../support/lspClient';

const URI = 'file:///work/acme-dd.md';

const initialize = (client: TestClient, capabilities: object = {}, initializationOptions?: object) =>
  initializeSession(client, { capabilities, ...(initializationOptions ? { initializationOptions } : {}) });

describe('language server over stdio', function () {
  this.timeout(30_000);
  let client: TestClient;

  afterEach(async () => {
    await client?.close();
  });

  it('initialize → didOpen → diagnostics → hover → codeAction → didChange → shutdown', async () => {
    client = startServer();
    const init = await initialize(client, {}, { settings: { reviewer: { name: 'Jane Reviewer' }, links: { enabled: false } } });
    assert.equal(init.capabilities.hoverProvider, true);

    const opened = client.diagnostics(URI);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: SMALL } });
    const diags = await opened;
    const codes = new Set(diags.map((d) => d.code));
    for (const c of ['placeholder', 'todo', 'evaluation-missing', 'checked-without-evidence', 'checked-with-open-todo', 'required-unmet', 'link-malformed']) {
      assert.ok(codes.has(c), `diagnostic ${c} published`);
    }

    const line = SMALL.split('\n').findIndex((l) => l.includes('**Code and Doc ownership'));
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line, character: 10 } }) as Hover;
    assert.match((hover.contents as MarkupContent).value, /Criterion\*\* · Governance · Required/);

    const level = diags.find((d) => d.code === 'placeholder' && msg(d).includes('$LEVEL'))!;
    const actions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: URI }, range: level.range, context: { diagnostics: [level] } }) as CodeAction[];
    const fill = actions.find((a) => a.title === 'Fill $LEVEL with "Incubation"')!;
    assert.ok(fill, 'fill action over the protocol');
    const edits = fill.edit!.changes![URI]! as TextEdit[];
    const changed = applyEdits(SMALL, edits);

    const after = client.diagnostics(URI, (_d, v) => v === 2);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })) });
    const diags2 = await after;
    assert.equal(diags2.filter((d) => msg(d).includes('$LEVEL')).length, 0);
    assert.equal(diags2.length, diags.length - 1);

    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } }) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['Governance']);

    const report = await client.connection.sendRequest('diligence/report', { uri: URI }) as { report: { required: { met: number; total: number } }; markdown: string };
    // the template's Required criteria SMALL lacks count as unmet (it has 3 of them)
    assert.deepEqual(report.report.required, { met: 2, total: 32 });
    assert.ok(changed.includes('applied for Incubation'));

    const closed = client.diagnostics(URI, (d) => d.length === 0);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
    await closed;
  });

  it('pulls settings with workspace/configuration when the client supports it', async () => {
    client = startServer(['--stdio'], (c) => {
      c.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => p.items.map(() => ({ diagnostics: { severity: { todo: 'off' } }, links: { enabled: false } })));
    });
    await initialize(client, { workspace: { configuration: true } });
    const d = client.diagnostics(URI, (ds) => ds.length > 0 && !ds.some((x) => x.code === 'todo'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: SMALL } });
    const diags = await d;
    assert.ok(diags.some((x) => x.code === 'placeholder'));
  });

  it('publishes nothing for markdown that is not a due-diligence document', async () => {
    client = startServer();
    await initialize(client);
    const d = client.diagnostics('file:///work/README.md');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///work/README.md', languageId: 'markdown', version: 1, text: '# Readme\n\nCosts $HOME and [a/b c].\n' } });
    assert.deepEqual(await d, []);
  });

  it('answers requests for unknown documents and out-of-range positions without failing', async () => {
    client = startServer();
    await initialize(client, {}, { settings: { links: { enabled: false } } });
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nope.md' }, position: { line: 0, character: 0 } }), null);
    const opened = client.diagnostics(URI);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: readFileSync(EXAMPLE, 'utf8') } });
    await opened;
    const h = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 99_999, character: 99_999 } });
    assert.equal(h, null);
    const a = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: URI }, range: { start: { line: -5, character: -1 }, end: { line: 1e6, character: 0 } }, context: { diagnostics: [] } });
    assert.ok(Array.isArray(a));
  });
});

describe('language server: the template a document is held to', function () {
  this.timeout(30_000);
  it('reads the front matter\'s template file next to the document and re-publishes against it; the title hover names it', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const dir = mkdtempSync(join(tmpdir(), 'diligence-lsp-tpl-'));
    writeFileSync(join(dir, 'tpl.md'), '# $PROJECT Incubation Due Diligence\n\n## Governance\n\n### Required\n\n- [ ] **Document complete list of current maintainers.**\n\n- [ ] **Publish a yearly sprocket report.**\n');
    const uri = pathToFileURL(join(dir, 'dd.md')).toString();
    const client = startServer();
    try {
      await initialize(client, {}, { settings: { links: { enabled: false } } });
      const held = client.diagnostics(uri, (d) => d.some((x) => x.code === 'criterion-missing' && msg(x).includes('sprocket')));
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: `---\ntemplate: tpl.md\n---\n${SMALL}` } });
      const diags = await held;
      assert.deepEqual(diags.filter((d) => d.code === 'criterion-missing').map(msg), ['Missing criterion of the template: "Publish a yearly sprocket report." (Governance · Required)']);
      const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 3 } }) as Hover;
      assert.match((hover.contents as MarkupContent).value, /- Template: .*tpl\.md, from the front matter/);
    } finally {
      await client.close();
    }
  });
});

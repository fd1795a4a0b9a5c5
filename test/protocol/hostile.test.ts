/**
 * Hostile documents and broken clients against the real server process: it answers within a
 * bounded time, stays responsive to `shutdown`, says when it skips a document for its size, and
 * survives malformed messages; a client that disappears takes the server with it.
 */
import assert from 'node:assert/strict';
import type { Diagnostic, DocumentSymbol } from 'vscode-languageserver-protocol';
import { startServer, type TestClient, initialize as initializeSession } from '../support/lspClient';

/** generous: the bound is "answers", not a benchmark; the measured times are printed */
const BOUND_MS = 90_000;

function tenThousandCriteria(): string {
  const parts = ['# Acme Incubation Due Diligence\n'];
  for (let i = 0; i < 10_000; i++) {
    if (i % 100 === 0) parts.push(`\n## Area ${i / 100}\n\n### Required\n`);
    parts.push(`\n- [${i % 3 === 0 ? 'x' : ' '}] **Criterion ${i}.**\n\n  <!-- (TOC Evaluation goes here) -->\n`);
  }
  return parts.join('');
}

function oneMegabyteLine(): string {
  const unit = 'text [a](b c) $LEVEL **TODO for X** <!-- [has/has not] https://x.org/a ` *e* [ ';
  return `# Acme Due Diligence\n\n## Governance\n\n- [ ] **Crit**\n\n${unit.repeat(Math.ceil(1_048_576 / unit.length))}\n`;
}

function fiftyLevels(): string {
  const lines = ['# Acme Due Diligence', '', '## Governance', ''];
  for (let i = 0; i < 50; i++) lines.push(`${'  '.repeat(i)}- [ ] **Level ${i}** $LEVEL`);
  lines.push('');
  for (let i = 1; i <= 50; i++) lines.push(`${'>'.repeat(i)} **TODO for Q${i}**: quoted`);
  lines.push('', '[' .repeat(50) + 'x' + '](y)'.repeat(50), '*'.repeat(50) + 'e' + '*'.repeat(50), '');
  return lines.join('\n');
}

/** not analysed, and the one diagnostic says why */
const skipped = (why: RegExp) => (d: Diagnostic[]): void => {
  assert.deepEqual(d.map((x) => x.code), ['document-too-large']);
  assert.match(d[0]!.message as string, why);
};

const initialize = (client: TestClient, initializationOptions: object = { settings: { links: { enabled: false } } }, processId: number | null = process.pid) =>
  initializeSession(client, { initializationOptions, processId });

describe('hostile documents and broken clients (real server)', function () {
  this.timeout(4 * BOUND_MS);
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  const cases: Array<[string, () => string, (d: Diagnostic[]) => void]> = [
    ['5 MB (over diligence.maxDocumentSize): one document-too-large diagnostic', () => '# Acme Incubation Due Diligence\n\n' + '- [ ] **Crit** text $LEVEL\n'.repeat(200_000), (d) => {
      assert.deepEqual(d.map((x) => x.code), ['document-too-large']);
      assert.match(d[0]!.message as string, /skipped this document: 5,400,\d{3} characters is more than diligence\.maxDocumentSize \(5,000,000\)/);
    }],
    ['one line of 1 MB: skipped, and the user is told why', oneMegabyteLine, (d) => {
      assert.deepEqual(d.map((x) => x.code), ['document-too-large']);
      assert.match(d[0]!.message as string, /a block of 1,048,\d{3} characters without a blank line/);
    }],
    ['a paragraph of 15,000 characters of emphasis, brackets and backticks', () => `# Acme Due Diligence\n\n- [ ] **C** ${'*e* [ ` a '.repeat(1_500)}\n`, (d) => assert.ok(!d.some((x) => x.code === 'document-too-large'), 'analysed, not skipped')],
    // 9 s of one synchronous parse (under the block limit): too many inline marks in one paragraph
    ['a paragraph of 95,000 characters of emphasis, brackets and backticks', () => `# Acme Due Diligence\n\n- [ ] **C** ${'*e* [ ` a '.repeat(9_500)}\n`, skipped(/a paragraph with more than 8,000 emphasis marks, brackets and backticks/)],
    // shapes that took minutes or overflowed the stack (issue 20): refused before the parser, with the reason
    ['20 KB of nested list markers on one line', () => `# Acme Due Diligence\n\n${'- '.repeat(10_000)}x\n`, skipped(/nesting \d+ levels deep/)],
    ['10 KB of nested `>`', () => `# Acme Due Diligence\n\n${'>'.repeat(10_000)} x\n`, skipped(/nesting \d+ levels deep/)],
    ['a staircase of 200 list levels by indentation', () => '# Acme Due Diligence\n\n' + Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n') + '\n', skipped(/nesting \d+ levels deep/)],
    ['1,000 lines of 40 list markers each', () => '# Acme Due Diligence\n\n' + `${'- '.repeat(40)}x\n`.repeat(1_000), skipped(/nested quotes and lists this deep over this many lines/)],
    ['a paragraph of 95 KB of emphasis characters that never match', () => `# Acme Due Diligence\n\n- [ ] **C** ${'*a_ '.repeat(23_750)}\n`, skipped(/a paragraph of emphasis characters \(`\*`, `_`, `~`\) that do not pair up/)],
    ['10,000 criteria', tenThousandCriteria, (d) => assert.ok(d.filter((x) => x.code === 'evaluation-missing' || x.code === 'checked-without-evidence').length === 10_000)],
    ['50 levels of nesting', fiftyLevels, (d) => assert.ok(d.some((x) => x.code === 'todo'))],
  ];

  for (const [name, make, check] of cases) {
    it(`${name}: diagnostics, hover and symbols within the bound, then shutdown`, async () => {
      client = startServer();
      await initialize(client);
      const text = make();
      const uri = `file:///hostile/${name.replace(/\W+/g, '-')}.md`;
      const t0 = Date.now();
      const published = client.diagnostics(uri, () => true, BOUND_MS);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const diags = await published;
      const tDiag = Date.now() - t0;
      check(diags);
      const middle = { line: Math.floor(text.split('\n').length / 2), character: 3 };
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: middle });
      const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as DocumentSymbol[];
      assert.ok(Array.isArray(symbols));
      const tAll = Date.now() - t0;
      const t1 = Date.now();
      await client.connection.sendRequest('shutdown');
      const tShutdown = Date.now() - t1;
      console.log(`      ${(text.length / 1e6).toFixed(2)} M chars: diagnostics ${tDiag} ms, + hover and symbols ${tAll} ms, shutdown ${tShutdown} ms`);
      assert.ok(tAll < BOUND_MS && tShutdown < BOUND_MS);
    });
  }

  it('a markdown file that does not look like a due diligence is not parsed at all, whatever its shape', async () => {
    client = startServer();
    await initialize(client);
    const uri = 'file:///hostile/README.md';
    const published = client.diagnostics(uri, () => true, BOUND_MS);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: `# Some project\n\n${'*a_ '.repeat(20_000)}\n\n${'- '.repeat(10_000)}x\n` } });
    assert.deepEqual(await published, []);
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } });
    assert.equal(hover, null);
    const stats = await client.connection.sendRequest('diligence/stats') as { chunksParsed: number; analyses: number };
    assert.equal(stats.chunksParsed, 0, 'nothing was given to the parser');
  });

  it('shutdown right after opening and editing 10,000 criteria is answered (analysis waits for the edits to settle)', async () => {
    client = startServer();
    await initialize(client);
    const uri = 'file:///hostile/busy.md';
    const started = client.diagnostics(uri, () => true, BOUND_MS);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: tenThousandCriteria() } });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'x' }] });
    const t0 = Date.now();
    await client.connection.sendRequest('shutdown');
    void started.catch(() => {});
    console.log(`      shutdown answered after ${Date.now() - t0} ms`);
    assert.ok(Date.now() - t0 < BOUND_MS);
  });

  it('survives malformed messages: bad JSON, wrong params, out-of-range positions, unknown documents', async () => {
    client = startServer();
    await initialize(client);
    const raw = (body: string): void => void client!.child.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    raw('{this is not json');
    raw('{"jsonrpc":"2.0","id":9001,"method":"textDocument/hover","params":5}');
    raw('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":42}}}');
    raw('{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///never-opened.md","version":2},"contentChanges":[{"text":"x"}]}}');
    raw('[1,2,3]');
    const c = client.connection;
    const settle = async (p: Promise<unknown>): Promise<string> => p.then(() => 'answered', (e: { code?: number }) => `error ${e.code ?? ''}`);
    const answers = await Promise.all([
      settle(c.sendRequest('textDocument/hover', {})),
      settle(c.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nope.md' }, position: { line: 'x', character: null } })),
      settle(c.sendRequest('textDocument/codeAction', { textDocument: { uri: 'file:///nope.md' } })),
      settle(c.sendRequest('textDocument/completion', { textDocument: { uri: 'file:///nope.md' }, position: { line: -1, character: -1 } })),
      settle(c.sendRequest('diligence/report', { uri: 42 })),
      settle(c.sendRequest('diligence/fillAllPlaceholders', null)),
      settle(c.sendRequest('no/such/method', {})),
    ]);
    assert.equal(answers.at(-1), 'error -32601', 'unknown method: MethodNotFound');
    // still serving: a real document gets its diagnostics and a hover
    const uri = 'file:///hostile/after.md';
    const d = client.diagnostics(uri);
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: '# Acme Due Diligence\n\n## G\n\n- [ ] **C** $LEVEL\n' } });
    assert.ok((await d).length > 0);
    const changed = client.diagnostics(uri, (_x, v) => v === 2);
    await c.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 99, character: 99 }, end: { line: -1, character: 0 } }, text: 'x' }] });
    await changed;
    assert.equal(client.child.exitCode, null, `server alive; stderr: ${client.stderr()}`);
    console.log(`      answers to malformed requests: ${answers.join(', ')}`);
  });

  it('a client that disappears (its stdin closes) takes the server with it', async () => {
    const c = startServer();
    await initialize(c);
    const exited = new Promise<number | null>((r) => c.child.once('exit', (code) => r(code)));
    c.child.stdin!.end();
    const code = await exited;
    assert.notEqual(code, null);
    c.connection.dispose();
  });

  it('a client process that dies (initialize processId) takes the server with it', async () => {
    const { spawn } = await import('node:child_process');
    const ghost = spawn(process.execPath, ['-e', '']);
    const pid = ghost.pid!;
    await new Promise((r) => ghost.once('exit', r));
    const c = startServer();
    const exited = new Promise<number | null>((r) => c.child.once('exit', (code) => r(code)));
    await initialize(c, { settings: { links: { enabled: false } } }, pid);
    assert.notEqual(await exited, null);
    c.connection.dispose();
  });
});

/**
 * A long document does not block the server: its analysis runs in steps that let requests
 * through, and a newer version gives the older analysis up (only the newest is published).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateDocument } from '../../bench/generate';
import { EXAMPLE } from '../support/docs';
import { initialize, startServer, type TestClient } from '../support/lspClient';

const URI = 'file:///work/huge-dd.md';

interface Stats { analyses: number; superseded: number; chunksParsed: number; chunksReused: number; chunksWalked: number; scheduled: number }

describe('language server: long documents', function () {
  this.timeout(60_000);
  let client: TestClient;
  afterEach(async () => {
    await client?.close();
  });

  it('answers requests while a 1 MB document is analysed, and publishes only the newest of a burst of versions', async () => {
    const text = generateDocument(1_000_000, 7);
    client = startServer();
    await initialize(client, { initializationOptions: { settings: { links: { enabled: false } } } });

    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'markdown', version: 1, text } });
    // once the analysis of version 1 is under way, requests are still answered before it ends
    let during: Stats;
    do during = (await client.connection.sendRequest('diligence/stats')) as Stats;
    while (during.scheduled === 0);
    assert.equal(during.analyses, 0, 'answered while the first analysis is under way');
    assert.equal(client.published.filter((p) => p.uri === URI).length, 0);

    // two more versions while version 1 is still being parsed
    const last = client.diagnostics(URI, (_d, v) => v === 3, 50_000);
    for (const version of [2, 3]) {
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: URI, version },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
      });
    }
    const diags = await last;
    assert.ok(diags.length > 100, `diagnostics of the newest version: ${diags.length}`);
    const versions = client.published.filter((p) => p.uri === URI).map((p) => p.version);
    assert.deepEqual(versions, [3], 'versions 1 and 2 were given up, never published');
    const after = (await client.connection.sendRequest('diligence/stats')) as Stats;
    assert.equal(after.analyses, 1, JSON.stringify(after));
    assert.ok(after.superseded >= 1, JSON.stringify(after));
    assert.ok(after.chunksReused > 0, `the newest analysis reused chunks parsed by the given-up one: ${JSON.stringify(after)}`);
  });

  // The walk after the parse is checked in process, at every yield (test/service/incremental.test.ts):
  // from outside, a hover sent "during the walk" can arrive after it ended, which the test cannot tell.
  it('answers a hover on another document while a long document without headings is parsed (issue 20)', async function () {
    this.timeout(120_000);
    // about 0.45 MB of paragraphs with emphasis and links, no heading after the first lines
    const big = '# Acme Incubation Due Diligence\n\n## Governance\n\n' + 'Some evidence text with *emphasis* and a [link](https://example.org/a) here.\n\n'.repeat(6_000);
    const small = 'file:///work/small-dd.md';
    client = startServer();
    await initialize(client, { initializationOptions: { settings: { links: { enabled: false } } } });
    const smallDiags = client.diagnostics(small);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'markdown', version: 1, text: '# Acme Due Diligence\n\n## Governance\n\n- [ ] **Crit** $TOCMEMBER\n' } });
    await smallDiags;
    const before = (await client.connection.sendRequest('diligence/stats')) as Stats;
    const bigDiags = client.diagnostics(URI, () => true, 110_000);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: big } });
    // while its chunks are parsed (seconds: each step parses one chunk, then yields)
    let s: Stats;
    do s = (await client.connection.sendRequest('diligence/stats')) as Stats;
    while (s.scheduled === before.scheduled);
    assert.equal(s.analyses, before.analyses, 'the parse was seen under way');
    const h = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 4, character: 16 } })) as { contents: unknown } | null;
    assert.ok(h && JSON.stringify(h.contents).includes('TOCMEMBER'), JSON.stringify(h));
    assert.equal(client.published.filter((p) => p.uri === URI).length, 0, 'answered before the long document was published');
    await bigDiags;
  });

  it('shuts down promptly in the middle of an analysis', async () => {
    const base = readFileSync(EXAMPLE, 'utf8');
    client = startServer();
    await initialize(client, { initializationOptions: { settings: { links: { enabled: false } } } });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: base.repeat(40) } });
    while (((await client.connection.sendRequest('diligence/stats')) as Stats).scheduled === 0);
    const exited = new Promise<number | null>((r) => client.child.once('exit', (code) => r(code)));
    await client.connection.sendRequest('shutdown');
    await client.connection.sendNotification('exit');
    assert.equal(await exited, 0);
    assert.equal(client.published.filter((p) => p.uri === URI).length, 0, 'shut down before the analysis ended');
  });
});

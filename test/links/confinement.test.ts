/**
 * Relative links in a repository someone else wrote: a committed symbolic link to /dev/zero, a
 * FIFO, `../../etc/passwd`, a symbolic link out of the workspace, a UNC path. Targets must be
 * regular files inside the workspace (or the document's repository), read with a byte cap;
 * anything else is "not checked", and nothing about a file outside is told (issue 20, items 1-3).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { linkRootsFor, nodeFileSystem } from '../../server/src/node/hostAdapters';
import { DEFAULT_CONFIG } from '../../server/src/service/config';
import { noCancellation } from '../../server/src/service/host';
import { createLinkChecker } from '../../server/src/service/links/checker';
import type { HttpClient } from '../../server/src/service/links/types';
import { analyseText } from '../../server/src/service/model/index';
import { startServer, type TestClient } from '../support/lspClient';

const noHttp: HttpClient = { request: () => Promise.reject(new Error('no request expected')) };

/** base/ws (the workspace, a git repository) and base/outside.md (a secret next to it) */
function makeTree(): { base: string; ws: string } {
  const base = mkdtempSync(join(tmpdir(), 'diligence-confine-'));
  const ws = join(base, 'ws');
  mkdirSync(join(ws, '.git'), { recursive: true });
  mkdirSync(join(ws, 'docs'));
  writeFileSync(join(ws, 'docs', 'guide.md'), '# Guide\n\n## Install\n');
  writeFileSync(join(base, 'outside.md'), '# Secret heading one\n\n## Secret heading two\n');
  symlinkSync('/dev/zero', join(ws, 'zero.md'));
  symlinkSync(join(base, 'outside.md'), join(ws, 'escape.md'));
  symlinkSync(base, join(ws, 'up'));
  symlinkSync(join(base, 'gone.md'), join(ws, 'dangling.md'));
  try {
    execFileSync('mkfifo', [join(ws, 'fifo.md')]);
  } catch {
    writeFileSync(join(ws, 'fifo.md'), '# not a fifo here\n');
  }
  // over the byte cap: the heading after it is not read, and its absence is not claimed
  writeFileSync(join(ws, 'big.md'), '# Big\n\n' + 'x'.repeat(6 * 1024 * 1024) + '\n\n## Far away\n');
  return { base, ws };
}

const DOC = [
  '# Acme Due Diligence',
  '',
  '## Governance',
  '',
  '- [x] **Crit.** [g](docs/guide.md#install) [z](zero.md#x) [z2](zero.md) [f](fifo.md#x) [p](../outside.md#secret-heading) [e](escape.md#secret) [u](up/outside.md#secret)',
  '  [n](up/nothing-here.md) [etc](../../../../../../../../etc/passwd) [d](dangling.md) [unc](\\\\\\\\evil-host\\\\share\\\\x.md) [b](big.md#far-away) [m](docs/missing.md)',
  '',
].join('\n');

describe('links: relative targets are confined to the workspace', function () {
  this.timeout(20_000);
  let tree: { base: string; ws: string };
  before(() => { tree = makeTree(); });
  after(() => rmSync(tree.base, { recursive: true, force: true }));

  it('checks regular files inside, and says "not checked" for devices, FIFOs, targets outside and other machines, without telling what is outside', async () => {
    const docUri = pathToFileURL(join(tree.ws, 'dd.md')).href;
    const roots = await linkRootsFor(docUri, [pathToFileURL(tree.ws).href]);
    const model = analyseText(DOC);
    const r = await createLinkChecker({ http: noHttp, files: nodeFileSystem }).check(model.links, { documentUri: docUri, config: DEFAULT_CONFIG, allowNetwork: false, roots }, noCancellation);
    const got = (url: string): string => (r.results.get(url)?.problems ?? []).map((p) => `${p.code}: ${p.message}`).join(' | ');
    assert.equal(got('docs/guide.md#install'), '');
    // /dev/zero is outside the workspace before it is a device
    assert.equal(got('zero.md#x'), 'link-not-checked: zero.md: outside the workspace, not checked.');
    assert.equal(got('zero.md'), 'link-not-checked: zero.md: outside the workspace, not checked.');
    assert.equal(got('fifo.md#x'), 'link-not-checked: fifo.md: not a regular file, not checked.');
    assert.equal(got('../outside.md#secret-heading'), 'link-not-checked: ../outside.md: outside the workspace, not checked.');
    assert.equal(got('escape.md#secret'), 'link-not-checked: escape.md: outside the workspace, not checked.');
    assert.equal(got('up/outside.md#secret'), 'link-not-checked: up/outside.md: outside the workspace, not checked.');
    assert.equal(got('up/nothing-here.md'), 'link-not-checked: up/nothing-here.md: outside the workspace, not checked.', 'no existence oracle through a linked folder');
    assert.equal(got('../../../../../../../../etc/passwd'), 'link-not-checked: ../../../../../../../../etc/passwd: outside the workspace, not checked.');
    assert.equal(got('dangling.md'), 'link-not-checked: dangling.md: not a regular file, not checked.');
    assert.match(got('\\\\evil-host\\share\\x.md'), /^link-not-checked: .*on another machine \(evil-host\), not checked\.$/);
    assert.equal(got('big.md#far-away'), '', 'a missing anchor past the byte cap is not claimed');
    assert.equal(got('docs/missing.md'), 'link-broken: docs/missing.md does not exist in the workspace.');
    const all = [...r.results.values()].flatMap((x) => x.problems.map((p) => p.message)).join('\n');
    assert.doesNotMatch(all, /Secret heading/i, 'nothing from a file outside');
  });

  it('a document outside every workspace folder may reach its repository, not beyond', async () => {
    const docUri = pathToFileURL(join(tree.ws, 'docs', 'dd.md')).href;
    assert.deepEqual(await linkRootsFor(docUri, []), [pathToFileURL(tree.ws).href]);
    assert.deepEqual(await linkRootsFor(docUri, ['file:///somewhere/else']), [pathToFileURL(tree.ws).href]);
  });

  it('over the real server, in Restricted Mode: eight links to /dev/zero and one out of the workspace get their hints, and the server stays up', async () => {
    let client: TestClient | undefined = startServer();
    try {
      await client.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: [{ uri: pathToFileURL(tree.ws).href, name: 'ws' }],
        capabilities: {},
        initializationOptions: { trusted: false, settings: { links: { enabled: true } } },
      });
      await client.connection.sendNotification('initialized', {});
      const uri = pathToFileURL(join(tree.ws, 'dd.md')).href;
      const text = `# Acme Due Diligence\n\n## Governance\n\n- [x] **Crit.** ${Array.from({ length: 8 }, (_, i) => `[z${i}](zero.md#a${i})`).join(' ')} [p](../outside.md#secret-heading) [etc](../../../../../../../etc/passwd#root)\n`;
      const done = client.diagnostics(uri, (d) => d.filter((x) => x.code === 'link-not-checked').length >= 10, 15_000);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const d: Diagnostic[] = await done;
      const hints = d.filter((x) => x.code === 'link-not-checked').map((x) => String(x.message));
      assert.equal(hints.filter((m) => m.startsWith('zero.md: outside the workspace')).length, 8);
      assert.equal(hints.filter((m) => m.includes('outside the workspace')).length, 10);
      assert.ok(d.every((x) => !String(x.message).includes('Secret')), 'nothing from outside the workspace');
      assert.equal(client.child.exitCode, null, `server alive; stderr: ${client.stderr()}`);
      await client.close();
      client = undefined;
    } finally {
      await client?.close();
    }
  });
});

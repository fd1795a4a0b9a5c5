/**
 * The Node server with a document of a virtual workspace (vscode-vfs://, a repository opened
 * without a clone): its relative links are checked through the client's file requests
 * (diligence/fsStat, fsReadFile), inside the workspace folder only, while file: documents still
 * read the disk; the interviews beside a due diligence are listed with diligence/fsReadDirectory
 * (its folder only, a bounded count).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FsReadDirectoryRequest, FsReadFileRequest, FsStatRequest } from '../../shared/protocol';
import { QUARKLE } from '../interviews/paths';
import { msg } from '../support/docs';
import { initialize, startServer, type TestClient } from '../support/lspClient';

const ROOT_URI = 'vscode-vfs://github/acme/acme';
const FILES = new Map<string, string>([[`${ROOT_URI}/GOVERNANCE.md`, '# Governance\n\n## Maintainers\n']]);

/** The client's answers to fsStat and fsReadFile from `files` (URI → text), each URI asked recorded. */
function answerFiles(c: Parameters<NonNullable<Parameters<typeof startServer>[1]>>[0], files: ReadonlyMap<string, string>, asked: string[]): void {
  c.onRequest(FsStatRequest.method, (p: { uri: string }) => {
    asked.push(p.uri);
    return files.has(p.uri) ? { type: 'file', size: files.get(p.uri)!.length } : null;
  });
  c.onRequest(FsReadFileRequest.method, (p: { uri: string; maxBytes: number }) => {
    asked.push(p.uri);
    const t = files.get(p.uri);
    return t === undefined ? null : { text: t.slice(0, p.maxBytes), truncated: t.length > p.maxBytes };
  });
}

describe('desktop server: a virtual workspace\'s files through the client', function () {
  this.timeout(30_000);
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.close();
  });

  it('checks relative links of a vscode-vfs document with the client\'s answers, asking nothing outside the folder', async () => {
    const asked: string[] = [];
    client = startServer(['--stdio'], (c) => {
      c.onRequest(FsStatRequest.method, (p: { uri: string }) => {
        asked.push(p.uri);
        return FILES.has(p.uri) ? { type: 'file', size: FILES.get(p.uri)!.length } : null;
      });
      c.onRequest(FsReadFileRequest.method, (p: { uri: string }) => {
        asked.push(p.uri);
        return FILES.has(p.uri) ? { text: FILES.get(p.uri)!, truncated: false } : null;
      });
    });
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: [{ uri: ROOT_URI, name: 'acme' }], initializationOptions: { settings: { links: { enabled: true } } } });
    await client.connection.sendNotification('initialized', {});
    const uri = `${ROOT_URI}/dd/probe-dd.md`;
    const links = ['../GOVERNANCE.md#maintainers', '../GOVERNANCE.md#nowhere', '../MISSING.md', '../../../../etc/passwd'].map((l, i) => `[e${i}](${l})`).join(', ');
    const text = `# Probe Incubation Due Diligence\n\n## Governance\n\n### Required\n\n- [x] **Document complete list of current maintainers.**\n\n  Evidence: ${links}.\n`;
    const checked = client.diagnostics(uri, (d) => d.some((x) => x.code === 'link-broken') && d.some((x) => x.code === 'link-fragment'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const diags = await checked;
    assert.deepEqual(diags.filter((d) => msg(d).includes('MISSING.md')).map((d) => d.code), ['link-broken']);
    assert.deepEqual(diags.filter((d) => msg(d).includes('#nowhere')).map((d) => d.code), ['link-fragment']);
    assert.ok(!diags.some((d) => msg(d).includes('#maintainers')), 'the heading exists');
    assert.ok(diags.some((d) => msg(d).includes('passwd') && msg(d).includes('outside the workspace')));
    assert.ok(asked.length > 0 && asked.every((u) => u.startsWith(`${ROOT_URI}/`)), `asked: ${asked.join(', ')}`);
  });

  it('a file: document still reads the disk: the client is asked nothing', async () => {
    let asked = 0;
    client = startServer(['--stdio'], (c) => {
      c.onRequest(FsStatRequest.method, () => { asked++; return null; });
      c.onRequest(FsReadFileRequest.method, () => { asked++; return null; });
    });
    await initialize(client, { initializationOptions: { settings: { links: { enabled: true } } } });
    const uri = 'file:///nonexistent-folder/probe-dd.md';
    const text = '# Probe Incubation Due Diligence\n\n## Governance\n\n### Required\n\n- [x] **Document complete list of current maintainers.**\n\n  Evidence: [e](./MISSING.md).\n';
    const checked = client.diagnostics(uri, (d) => d.some((x) => msg(x).includes('MISSING.md')));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await checked;
    assert.equal(asked, 0);
  });

  it('lists the interviews beside a vscode-vfs due diligence with fsReadDirectory: its folder only, a bounded count', async () => {
    const folder = `${ROOT_URI}/projects/quarkle`;
    const files = new Map(readdirSync(QUARKLE).map((n) => [`${folder}/${n}`, readFileSync(join(QUARKLE, n), 'utf8')]));
    const listed: Array<{ uri: string; maxEntries: number }> = [];
    const asked: string[] = [];
    client = startServer(['--stdio'], (c) => {
      answerFiles(c, files, asked);
      c.onRequest(FsReadDirectoryRequest.method, (p: { uri: string; maxEntries: number }) => {
        asked.push(p.uri);
        listed.push(p);
        return p.uri === folder ? { entries: [...files.keys()].map((u) => ({ name: u.slice(folder.length + 1), type: 'file' })), truncated: false } : null;
      });
    });
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: [{ uri: ROOT_URI, name: 'acme' }], initializationOptions: { settings: { links: { enabled: false } } } });
    await client.connection.sendNotification('initialized', {});
    const uri = `${folder}/quarkle-incubation-due-diligence.md`;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: files.get(uri)! } });
    await client.diagnostics(uri);
    const t = await client.connection.sendRequest('diligence/interviews', { uri }) as { rows: Array<{ fileName: string }>; held: number };
    assert.deepEqual(t.rows.map((r) => r.fileName).sort(), [...files.keys()].map((u) => u.slice(folder.length + 1)).filter((n) => n.includes('interview')).sort());
    assert.ok(listed.length > 0 && listed.every((l) => l.uri === folder && l.maxEntries > 0 && l.maxEntries <= 1000), `listed: ${JSON.stringify(listed)}`);
    assert.ok(asked.every((u) => u.startsWith(`${ROOT_URI}/`)), `asked: ${asked.join(', ')}`);
  });

  it('reads the .diligence.jsonc of a vscode-vfs workspace through the client: its severities apply to the document', async () => {
    const config = `${ROOT_URI}/.diligence.jsonc`;
    const files = new Map([[config, '{ "diagnostics": { "severity": { "placeholder": "error" } } }']]);
    const asked: string[] = [];
    client = startServer(['--stdio'], (c) => {
      answerFiles(c, files, asked);
    });
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: [{ uri: ROOT_URI, name: 'acme' }], initializationOptions: { settings: { links: { enabled: false } } } });
    await client.connection.sendNotification('initialized', {});
    const uri = `${ROOT_URI}/dd/probe-dd.md`;
    const text = '# Probe Incubation Due Diligence\n\n## Governance\n\n### Required\n\n- [x] **Document complete list of current maintainers.**\n\n  Evidence: $TOCMEMBER checked it.\n';
    const raised = client.diagnostics(uri, (d) => d.some((x) => x.code === 'placeholder' && x.severity === 1));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await raised;
    assert.ok(asked.includes(config), `asked: ${asked.join(', ')}`);
    assert.ok(asked.every((u) => u.startsWith(`${ROOT_URI}/`)), `asked: ${asked.join(', ')}`);
  });
});

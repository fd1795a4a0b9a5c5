/**
 * The repository's configuration file over the protocol, with the real server: found upward
 * from an open document, merged under the user's settings, read again when the client says it
 * changed (workspace/didChangeWatchedFiles); a broken file is a diagnostic on it, never a crash.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { msg, SMALL } from '../support/docs';
import { startServer, type TestClient } from '../support/lspClient';

const ERROR = 1;
const INFORMATION = 3;
const FILE_CHANGED = 2;
const NOTES = '# Notes\n\nNothing of a review here.\n';

describe('configuration file (.diligence.jsonc) over the protocol', function () {
  this.timeout(30_000);
  let client: TestClient;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'diligence-config-'));
    mkdirSync(join(dir, 'projects', 'acme'), { recursive: true });
  });
  afterEach(async () => {
    await client?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (settings: object = { links: { enabled: false } }, trusted = true, folder = dir): Promise<void> => {
    client = startServer();
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).toString(),
      workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'repo' }],
      capabilities: {},
      initializationOptions: { settings, trusted },
    });
    await client.connection.sendNotification('initialized', {});
  };
  const open = (uri: string, text = SMALL) => client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const changed = (path: string) => client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path).toString(), type: FILE_CHANGED }] });
  const todos = (d: Diagnostic[]) => d.filter((x) => x.code === 'todo');

  it('a broken file is a diagnostic on it; fixed on disk, its severities apply to the open document; changed again, again', async () => {
    const config = join(dir, '.diligence.jsonc');
    const configUri = pathToFileURL(config).toString();
    writeFileSync(config, '{\n  // severities of this repository\n  "diagnostics": { "severity": { "todo": "error", }\n');
    const doc = pathToFileURL(join(dir, 'projects', 'acme', 'acme-dd.md')).toString();
    await start();
    const broken = client.diagnostics(configUri, (d) => d.length > 0);
    const first = client.diagnostics(doc, (d) => todos(d).length > 0);
    await open(doc);
    const problems = await broken;
    assert.equal(problems[0]!.severity, ERROR);
    assert.match(msg(problems[0]!), /not valid JSON.*not used/);
    // the file is not used: the default severity
    assert.ok(todos(await first).every((d) => d.severity === INFORMATION));

    writeFileSync(config, '{\n  // severities of this repository\n  "diagnostics": { "severity": { "todo": "error", } },\n}\n');
    const fixed = client.diagnostics(configUri, (d) => d.length === 0);
    const asError = client.diagnostics(doc, (d) => todos(d).length > 0 && todos(d).every((x) => x.severity === ERROR));
    await changed(config);
    await fixed;
    await asError;

    writeFileSync(config, '{ "diagnostics": { "severity": { "todo": "off" } } }');
    const off = client.diagnostics(doc, (d) => d.length > 0 && todos(d).length === 0);
    await changed(config);
    await off;
    assert.equal(client.child.exitCode, null);
  });

  it('the user\'s settings win over the file; its files globs make a document a due diligence', async () => {
    writeFileSync(join(dir, '.diligence.json'), JSON.stringify({ files: ['**/notes.md'], diagnostics: { severity: { 'todo': 'error', 'placeholder': 'off' } } }));
    const doc = pathToFileURL(join(dir, 'projects', 'acme', 'acme-dd.md')).toString();
    await start({ links: { enabled: false }, diagnostics: { severity: { todo: 'hint' } } });
    const applied = client.diagnostics(doc, (d) => todos(d).length > 0 && !d.some((x) => x.code === 'placeholder'));
    await open(doc);
    // todo: the user's hint (4); placeholder: off from the file
    assert.ok(todos(await applied).every((d) => d.severity === 4));
    // the file's "files" makes notes.md a due diligence (trusted workspace)
    const notes = pathToFileURL(join(dir, 'notes.md')).toString();
    const flagged = client.diagnostics(notes, (d) => d.length > 0);
    await open(notes, NOTES);
    assert.ok((await flagged).some((d) => d.code === 'no-checklist'));
  });

  it('in an untrusted workspace the restricted keys of the file do not count, the others do', async () => {
    writeFileSync(join(dir, '.diligence.jsonc'), JSON.stringify({ files: ['**/notes.md'], diagnostics: { severity: { todo: 'error' } } }));
    const notes = pathToFileURL(join(dir, 'notes.md')).toString();
    const doc = pathToFileURL(join(dir, 'projects', 'acme', 'acme-dd.md')).toString();
    await start({ links: { enabled: false } }, false);
    const asError = client.diagnostics(doc, (d) => todos(d).length > 0 && todos(d).every((x) => x.severity === ERROR));
    await open(doc);
    await asError;
    // notes.md would be a due diligence by the file's "files": untrusted, it is not
    const notesPublished = client.diagnostics(notes);
    await open(notes, NOTES);
    assert.deepEqual(await notesPublished, []);
    // and after its look-up has long ended, still not
    const again = client.diagnostics(notes, (_d, v) => v === 2);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: notes, version: 2 }, contentChanges: [{ text: `${NOTES}More.\n` }] });
    assert.deepEqual(await again, []);
  });

  it('a file above the workspace folder is not read', async () => {
    writeFileSync(join(dir, '.diligence.jsonc'), JSON.stringify({ diagnostics: { severity: { todo: 'off' } } }));
    const folder = join(dir, 'projects');
    const doc = pathToFileURL(join(folder, 'acme', 'acme-dd.md')).toString();
    await start({ links: { enabled: false } }, true, folder);
    const first = client.diagnostics(doc);
    await open(doc);
    assert.ok(todos(await first).length > 0);
    const again = client.diagnostics(doc, (_d, v) => v === 2);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: doc, version: 2 }, contentChanges: [{ text: `${SMALL}\n` }] });
    assert.ok(todos(await again).length > 0);
  });

  it('asks a client that can register it (not ours, whose extension watches them) to watch the configuration files', async () => {
    const registrations: Array<{ method: string; registerOptions?: { watchers?: Array<{ globPattern: string }> } }> = [];
    let registered!: () => void;
    const watched = new Promise<void>((resolve) => { registered = resolve; });
    client = startServer(['--stdio'], (c) => c.onRequest('client/registerCapability', (p: { registrations: typeof registrations }) => {
      registrations.push(...p.registrations);
      if (registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles')) registered();
      return null;
    }));
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
    await client.connection.sendNotification('initialized', {});
    await watched;
    const r = registrations.find((x) => x.method === 'workspace/didChangeWatchedFiles')!;
    assert.deepEqual(r.registerOptions?.watchers, [{ globPattern: '**/.diligence.{json,jsonc}' }]);
  });
});

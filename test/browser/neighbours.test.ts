/**
 * A document's neighbours in the browser build (dist/browser/server.js in a context with web
 * globals only): the repository's `.diligence.jsonc` and the adopter interviews beside a due
 * diligence, read through the client's file requests (fsStat, fsReadFile, fsReadDirectory),
 * give the same diagnostics as the Node server reading the same files from the disk; nothing is
 * asked outside the workspace folder, and a configuration file above it is not read.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TOC_FIXTURE } from '../interviews/paths';
import { msg } from '../support/docs';
import { startBrowserServer, type BrowserTestClient, type Workspace } from '../support/browserServer';
import { startServer, type TestClient } from '../support/lspClient';

const ROOT_URI = 'vscode-vfs://github/cncf/toc';
const DD = 'projects/quarkle/quarkle-incubation-due-diligence.md';
const CONFIG = '{\n  // this repository\'s severities\n  "diagnostics": { "severity": { "interviews-too-few": "error", "placeholder": "error" } },\n}\n';

const key = (d: Diagnostic): string => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${String(d.code)} ${msg(d)}`;

/** every file under `dir` as URIs below ROOT_URI */
function asWorkspace(dir: string): Workspace {
  const out: Workspace = new Map();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(`${ROOT_URI}/${relative(dir, p).split(sep).map(encodeURIComponent).join('/')}`, readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

describe('the browser build: configuration files and interviews through the client', function () {
  this.timeout(60_000);
  let dir: string;
  let browser: BrowserTestClient | undefined;
  let node: TestClient | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'diligence-neighbours-'));
    cpSync(TOC_FIXTURE, dir, { recursive: true });
    writeFileSync(join(dir, '.diligence.jsonc'), CONFIG);
    // two interviews held of the three needed: the due diligence says one is missing
    rmSync(join(dir, 'projects', 'quarkle', 'quarkle-adopter-interview-borealis.md'));
  });
  afterEach(async () => {
    await browser?.close();
    await node?.close();
    browser = undefined;
    node = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const initialize = async (connection: BrowserTestClient['connection'], root: string): Promise<void> => {
    await connection.sendRequest('initialize', {
      processId: null,
      rootUri: root,
      capabilities: {},
      workspaceFolders: [{ uri: root, name: 'toc' }],
      initializationOptions: { clientNotifications: true, settings: { links: { enabled: false } } },
    });
    await connection.sendNotification('initialized', {});
  };
  const open = (connection: BrowserTestClient['connection'], uri: string, text: string): Promise<void> =>
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });

  /** the due diligence's diagnostics once the configuration file counts (interviews-too-few an error) */
  const settled = (d: Diagnostic[]): boolean => d.some((x) => x.code === 'interviews-too-few' && x.severity === 1);

  it('gives the Node server\'s diagnostics on the due diligence: the file\'s severities, the interviews beside it', async () => {
    const text = readFileSync(join(dir, DD), 'utf8');
    node = startServer();
    await initialize(node.connection, pathToFileURL(dir).toString());
    const nodeUri = pathToFileURL(join(dir, DD)).toString();
    const fromNode = node.diagnostics(nodeUri, settled);
    await open(node.connection, nodeUri, text);
    const expected = (await fromNode).map(key).sort();

    const workspace = asWorkspace(dir);
    browser = startBrowserServer(workspace);
    await initialize(browser.connection, ROOT_URI);
    const uri = `${ROOT_URI}/${DD}`;
    let last: string[] = [];
    const same = browser.diagnostics(uri, (d) => {
      last = d.map(key).sort();
      return JSON.stringify(last) === JSON.stringify(expected);
    }, 20_000);
    await open(browser.connection, uri, text);
    await same.catch(() => assert.deepEqual(last, expected));

    // what the files did: the interviews count (one too few, two held of three) and the severities are the file's
    assert.ok(expected.some((k) => k.includes(' 1 interviews-too-few ')), `interviews-too-few as an error: ${expected.join('\n')}`);
    assert.ok(expected.some((k) => k.includes(' 1 placeholder ')) && !expected.some((k) => / [234] placeholder /.test(k)), 'placeholders raised to errors');
    // the tracker (diligence/interviews) lists the same files
    type Tracker = { rows: Array<{ fileName: string; state: string }>; held: number };
    const rows = (t: Tracker): string[] => t.rows.map((r) => `${r.fileName} ${r.state}`);
    const [bt, nt] = await Promise.all([browser.connection.sendRequest('diligence/interviews', { uri }), node.connection.sendRequest('diligence/interviews', { uri: nodeUri })]) as [Tracker, Tracker];
    assert.equal(nt.held, 2);
    assert.deepEqual(rows(bt), rows(nt));
    const asked = browser.fileRequests;
    assert.ok(asked.some((r) => r.method === 'readDirectory' && r.uri === `${ROOT_URI}/projects/quarkle`), 'the folder was listed through the client');
    assert.ok(asked.some((r) => r.method === 'readFile' && r.uri === `${ROOT_URI}/.diligence.jsonc`), 'the configuration file was read through the client');
    assert.ok(asked.every((r) => r.uri === ROOT_URI || r.uri.startsWith(`${ROOT_URI}/`)), `nothing asked outside the workspace folder: ${JSON.stringify(asked)}`);
  });

  it('without them (no configuration file, no interviews), the diagnostics differ: the test above is not vacuous', async () => {
    const text = readFileSync(join(dir, DD), 'utf8');
    const bare: Workspace = new Map([[`${ROOT_URI}/${DD}`, text]]);
    browser = startBrowserServer(bare);
    await initialize(browser.connection, ROOT_URI);
    const uri = `${ROOT_URI}/${DD}`;
    const first = browser.diagnostics(uri);
    await open(browser.connection, uri, text);
    const d = await first;
    assert.ok(!d.some((x) => x.code === 'interviews-too-few' && x.severity === 1), 'not an error without the file');
    assert.ok(d.some((x) => x.code === 'placeholder' && x.severity !== 1), 'placeholders at their own severity');
  });

  it('a configuration file above the workspace folder is not asked for; a broken one inside is a diagnostic on it', async () => {
    const inner = `${ROOT_URI}/projects`;
    const workspace: Workspace = new Map([
      [`${ROOT_URI}/.diligence.jsonc`, CONFIG],
      [`${inner}/.diligence.json`, '{ "diagnostics": '],
      [`${inner}/quarkle/dd.md`, readFileSync(join(dir, DD), 'utf8')],
    ]);
    browser = startBrowserServer(workspace);
    await initialize(browser.connection, inner);
    const broken = browser.diagnostics(`${inner}/.diligence.json`, (d) => d.length > 0);
    await open(browser.connection, `${inner}/quarkle/dd.md`, readFileSync(join(dir, DD), 'utf8'));
    const problems = await broken;
    assert.match(msg(problems[0]!), /not used/);
    assert.ok(!browser.fileRequests.some((r) => r.uri === `${ROOT_URI}/.diligence.jsonc`), 'the folder above is not looked in');
  });
});

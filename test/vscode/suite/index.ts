/**
 * Runs inside VS Code's extension host (bundled to dist/test/vscode-suite.cjs by runTest.mjs).
 * Waits on events, never on fixed sleeps.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { DiligenceApi } from '../../../client/src/extension';

const EXTENSION_ID = 'diligence.diligence';

type ShownStatus = ReturnType<DiligenceApi['status']>;

function waitForDiagnostics(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'diligence');
      if (!predicate(d)) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(d);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error('diagnostics did not arrive'));
    }, timeoutMs);
    check();
  });
}

/** Resolves when the extension's status bar item satisfies the predicate, checked on status and editor events. */
function waitForStatus(api: DiligenceApi, predicate: (s: ShownStatus) => boolean, timeoutMs = 30_000): Promise<ShownStatus> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const s = api.status();
      if (!predicate(s)) return;
      for (const d of subs) d.dispose();
      clearTimeout(timer);
      resolve(s);
    };
    // the item updates in the same listeners: look once they have run
    const subs = [api.onDidChangeStatus(() => setImmediate(check)), vscode.window.onDidChangeActiveTextEditor(() => setImmediate(check))];
    const timer = setTimeout(() => {
      for (const d of subs) d.dispose();
      reject(new Error(`the status bar did not reach the expected state; it shows ${JSON.stringify(api.status())}`));
    }, timeoutMs);
    check();
  });
}

function suite(): Mocha {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000 });
  mocha.suite.emit('pre-require', globalThis, 'vscode', mocha);
  describe('Diligence in VS Code', () => {
    let doc: vscode.TextDocument;
    let api: DiligenceApi;
    before(async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'a workspace folder');
      doc = await vscode.workspace.openTextDocument(path.join(folder.uri.fsPath, 'acme-incubation-due-diligence.md'));
      await vscode.window.showTextDocument(doc);
      const ext = vscode.extensions.getExtension<DiligenceApi>(EXTENSION_ID);
      assert.ok(ext, 'the extension is installed');
      api = await ext.activate();
      // activate returns at once; the server starts in the background
      await api.started;
    });

    it('publishes diagnostics of several codes', async () => {
      const d = await waitForDiagnostics(doc.uri, (x) => x.length > 10);
      const codes = new Set(d.map((x) => x.code));
      for (const c of ['placeholder', 'todo', 'required-unmet', 'link-malformed']) assert.ok(codes.has(c), c);
    });

    it('hovers a criterion', async () => {
      const line = doc.getText().split('\n').findIndex((l) => l.includes('**Code and Doc ownership'));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 10));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /Criterion\*\* · Governance and Maintainers · Required/);
    });

    it('shows level and readiness in the status bar, and follows edits', async () => {
      const s = await waitForStatus(api, (x) => x.visible && x.uri === doc.uri.toString());
      assert.match(s.text, /^Incubation · Required \d+\/\d+ · \d+ TODOs?$/);
      const status = api.documentStatus(doc.uri.toString());
      assert.ok(status?.isDiligenceDocument && !status.tooLarge);
      assert.equal(s.text, `Incubation · Required ${status.required.met}/${status.required.total} · ${status.openTodos} TODO${status.openTodos === 1 ? '' : 's'}`);
      const before = status.openTodos;
      // resolving a TODO lowers the count shown, through the server's notification
      const todo = doc.getText().indexOf('**TODO for ');
      const editor = await vscode.window.showTextDocument(doc);
      assert.ok(await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(todo), doc.positionAt(todo + '**TODO'.length)), '**DONE')));
      const after = await waitForStatus(api, (x) => x.text.endsWith(`· ${before - 1} TODO${before - 1 === 1 ? '' : 's'}`));
      assert.ok(after.visible);
      await vscode.commands.executeCommand('undo');
    });

    it('hides the status bar for markdown that is not a due-diligence document', async () => {
      const plain = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Notes\n\nNothing to review.\n' });
      await vscode.window.showTextDocument(plain);
      await waitForStatus(api, (x) => !x.visible && x.uri === plain.uri.toString());
      await vscode.window.showTextDocument(doc);
      await waitForStatus(api, (x) => x.visible && x.uri === doc.uri.toString());
    });

    it('applies a placeholder quick fix', async () => {
      const withLevel = await waitForDiagnostics(doc.uri, (x) => x.some((y) => y.message.includes('$LEVEL')));
      const d = withLevel.find((y) => y.message.includes('$LEVEL'))!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
      const fill = actions.find((a) => a.title === 'Fill $LEVEL with "Incubation"');
      assert.ok(fill?.edit, 'fill action');
      const before = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.message.includes('$LEVEL')).length;
      assert.ok(await vscode.workspace.applyEdit(fill.edit));
      await waitForDiagnostics(doc.uri, (x) => x.filter((y) => y.message.includes('$LEVEL')).length === before - 1);
    });

    it('opens the readiness report page (the status bar command) and the markdown report', async () => {
      assert.ok(api.status().visible);
      await vscode.commands.executeCommand('diligence.showReport', doc.uri.toString());
      assert.ok(api.openReports().includes('Readiness: acme-incubation-due-diligence.md'), JSON.stringify(api.openReports()));
      await vscode.commands.executeCommand('diligence.showReportMarkdown', doc.uri);
      const report = vscode.workspace.textDocuments.find((t) => t.getText().startsWith('# Readiness:'));
      assert.ok(report, 'markdown report opened');
    });

    it('restarts the server on command and gets the status back', async () => {
      await vscode.commands.executeCommand('diligence.restartServer');
      await vscode.window.showTextDocument(doc);
      await waitForStatus(api, (x) => x.visible && x.uri === doc.uri.toString());
    });
  });
  return mocha;
}

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    suite().run((failures) => (failures ? reject(new Error(`${failures} failed`)) : resolve()));
  });
}

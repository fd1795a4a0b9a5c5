// Runs inside VS Code's extension host. Waits on events, never on fixed sleeps.
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');
const Mocha = require('mocha');

function waitForDiagnostics(uri, predicate, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'diligence');
      if (predicate(d)) { sub.dispose(); clearTimeout(timer); resolve(d); return true; }
      return false;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => { if (e.uris.some((u) => u.toString() === uri.toString())) check(); });
    const timer = setTimeout(() => { sub.dispose(); reject(new Error('diagnostics did not arrive')); }, timeoutMs);
    check();
  });
}

function suite() {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000 });
  mocha.suite.emit('pre-require', global, 'vscode', mocha);
  describe('Diligence in VS Code', () => {
    let doc;
    before(async () => {
      const file = path.join(vscode.workspace.workspaceFolders[0].uri.fsPath, 'acme-incubation-due-diligence.md');
      doc = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(doc);
    });
    it('publishes diagnostics of several codes', async () => {
      const d = await waitForDiagnostics(doc.uri, (x) => x.length > 10);
      const codes = new Set(d.map((x) => x.code));
      for (const c of ['placeholder', 'todo', 'required-unmet', 'link-malformed']) assert.ok(codes.has(c), c);
    });
    it('hovers a criterion', async () => {
      const line = doc.getText().split('\n').findIndex((l) => l.includes('**Code and Doc ownership'));
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 10));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /Criterion\*\* · Governance and Maintainers · Required/);
    });
    it('applies a placeholder quick fix', async () => {
      const d = (await waitForDiagnostics(doc.uri, (x) => x.some((y) => y.message.includes('$LEVEL')))).find((y) => y.message.includes('$LEVEL'));
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, d.range);
      const fill = actions.find((a) => a.title === 'Fill $LEVEL with "Incubation"');
      assert.ok(fill, 'fill action');
      const before = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.message.includes('$LEVEL')).length;
      assert.ok(await vscode.workspace.applyEdit(fill.edit));
      await waitForDiagnostics(doc.uri, (x) => x.filter((y) => y.message.includes('$LEVEL')).length === before - 1);
    });
    it('runs the report command', async () => {
      await vscode.commands.executeCommand('diligence.showReport');
      const report = vscode.workspace.textDocuments.find((t) => t.getText().startsWith('# Readiness:'));
      assert.ok(report, 'report opened');
    });
  });
  return mocha;
}

exports.run = function run() {
  return new Promise((resolve, reject) => {
    suite().run((failures) => (failures ? reject(new Error(`${failures} failed`)) : resolve()));
  });
};

/**
 * Command "Copy TODOs for Owner…": pick an owner of open TODOs, copy their TODOs as a markdown
 * list (each linking back to its line) to the clipboard. The list is built by the server.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TodoOwnersRequest, TodosForOwnerRequest } from './protocol';

export function registerTodoCommands(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  context.subscriptions.push(vscode.commands.registerCommand('diligence.copyTodos', async (uri?: unknown, owner?: unknown) => {
    const target = typeof uri === 'string' ? uri : vscode.window.activeTextEditor?.document.uri.toString();
    const client = getClient();
    if (!target || !client) return;
    try {
      const { owners } = await client.sendRequest(TodoOwnersRequest, { uri: target });
      if (owners.length === 0) {
        void vscode.window.showInformationMessage('Diligence: this document has no open TODO.');
        return;
      }
      const picked = typeof owner === 'string'
        ? owner
        : (await vscode.window.showQuickPick(
          owners.map((o) => ({ label: o.owner, description: `${o.count} open TODO${o.count === 1 ? '' : 's'}` })),
          { placeHolder: 'Copy the open TODOs of…', matchOnDescription: false },
        ))?.label;
      if (!picked) return;
      const res = await client.sendRequest(TodosForOwnerRequest, { uri: target, owner: picked });
      if (!res) {
        void vscode.window.showInformationMessage('Diligence: this document is too large to analyse.');
        return;
      }
      await vscode.env.clipboard.writeText(res.markdown);
      void vscode.window.showInformationMessage(`Diligence: copied ${res.count} open TODO${res.count === 1 ? '' : 's'} for ${res.owner} to the clipboard.`);
    } catch (e) {
      void vscode.window.showErrorMessage(`Diligence: could not list the TODOs: ${e instanceof Error ? e.message : String(e)}`);
    }
  }));
}

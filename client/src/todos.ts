/**
 * Command "Copy TODOs for Owner…": pick an owner of open TODOs, copy their TODOs as a markdown
 * list to the clipboard, each linking to its line in the document on GitHub (from the git remote
 * and branch) or to nothing. The list is built by the server.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { Register } from './commands';
import { githubBlobUrl } from './format';
import { TodoOwnersRequest, TodosForOwnerRequest } from './protocol';

/** The little of the built-in git extension's API used here. */
interface GitRepository {
  rootUri: vscode.Uri;
  state: { HEAD?: { name?: string; upstream?: { remote: string; name: string } }; remotes: Array<{ name: string; fetchUrl?: string; pushUrl?: string }> };
}
interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
}

/** `u`'s path below `root` ('..' when it is not below: no link), with URI paths (no Node path in the browser build). */
function relativePath(root: vscode.Uri, u: vscode.Uri): string {
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return u.path.startsWith(base) ? u.path.slice(base.length) : '..';
}

/** The document on GitHub, from its repository's remote and branch (the upstream's when set). */
async function documentOnGitHub(uri: string): Promise<string | undefined> {
  try {
    const u = vscode.Uri.parse(uri);
    if (u.scheme !== 'file') return undefined;
    const ext = vscode.extensions.getExtension<{ getAPI(v: 1): GitApi }>('vscode.git');
    if (!ext) return undefined;
    const git = (ext.isActive ? ext.exports : await ext.activate()).getAPI(1);
    const repo = git.getRepository(u);
    if (!repo) return undefined;
    const head = repo.state.HEAD;
    const remote = repo.state.remotes.find((r) => r.name === (head?.upstream?.remote ?? 'origin')) ?? repo.state.remotes[0];
    return githubBlobUrl(remote?.fetchUrl ?? remote?.pushUrl, head?.upstream?.name ?? head?.name, relativePath(repo.rootUri, u));
  } catch {
    // git disabled or not available: no link
    return undefined;
  }
}

export function registerTodoCommands(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined, target: (uri?: string) => string | undefined, register: Register): void {
  context.subscriptions.push(register('diligence.copyTodos', async (uri?: unknown, owner?: unknown) => {
    const doc = target(typeof uri === 'string' ? uri : undefined);
    const client = getClient();
    if (!doc || !client) return;
    try {
      const { owners } = await client.sendRequest(TodoOwnersRequest, { uri: doc });
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
      // links go to the document on GitHub, or nowhere: never to the reviewer's disk
      const linkBase = await documentOnGitHub(doc);
      const res = await client.sendRequest(TodosForOwnerRequest, { uri: doc, owner: picked, ...(linkBase ? { linkBase } : {}) });
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

/**
 * The server's file requests (shared/protocol.ts `diligence/fs…`) in the browser and for virtual
 * workspaces, answered from vscode.workspace.fs by fileAnswers.ts: reads and folder listings
 * inside the workspace folders and the global storage only, writes (the caches) in the global
 * storage only, no symbolic link followed, every answer bounded.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { fileAnswers } from './fileAnswers';
import { FsReadDirectoryRequest, FsReadFileRequest, FsStatRequest, FsWriteFileRequest } from './protocol';

export function registerFileRequests(client: BaseLanguageClient, context: vscode.ExtensionContext): vscode.Disposable {
  const answers = fileAnswers({
    Uri: vscode.Uri,
    FileType: vscode.FileType,
    fs: vscode.workspace.fs,
    folders: () => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri),
    storage: context.globalStorageUri,
  });
  return vscode.Disposable.from(
    client.onRequest(FsStatRequest, (p) => answers.stat(p)),
    client.onRequest(FsReadFileRequest, (p) => answers.readFile(p)),
    client.onRequest(FsReadDirectoryRequest, (p) => answers.readDirectory(p)),
    client.onRequest(FsWriteFileRequest, (p) => answers.writeFile(p)),
  );
}

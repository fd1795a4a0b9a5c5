/**
 * The server's file requests in the browser (shared/protocol.ts `diligence/fs…`), answered from
 * vscode.workspace.fs — the pattern of VS Code's own markdown language server. Reads only inside
 * the workspace folders and the extension's global storage; writes (the caches) only in the
 * global storage. Symbolic links are not followed (their target could be anywhere), and every
 * read is bounded.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { FsStat } from '../../shared/protocol';
import { FsReadFileRequest, FsStatRequest, FsWriteFileRequest } from './protocol';

/** the largest file read at all (a larger one answers as truncated, empty) */
const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** the largest cache written */
const MAX_WRITE_CHARS = 20 * 1024 * 1024;

/** the URI with its dot segments resolved (`a/../../b`), what both the check and the read use */
function normalized(raw: string): vscode.Uri | undefined {
  try {
    return vscode.Uri.joinPath(vscode.Uri.parse(raw, true), '.');
  } catch {
    return undefined;
  }
}

/** `uri` (normalized) is `root` or below it: same scheme and authority, the path under the root's */
export function isInside(uri: vscode.Uri, root: vscode.Uri): boolean {
  if (uri.scheme !== root.scheme || uri.authority.toLowerCase() !== root.authority.toLowerCase()) return false;
  const path = uri.path.replace(/\/$/, '');
  const base = root.path.replace(/\/$/, '');
  return path === base || path.startsWith(`${base}/`);
}

function refuse(uri: string): never {
  throw new Error(`Diligence reads only inside the workspace: ${uri} is outside`);
}

export function registerFileRequests(client: BaseLanguageClient, context: vscode.ExtensionContext): vscode.Disposable {
  const storage = context.globalStorageUri;
  const readable = (raw: string): vscode.Uri => {
    const uri = normalized(raw);
    if (!uri) return refuse(raw);
    const roots = [...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri), storage];
    return roots.some((r) => isInside(uri, r)) ? uri : refuse(raw);
  };
  const stat = async (uri: vscode.Uri): Promise<vscode.FileStat | undefined> => {
    try {
      return await vscode.workspace.fs.stat(uri);
    } catch {
      return undefined;
    }
  };
  const kind = (s: vscode.FileStat): FsStat['type'] =>
    (s.type & vscode.FileType.SymbolicLink) !== 0 ? 'other' : s.type === vscode.FileType.File ? 'file' : s.type === vscode.FileType.Directory ? 'directory' : 'other';

  const disposables = [
    client.onRequest(FsStatRequest, async (p) => {
      const s = await stat(readable(p.uri));
      return s ? { type: kind(s), size: s.size } : null;
    }),
    client.onRequest(FsReadFileRequest, async (p) => {
      const uri = readable(p.uri);
      const s = await stat(uri);
      if (!s || kind(s) !== 'file') return null;
      const max = Math.max(0, Math.min(p.maxBytes, MAX_FILE_BYTES));
      if (s.size > MAX_FILE_BYTES) return { text: '', truncated: true };
      const bytes = await vscode.workspace.fs.readFile(uri);
      return { text: new TextDecoder().decode(bytes.subarray(0, max)), truncated: bytes.length > max };
    }),
    client.onRequest(FsWriteFileRequest, async (p) => {
      const uri = normalized(p.uri);
      if (!uri || !isInside(uri, storage) || typeof p.text !== 'string' || p.text.length > MAX_WRITE_CHARS) throw new Error(`Diligence writes only its caches, in its storage: not ${p.uri}`);
      await vscode.workspace.fs.createDirectory(storage);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(p.text));
    }),
  ];
  return vscode.Disposable.from(...disposables);
}

/**
 * The answers to the server's file requests (shared/protocol.ts `diligence/fs…`), from
 * vscode.workspace.fs — the pattern of VS Code's own markdown language server. Reads and
 * listings only inside the workspace folders and the extension's global storage; writes (the
 * caches) only in the global storage. Symbolic links are not followed (their target could be
 * anywhere), and every read and listing is bounded. The editor's API comes in as a parameter
 * (fileRequests.ts gives the real one), so that the unit tests can give a workspace of their own.
 */
import type * as vscode from 'vscode';
import type { FsDirectoryEntry, FsStat } from '../../shared/protocol';

/** the largest file read at all (a larger one answers as truncated, empty) */
const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** the largest cache written */
const MAX_WRITE_CHARS = 20 * 1024 * 1024;
/** the most entries of a folder answered, whatever the server asks */
export const MAX_DIRECTORY_ENTRIES = 1000;

/** What of the editor's API the answers use. */
export interface FileApi {
  Uri: Pick<typeof vscode.Uri, 'parse' | 'joinPath'>;
  FileType: Pick<typeof vscode.FileType, 'File' | 'Directory' | 'SymbolicLink'>;
  fs: Pick<vscode.FileSystem, 'stat' | 'readFile' | 'readDirectory' | 'writeFile' | 'createDirectory'>;
  /** the workspace folders now */
  folders(): readonly vscode.Uri[];
  /** the extension's global storage */
  storage: vscode.Uri;
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

export interface FileAnswers {
  stat(p: { uri: string }): Promise<FsStat | null>;
  readFile(p: { uri: string; maxBytes: number }): Promise<{ text: string; truncated: boolean } | null>;
  readDirectory(p: { uri: string; maxEntries: number }): Promise<{ entries: FsDirectoryEntry[]; truncated: boolean } | null>;
  writeFile(p: { uri: string; text: string }): Promise<void>;
}

export function fileAnswers(api: FileApi): FileAnswers {
  /** the URI with its dot segments resolved (`a/../../b`), what both the check and the read use */
  const normalized = (raw: string): vscode.Uri | undefined => {
    try {
      return api.Uri.joinPath(api.Uri.parse(raw, true), '.');
    } catch {
      return undefined;
    }
  };
  const readable = (raw: unknown): vscode.Uri => {
    const uri = typeof raw === 'string' ? normalized(raw) : undefined;
    if (!uri) return refuse(String(raw));
    return [...api.folders(), api.storage].some((r) => isInside(uri, r)) ? uri : refuse(String(raw));
  };
  const stat = async (uri: vscode.Uri): Promise<vscode.FileStat | undefined> => {
    try {
      return await api.fs.stat(uri);
    } catch {
      return undefined;
    }
  };
  const kind = (type: vscode.FileType): FsStat['type'] =>
    (type & api.FileType.SymbolicLink) !== 0 ? 'other' : type === api.FileType.File ? 'file' : type === api.FileType.Directory ? 'directory' : 'other';

  return {
    async stat(p) {
      const s = await stat(readable(p.uri));
      return s ? { type: kind(s.type), size: s.size } : null;
    },
    async readFile(p) {
      const uri = readable(p.uri);
      const s = await stat(uri);
      if (!s || kind(s.type) !== 'file') return null;
      const max = Math.max(0, Math.min(Number(p.maxBytes) || 0, MAX_FILE_BYTES));
      if (s.size > MAX_FILE_BYTES) return { text: '', truncated: true };
      const bytes = await api.fs.readFile(uri);
      return { text: new TextDecoder().decode(bytes.subarray(0, max)), truncated: bytes.length > max };
    },
    async readDirectory(p) {
      const uri = readable(p.uri);
      const s = await stat(uri);
      if (!s || kind(s.type) !== 'directory') return null;
      const max = Math.max(0, Math.min(Math.floor(Number(p.maxEntries) || 0), MAX_DIRECTORY_ENTRIES));
      const all = await api.fs.readDirectory(uri);
      // names and types only: what a file holds is asked for one file at a time, confined again
      const entries = all.slice(0, max).map(([name, type]) => ({ name, type: kind(type) }));
      return { entries, truncated: all.length > max };
    },
    async writeFile(p) {
      const uri = typeof p.uri === 'string' ? normalized(p.uri) : undefined;
      if (!uri || !isInside(uri, api.storage) || typeof p.text !== 'string' || p.text.length > MAX_WRITE_CHARS) throw new Error(`Diligence writes only its caches, in its storage: not ${String(p.uri)}`);
      await api.fs.createDirectory(api.storage);
      await api.fs.writeFile(uri, new TextEncoder().encode(p.text));
    },
  };
}

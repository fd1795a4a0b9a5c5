/**
 * The workspace's files through the client: every read is a request to the client, which answers
 * from vscode.workspace.fs inside the workspace folders only (client/src/fileRequests.ts) — all
 * files in a web worker, the documents of virtual workspaces (vscode-vfs://…) on the desktop. Here a
 * relative link's target is confined lexically first: nothing is asked about a path outside the
 * roots, so the client's answers are no oracle for files elsewhere.
 */
import type { Connection } from 'vscode-languageserver';
import { FsReadDirectoryRequest, FsReadFileRequest, FsStatRequest, FsWriteFileRequest } from '../../../shared/protocol';
import { uriInside, uriPaths } from '../service/folderAccess';
import type { CacheStorage, FileSystem, LinkTarget } from '../service/host';
import { trimEndChars } from '../service/text/trim';
import type { HostFolders } from './configFilesTypes';

/** the most of one file the server reads (profiles, templates, targets of relative links) */
const MAX_READ_BYTES = 20 * 1024 * 1024;

/** `uri` with its dot segments resolved, when it is a URL at all */
function normalized(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

/** `uri` is `root` or below it: same scheme and authority, and the path under the root's */
export const insideRoot = uriInside;

/** The folder holding a document (its URI without the last segment). */
function folderOf(documentUri: string): string | undefined {
  const u = normalized(documentUri);
  if (!u) return undefined;
  u.hash = '';
  u.search = '';
  try {
    return new URL('.', u).href.replace(/\/$/, '');
  } catch {
    // an opaque URI (untitled:Untitled-1) has no folder
    return undefined;
  }
}

/** The roots a document's relative links may reach: the workspace folders holding it, else its own folder. */
export function linkRootsFor(documentUri: string, workspaceFolders: readonly string[]): Promise<string[]> {
  const holding = workspaceFolders.filter((f) => insideRoot(documentUri, f));
  if (holding.length > 0) return Promise.resolve(holding);
  const own = folderOf(documentUri);
  return Promise.resolve(own ? [own] : []);
}

/** A profile path from the settings: a URI as it is, a relative path against the first workspace folder. */
export function resolveProfilePath(path: string, roots: readonly string[]): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return path;
  const root = roots[0];
  // an absolute path or ~ means the disk of a machine the browser does not have: read as given, it is not found
  if (!root || path.startsWith('/') || path.startsWith('~')) return path;
  try {
    return new URL(path, root.endsWith('/') ? root : `${root}/`).href;
  } catch {
    return path;
  }
}

export function clientFileSystem(connection: Connection): FileSystem & { cacheStorage(dir: string, file: string): CacheStorage } {
  const read = async (uri: string, maxBytes: number): Promise<{ text: string; truncated: boolean } | undefined> => {
    try {
      return (await connection.sendRequest(FsReadFileRequest, { uri, maxBytes })) ?? undefined;
    } catch {
      return undefined;
    }
  };
  const stat = async (uri: string): Promise<'file' | 'directory' | 'other' | 'missing' | 'refused'> => {
    try {
      return (await connection.sendRequest(FsStatRequest, { uri }))?.type ?? 'missing';
    } catch {
      // the client refused (outside the workspace) or could not tell
      return 'refused';
    }
  };
  return {
    async readFile(uri) {
      const r = await read(uri, MAX_READ_BYTES);
      return r && !r.truncated ? r.text : undefined;
    },
    async exists(uri) {
      const s = await stat(uri);
      return s === 'file' || s === 'directory';
    },
    async linkTarget(uri, roots, options): Promise<LinkTarget> {
      if (!roots.some((r) => insideRoot(uri, r))) return { kind: 'outside' };
      const s = await stat(uri);
      if (s === 'refused') return { kind: 'outside' };
      if (s === 'missing') return { kind: 'missing' };
      if (s === 'directory') return { kind: 'directory' };
      if (s === 'other') return { kind: 'special' };
      if (!options.wantText) return { kind: 'file' };
      const r = await read(uri, options.maxBytes);
      return r ? { kind: 'file', ...r } : { kind: 'missing' };
    },
    cacheStorage(dir, file) {
      const uri = `${dir.replace(/\/$/, '')}/${file}`;
      return {
        load: async () => (await read(uri, MAX_READ_BYTES))?.text,
        save: async (text) => {
          await connection.sendRequest(FsWriteFileRequest, { uri, text });
        },
      };
    },
  };
}

/** the most entries of a folder asked for (the client caps its answer too) */
const MAX_LIST_ENTRIES = 1000;

/**
 * A document's neighbours through the client, for the configuration files and the interviews:
 * URIs as locations. The client never follows a symbolic link (it answers 'other'), so there is
 * no real location to check; a refused request (outside the workspace) reads as nothing there.
 */
export function clientFolders(connection: Connection): HostFolders {
  return {
    ...uriPaths,
    async stat(uri) {
      try {
        return (await connection.sendRequest(FsStatRequest, { uri })) ?? undefined;
      } catch {
        return undefined;
      }
    },
    async readText(uri, maxBytes) {
      let r: { text: string; truncated: boolean } | null;
      try {
        r = await connection.sendRequest(FsReadFileRequest, { uri, maxBytes });
      } catch {
        throw new Error('is outside the workspace: not read');
      }
      if (!r) throw new Error('no such file');
      return r;
    },
    async list(uri, maxEntries) {
      try {
        const r = await connection.sendRequest(FsReadDirectoryRequest, { uri, maxEntries: Math.min(maxEntries, MAX_LIST_ENTRIES) });
        return r ? r.entries.slice(0, maxEntries) : undefined;
      } catch {
        return undefined;
      }
    },
    locationOf(uri) {
      const u = normalized(uri);
      if (!u || !u.pathname.startsWith('/') || u.protocol === 'untitled:') return undefined;
      u.hash = '';
      u.search = '';
      return u.pathname === '/' ? u.href : trimEndChars(u.href, '/');
    },
    uriOf: (location) => location,
  };
}

/**
 * The language server's host under Node: the file system, git, GITHUB_TOKEN, the proxy,
 * setImmediate. Documents that are not on the disk (a virtual workspace: vscode-vfs://…) have
 * their files read through the client, as in the browser.
 */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { clientFileSystem, clientFolders, linkRootsFor as clientLinkRootsFor, resolveProfilePath as clientProfilePath } from '../handlers/clientFiles';
import { diskFolders } from './configFiles';
import { readCheckout } from './ddPullRequest';
import type { ServerHost } from '../handlers/serverHost';
import type { FileSystem, Logger } from '../service/host';
import { linkRootsFor, nodeFileSystem } from './hostAdapters';
import { NetworkSession } from './networkSession';
import { createTemplateGit } from './templateGit';

/** A profile path as written in settings → a path to read (relative: to the first workspace folder). */
export function resolveProfilePath(path: string, roots: readonly string[]): string {
  if (path.startsWith('file:')) return fileURLToPath(path);
  // another scheme's URI (a configuration file's path in a virtual workspace): read through the client as it is
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(path)) return path;
  if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(1));
  if (isAbsolute(path)) return path;
  const root = roots[0];
  if (!root) return path;
  // a virtual workspace's folder: the path below it, read through the client
  if (!root.startsWith('file:') && /^[a-z][a-z0-9+.-]+:/i.test(root)) return clientProfilePath(path, roots);
  return join(root.startsWith('file:') ? fileURLToPath(root) : root, path);
}

/** file: URIs and paths from the disk (untitled documents as before: they have no folder), any other scheme through the client */
const isOnDisk = (uri: string): boolean => uri.startsWith('file:') || uri.startsWith('untitled:') || !/^[a-z][a-z0-9+.-]+:/i.test(uri);

function diskOrClient(client: FileSystem): FileSystem {
  return {
    readFile: (uri) => (isOnDisk(uri) ? nodeFileSystem : client).readFile(uri),
    exists: (uri) => (isOnDisk(uri) ? nodeFileSystem : client).exists(uri),
    linkTarget: (uri, roots, options) => (isOnDisk(uri) ? nodeFileSystem : client).linkTarget!(uri, roots, options),
  };
}

export function nodeServerHost(connection: Connection, options: { apiUrl: string; logger: Logger }): ServerHost {
  const files = diskOrClient(clientFileSystem(connection));
  const client = clientFolders(connection);
  // the token, trust, API URL, HTTP client, Octokit and caches of the link checks and evidence
  const session = new NetworkSession({ ...options, files });
  return {
    files,
    linkRootsFor: (uri, folders) => (isOnDisk(uri) ? linkRootsFor(uri, folders) : clientLinkRootsFor(uri, folders)),
    resolveProfilePath,
    templateGit: (roots) => createTemplateGit(roots ? { roots } : {}),
    session,
    // .diligence.jsonc (issue 14) and adopter interviews (issue 18): on the disk, or through the client for a virtual workspace's documents
    folders: { foldersFor: (uri) => (uri.startsWith('file:') ? diskFolders : isOnDisk(uri) ? undefined : client) },
    // the DD pull request for the public-comment e-mail (issue 18): read from a checkout on the disk
    readCheckout,
    yieldToHost: () => new Promise<void>((resolve) => setImmediate(resolve)),
    memory: () => process.memoryUsage(),
  };
}

/** The language server's host in a web worker: files and caches through the client, GitHub over fetch, no git. */
import type { Connection } from 'vscode-languageserver';
import type { ServerHost } from '../handlers/serverHost';
import type { Logger } from '../service/host';
import { BrowserSession } from './browserSession';
import { clientFileSystem, clientFolders, linkRootsFor, resolveProfilePath } from '../handlers/clientFiles';

export function browserServerHost(connection: Connection, options: { apiUrl: string; logger: Logger; fetch?: typeof fetch }): ServerHost {
  const files = clientFileSystem(connection);
  const folders = clientFolders(connection);
  return {
    files,
    linkRootsFor,
    resolveProfilePath,
    // .diligence.jsonc and adopter interviews through the client, confined by it to the workspace folders
    folders: { foldersFor: () => folders },
    session: new BrowserSession({ apiUrl: options.apiUrl, logger: options.logger, files, ...(options.fetch ? { fetch: options.fetch } : {}) }),
    // a macrotask: the worker's message events run in between
    yieldToHost: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  };
}

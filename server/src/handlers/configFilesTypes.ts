/** What serverMain.ts, the host and the configuration-file handler (handlers/configFiles.ts) say to each other. */
import type { FolderAccess } from '../service/folderAccess';

/** A FolderAccess with the way from a document's URI to its locations (paths on the disk, URIs through the client) and back. */
export interface HostFolders extends FolderAccess {
  /** the location of a document or workspace folder, or undefined when this host cannot read it (untitled) */
  locationOf(uri: string): string | undefined;
  /** the URI of a location (a configuration file's diagnostics go there) */
  uriOf(location: string): string;
}

/**
 * Where the host reads a document's neighbours (its configuration file, its interview files):
 * the disk for file: documents under Node, the client's requests otherwise.
 */
export interface DocumentFolders {
  foldersFor(documentUri: string): HostFolders | undefined;
}

export interface ConfigFilesHost {
  /** the user's settings as the client sent them (raw) */
  userSettings(): unknown;
  trusted(): boolean;
  /** analyse the document again (its settings changed) */
  reanalyse(uri: string): void;
  /** the profile files the configuration files name changed */
  profilesChanged(): void;
}

export interface ConfigFilesHandler {
  setRoots(roots: readonly string[]): void;
  /** a document opened: look its configuration file up */
  opened(uri: string): void;
  closed(uri: string): void;
  /** the user's settings or the trust changed: every open document's settings again */
  refresh(): void;
  /** profile files named by the configuration files read so far (absolute paths) */
  profilePaths(): string[];
}

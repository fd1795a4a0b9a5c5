/** What serverMain.ts and a host's configuration-file handler (handlers/configFiles.ts) say to each other. */

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

/**
 * What the language server needs from its host, Node (node/serverHost.ts) or a browser's web
 * worker (browser/serverHost.ts): the handlers and serverMain.ts take it instead of importing a
 * host's adapters, so both builds share every line of the server but these.
 */
import type { FileSystem } from '../service/host';
import type { TemplateGit } from '../service/template/source';
import type { DocumentFolders, ConfigFilesHandler } from './configFilesTypes';
import type { Session } from './session';
import type { ReadCheckout } from '../service/publicComment/ddPull';

export type { DocumentFolders, ConfigFilesHandler, ConfigFilesHost, HostFolders } from './configFilesTypes';

export interface ServerHost {
  /** the workspace's files: relative links, profiles, template files */
  files: FileSystem;
  /** the folders (URIs) a document's relative links may reach */
  linkRootsFor(documentUri: string, workspaceFolders: readonly string[]): Promise<string[]>;
  /** a profile path as written in the settings → what `files.readFile` takes */
  resolveProfilePath(path: string, roots: readonly string[]): string;
  /** a template's history from a git checkout, inside `roots` (hosts that cannot run git have none) */
  templateGit?(roots?: () => readonly string[]): TemplateGit;
  /** the network session of the process */
  session: Session;
  /** lets incoming messages in during a long analysis */
  yieldToHost(): Promise<void>;
  /**
   * Where a document's neighbours are read: the repository's configuration files
   * (`.diligence.jsonc`, handlers/configFiles.ts) and the adopter interviews beside it
   * (handlers/interviews.ts), from the disk or through the client's file requests. Without it
   * documents have the user's settings only, and no interviews.
   */
  folders?: DocumentFolders;
  /** the git checkout a document lives in (its branch and remotes), where the host can read it (Node: node/ddPullRequest.ts) */
  readCheckout?: ReadCheckout;
  /** the memory the process uses (diligence/stats), where the host can tell */
  memory?(): { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
}

/** A host without configuration files: nothing looked up, nothing watched. */
export const noConfigFiles: ConfigFilesHandler = { setRoots: () => {}, opened: () => {}, closed: () => {}, refresh: () => {}, profilePaths: () => [] };

/** What the server tells the interviews' handler (node/interviewsHandler.ts). */
export interface InterviewChecks {
  /** after a document's analysis: list the interviews beside it (a DD) or refresh its DD neighbours (an interview) */
  schedule(uri: string): void;
  /** a closed document is listed again when it is opened again */
  forget(uri: string): void;
  /** evidence discovery of a document changed: its project's maintainers may be known now */
  discovered?(uri: string): void;
}

/** A host without interviews. */
export const noInterviews: InterviewChecks = { schedule: () => {}, forget: () => {} };

/**
 * What the language server needs from its host, Node (node/serverHost.ts) or a browser's web
 * worker (browser/serverHost.ts): the handlers and serverMain.ts take it instead of importing a
 * host's adapters, so both builds share every line of the server but these.
 */
import type { FileSystem } from '../service/host';
import type { TemplateGit } from '../service/template/source';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiligenceService } from '../service/index';
import type { ConfigFilesHandler, ConfigFilesHost } from './configFilesTypes';
import type { Logger } from '../service/host';
import type { RequestFunnel } from './requests';
import type { Session } from './session';

export type { ConfigFilesHandler, ConfigFilesHost } from './configFilesTypes';

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
   * The repository's configuration files (`.diligence.jsonc`), where the host can read them
   * (Node: handlers/configFiles.ts); without it documents have the user's settings only.
   */
  registerConfigFiles?(connection: Connection, documents: TextDocuments<TextDocument>, service: DiligenceService, host: ConfigFilesHost): ConfigFilesHandler;
  /**
   * Adopter interviews beside the documents and the public-comment e-mail (issue 18), where the
   * host can list a folder (Node: node/interviewsHandler.ts); without it, no interview requests.
   */
  registerInterviews?(documents: TextDocuments<TextDocument>, service: DiligenceService, funnel: RequestFunnel, opts: { publish: (uri: string) => void; logger: Logger }): InterviewChecks;
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

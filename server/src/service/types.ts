/**
 * What the Diligence language service offers its hosts (the LSP server, the CLI, tests), and
 * what a host gives it. The service itself is wired in index.ts.
 */
import type { CodeAction, CodeLens, CompletionItem, Diagnostic, DocumentSymbol, FoldingRange, Hover, Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { DiligenceConfig } from './config';
import type { EvidenceDiscoverer } from './evidence/discover';
import type { EvidenceFeature } from './evidence/feature';
import type { TemplateFeature } from './template/feature';
import type { EvidenceReport } from './evidence/report';
import type { ReadinessReport } from './features/report';
import type { OwnerTodos } from './features/todosForOwner';
import type { Finding } from './findings';
import type { CancellationToken, Clock, Logger } from './host';
import type { LinkChecker } from './links/checker';
import type { LinkCheckOptions } from './links/verdicts';
import type { TemplateReference } from './template/reference';
import type { AnalysisStats } from './model/store';
import type { DiligenceModel } from './model/types';
import type { EvidenceItem, Profile, ProfileMatch } from './profiles/types';
import type { InterviewFeature, InterviewTracker } from './interviews/index';
import type { PublicCommentDraft } from './publicComment/draft';

export type { AnalysisStats } from './model/store';
export type { LinkCheckOptions } from './links/verdicts';

export interface ServiceDocument {
  readonly uri: string;
  /** a version that changes with the text; documents read from disk can pass -1 (never cached) */
  readonly version: number;
  getText(): string;
}

/** More findings for a document, from the host (after the link verdicts, before the evidence). */
export type FindingProvider = (uri: string, model: DiligenceModel) => readonly Finding[];

export interface DiligenceServiceOptions {
  clock?: Clock;
  logger?: Logger;
  config?: DiligenceConfig;
  /** checks evidence links over the network; without one, links are only checked locally */
  linkChecker?: LinkChecker;
  /**
   * Lets the host run other work (incoming messages) during a long `analyse`; without it
   * `analyse` runs to the end at once, like `getModel`.
   */
  yieldToHost?: () => Promise<void>;
  /** discovers evidence in the project's repositories; without one, nothing is discovered */
  evidenceDiscoverer?: EvidenceDiscoverer;
  /**
   * The template a document is held to (undefined: none known), asked each time its findings are
   * computed. With one, text that is the template's own is not an evaluation and the template's
   * placeholder strings are found in code too; without one, the documented patterns only.
   */
  templateFor?: (uri: string) => TemplateReference | undefined;
  /**
   * Each document is analysed once, then closed (the command line): its model is kept until
   * `closeDocument`, but not its parse, which only a next version would reuse.
   */
  oneShot?: boolean;
}

export interface DiligenceService {
  readonly config: DiligenceConfig;
  configure(config: DiligenceConfig): void;
  /** The settings of the document at `uri`: its own (`setDocumentConfig`), else `config`. */
  configFor(uri: string): DiligenceConfig;
  /**
   * Settings for one document (a configuration file's under the user's, from the host), read by
   * every feature of it; undefined: the service's `config` again. Dropped on close.
   */
  setDocumentConfig(uri: string, config: DiligenceConfig | undefined): void;
  /** undefined when the document is larger than `maxDocumentSize` */
  getModel(doc: ServiceDocument): DiligenceModel | undefined;
  /**
   * The same, built in steps that yield to the host (`yieldToHost`), so a long parse does not
   * block it. A newer version (`analyse` or `getModel` of it) or a cancelled token gives this
   * one up (CancelledError); the chunks it parsed are kept for the next one.
   */
  analyse(doc: ServiceDocument, token?: CancellationToken): Promise<DiligenceModel | undefined>;
  readonly stats: AnalysisStats;
  /** Whether a markdown document is a due-diligence document: its path matches `diligence.files`, or it looks like one. */
  isDiligenceDocument(doc: ServiceDocument): boolean;
  /** false when a linear scan rules the document out (then it is never parsed); true: ask `isDiligenceDocument` after `analyse` */
  mayBeDiligenceDocument(doc: ServiceDocument): boolean;
  findings(doc: ServiceDocument, token?: CancellationToken): Finding[];
  diagnostics(doc: ServiceDocument, token?: CancellationToken): Diagnostic[];
  hover(doc: ServiceDocument, position: Position, token?: CancellationToken): Hover | null;
  codeActions(doc: ServiceDocument, range: Range, only?: string[], token?: CancellationToken): CodeAction[];
  documentSymbols(doc: ServiceDocument, token?: CancellationToken): DocumentSymbol[];
  codeLenses(doc: ServiceDocument, token?: CancellationToken): CodeLens[];
  foldingRanges(doc: ServiceDocument, token?: CancellationToken): FoldingRange[];
  completion(doc: ServiceDocument, position: Position, token?: CancellationToken): CompletionItem[];
  /** with `evidence`, the report's per-criterion rows show what the detectors found */
  report(doc: ServiceDocument, evidence?: readonly EvidenceItem[]): (ReadinessReport & { evidence?: EvidenceReport; interviews?: InterviewTracker }) | undefined;
  /** the user's profiles (from `diligence.profiles`), added to the built-in ones */
  setUserProfiles(profiles: readonly Profile[]): void;
  /** built-in and user profiles */
  profiles(): readonly Profile[];
  /** the profile the document follows, its criteria recognised (undefined: none fits) */
  profileMatch(doc: ServiceDocument): ProfileMatch | undefined;
  /** owners with open TODOs, most first */
  todoOwners(doc: ServiceDocument): Array<{ owner: string; count: number }>;
  /** one owner's open TODOs as a markdown list linking back to their lines */
  todosForOwner(doc: ServiceDocument, owner: string, linkBase?: string): OwnerTodos | undefined;
  fillAllPlaceholders(doc: ServiceDocument): TextEdit[];
  /** a source of findings from outside the service, after the link verdicts */
  addFindingProvider(provider: FindingProvider): void;

  /** replaces the link checker (new token or GitHub API URL); undefined turns network checks off */
  setLinkChecker(checker: LinkChecker | undefined): void;
  /**
   * Checks the document's evidence links; their findings join the document's findings as they
   * arrive. Resolves when every link has a verdict (false when there is nothing to check).
   */
  checkLinks(doc: ServiceDocument, options: LinkCheckOptions, token: CancellationToken): Promise<boolean>;
  /** evidence discovery, its findings, hover, quick fixes, report section, new documents, issues */
  readonly evidence: EvidenceFeature;
  /** the template each document is held to: where it comes from (`resolve`), alignment, findings, edits */
  readonly templates: TemplateFeature;
  /** the adopter interviews beside each document (the host hands in the files), their lints and tracker */
  readonly interviews: InterviewFeature;
  /** the public-comment e-mail from the template's text, filled from the document (undefined: too large) */
  draftPublicComment(doc: ServiceDocument, template: string, opts: PublicCommentOptions): PublicCommentDraft | undefined;
  closeDocument(uri: string): void;
}

export interface PublicCommentOptions {
  /** overrides `diligence.reviewer.name` (the signature) */
  reviewer?: string;
  coSponsor?: string;
  application?: string;
  pullRequest?: string;
}

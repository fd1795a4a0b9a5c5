/**
 * Diligence's own messages between the server and the VS Code client, beside LSP: every custom
 * method as a typed request or notification with its wire types. Both sides import this module
 * (server/src/handlers, client/src); it imports nothing of either, so the client bundle does not
 * pull in server code. The wire types are declared here: the server's values must fit them (the
 * typed handlers check it), not the other way round.
 *
 * The server sends its notifications only to a client that asks for them with
 * `initializationOptions.clientNotifications: true`, so other editors get plain LSP. Requests are
 * answered for any client.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { TextEdit } from 'vscode-languageserver-protocol';

/** What most requests name: an open document. */
export interface DocumentParams {
  uri: string;
}

// ---- the readiness report ------------------------------------------------------------------------

export interface Tally {
  met: number;
  total: number;
}

export interface AreaReport {
  name: string;
  line: number;
  suggested: Tally;
  required: Tally;
  /** criteria outside a Suggested/Required level */
  other: Tally;
  openTodos: number;
}

export interface CriterionReport {
  index: number;
  /** 0-based line of the criterion */
  line: number;
  area: string | null;
  title: string;
  level: 'required' | 'suggested' | 'other';
  state: 'met' | 'unmet' | 'n/a';
  profileCriterion: string | null;
  detectors: string[];
  evidenceCited: number;
  /** null when no evidence was looked for */
  evidenceFound: Array<{ detector: string; repo: string; summary: string; url?: string }> | null;
  openTodos: number;
}

export interface ReadinessReport {
  title: string | null;
  project: string | null;
  level: string | null;
  criteria: { total: number; checked: number };
  required: Tally;
  areas: AreaReport[];
  todos: Array<{ owner: string; count: number }>;
  placeholders: number;
  profile: { id: string; name: string; confidence: number; recognised: number } | null;
  /** "owner/name" */
  repositories: string[];
  repositorySource: 'settings' | 'front-matter' | 'document' | 'none';
  perCriterion: CriterionReport[];
  /** the template the document is held to (null: no profile fits, or no criterion yet) */
  template: TemplateReport | null;
}

/** A criterion in the template section: `line` is null for one the document lacks. */
export interface TemplateReportItem {
  title: string;
  area: string | null;
  level: 'required' | 'suggested' | null;
  line: number | null;
  /** reworded: the template's wording; level changed: the template's level */
  template?: string;
}

export interface TemplateReport {
  source: 'front-matter' | 'file' | 'workspace' | 'github' | 'builtin';
  path: string;
  ref: string;
  date: string;
  repo: string | null;
  /** why the template itself could not be read (the built-in criteria stand in) */
  problem: string | null;
  basedOn: { ref: string; date: string; changesSince: number; summary: string } | null;
  criteria: number;
  present: number;
  required: Tally;
  missing: TemplateReportItem[];
  notInTemplate: TemplateReportItem[];
  reworded: TemplateReportItem[];
  levelChanged: TemplateReportItem[];
  subItemsMissing: Array<TemplateReportItem & { items: string[] }>;
}

/** Where the report's items are in the document, for the rendered report's links. */
export interface ReportOutline {
  areas: Array<{
    name: string;
    /** null: an area of the template the document does not have */
    line: number | null;
    criteria: Array<{ title: string; line: number; level: 'required' | 'suggested' | null; checked: boolean; openTodos: number }>;
    /** the template's criteria of this area that the document lacks */
    missing: Array<{ title: string; level: 'required' | 'suggested' | null }>;
  }>;
  owners: Array<{ owner: string; count: number; todos: Array<{ line: number; text: string; criterion: string | null }> }>;
}

export interface ReportResponse {
  uri: string;
  version: number;
  report: ReadinessReport;
  markdown: string;
  outline: ReportOutline;
}

/** client → server: the readiness report of an open document (null: too large to analyse) */
export const ReportRequest = new RequestType<DocumentParams, ReportResponse | null, void>('diligence/report');

/** client → server: the edits that fill every placeholder the document's settings can fill */
export const FillAllPlaceholdersRequest = new RequestType<DocumentParams, { uri: string; version: number; edits: TextEdit[] }, void>('diligence/fillAllPlaceholders');

// ---- status -----------------------------------------------------------------------------------

export type DocumentStatus =
  | { uri: string; version: number; isDiligenceDocument: false }
  | {
      uri: string;
      version: number;
      isDiligenceDocument: true;
      /** larger than diligence.maxDocumentSize: not analysed, no counts */
      tooLarge: true;
    }
  | {
      uri: string;
      version: number;
      isDiligenceDocument: true;
      tooLarge: false;
      title: string | null;
      project: string | null;
      /** the level applied for, from the document (`Incubation`, `Graduation`…) */
      level: string | null;
      required: Tally;
      suggested: Tally;
      criteria: { checked: number; total: number };
      openTodos: number;
      placeholders: number;
    };

/** server → client, after each analysis of an open markdown document */
export const StatusNotification = new NotificationType<DocumentStatus>('diligence/status');

export interface ServerStats {
  /** models built */
  analyses: number;
  /** analyses given up because a newer version (or a close) came first */
  superseded: number;
  chunksParsed: number;
  chunksReused: number;
  /** chunks walked (after their parse) by analyses in steps, counted as they go */
  chunksWalked: number;
  /** analyses the server started */
  scheduled: number;
  memory: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
}

/** what the server did (tests, the benchmark, a curious user) */
export const StatsRequest = new RequestType0<ServerStats, void>('diligence/stats');

// ---- link checks ------------------------------------------------------------------------------

export interface LinkCheckProgress {
  uri: string;
  /** one id per run of the checks of a document */
  id: number;
  state: 'begin' | 'report' | 'end';
  /** distinct links with a verdict so far */
  done: number;
  /** distinct links to check */
  total: number;
  /** with `end`: the checks were cancelled before every link had a verdict */
  cancelled?: boolean;
}

/** server → client, while the evidence links of a document are checked */
export const LinkCheckProgressNotification = new NotificationType<LinkCheckProgress>('diligence/linkCheckProgress');

export interface LinksNotCheckedParams {
  uri: string;
  reason: 'offline' | 'rate-limited' | 'untrusted' | 'cancelled' | 'too-many' | 'browser';
  message: string;
  /** ms since the epoch, for rate limits */
  resetAt?: number;
  /** the GitHub API is what rate-limited us (a GitHub sign-in raises the limit) */
  github: boolean;
  /** the server had a GitHub token when it asked */
  authenticated: boolean;
}

/** server → client, when a link check ended with links it could not check (rate limit, offline…) */
export const LinksNotCheckedNotification = new NotificationType<LinksNotCheckedParams>('diligence/linksNotChecked');

/** client → server: stop the pending link checks of a document */
export const CancelLinkChecksNotification = new NotificationType<DocumentParams>('diligence/cancelLinkChecks');

/** client → server: forget every link verdict (memory and the persisted file) and check the open documents again */
export const ClearLinkCacheRequest = new RequestType0<{ cleared: number }, void>('diligence/clearLinkCache');

/** client → server: the token of VS Code's GitHub session (null: signed out, GITHUB_TOKEN again) */
/**
 * `apiUrl`: the GitHub API the token is for (github.com's session, or a GitHub Enterprise one);
 * the server uses it only while diligence.github.apiUrl is that API. Absent: the current one.
 */
export const SetGitHubTokenNotification = new NotificationType<{ token: string | null; apiUrl?: string }>('diligence/setGitHubToken');

/** client → server: the workspace was trusted (network requests allowed from now on) */
export const SetTrustedNotification = new NotificationType<{ trusted: boolean }>('diligence/setTrusted');

// ---- evidence, templates, issues, TODOs -------------------------------------------------------

export interface EvidenceItem {
  detector: string;
  /** "owner/name" */
  repo: string;
  found: boolean;
  summary: string;
  url?: string;
  details?: Record<string, unknown>;
}

export interface EvidenceDiscovery {
  /** "owner/name", in the order asked */
  repos: string[];
  results: Array<{ repo: string; checkedAt: number; items: EvidenceItem[]; error?: string; fromCache: boolean }>;
  /** set when some repositories could not be examined */
  notDiscovered?: { reason: 'offline' | 'untrusted' | 'no-token' | 'rate-limited' | 'failed'; message: string; resetAt?: number };
}

/** client → server: discover the evidence of the document's repositories now (null: not a due-diligence document) */
export const DiscoverEvidenceRequest = new RequestType<DocumentParams, EvidenceDiscovery | null, void>('diligence/discoverEvidence');

export interface RefreshEvidenceResult {
  /** the edits to the document (the facts Diligence inserted, rewritten and dated today) */
  edits: TextEdit[];
  /** facts rewritten (changed or only re-dated) */
  rewritten: number;
  /** what changed, one line each */
  changes: string[];
  /** why nothing was discovered, when so */
  notDiscovered?: string;
}

/** client → server: discover the document's evidence again (cache bypassed) and rewrite the facts Diligence inserted */
export const RefreshEvidenceRequest = new RequestType<DocumentParams, RefreshEvidenceResult | null, void>('diligence/refreshEvidence');

export interface TemplateProfile {
  id: string;
  name: string;
  stage: string;
  foundation: string;
  template: { repo: string; path: string; ref?: string } | null;
}

/** client → server: the profiles a new document can follow */
export const TemplateProfilesRequest = new RequestType0<TemplateProfile[], void>('diligence/templateProfiles');

export interface NewDocumentParams {
  profile: string;
  project: string;
  /** defaults to the profile's stage */
  level?: string;
  /** defaults to diligence.reviewer.name */
  reviewer?: string;
  /** ISO date; defaults to today */
  date?: string;
}

export interface NewDocument {
  text: string;
  /** where the template was read */
  source: { repo: string; path: string; sha: string; url: string };
  /** a file name to suggest */
  fileName: string;
}

/** client → server: a new document from the profile's canonical template (refused in an untrusted workspace) */
export const NewDocumentRequest = new RequestType<NewDocumentParams, NewDocument, void>('diligence/newDocument');

export interface OpenIssueParams {
  uri: string;
  /** the owner as written, or its folded key */
  owner: string;
  /** "owner/name" */
  repo: string;
  title?: string;
  /** an https URL of the document, for links back to the lines */
  documentUrl?: string;
}

/** client → server: open a GitHub issue with an owner's open TODOs (refused in an untrusted workspace) */
export const OpenIssueFromTodosRequest = new RequestType<OpenIssueParams, { number: number; url: string; count: number }, void>('diligence/openIssueFromTodos');

/** client → server: owners of open TODOs with their counts, most first */
export const TodoOwnersRequest = new RequestType<DocumentParams, { owners: Array<{ owner: string; count: number }> }, void>('diligence/todoOwners');

export interface OwnerTodos {
  owner: string;
  count: number;
  /** a markdown list of the owner's open TODOs, each linking back to its line */
  markdown: string;
}

/** client → server: one owner's open TODOs as a markdown list (null: too large to analyse) */
export const TodosForOwnerRequest = new RequestType<DocumentParams & { owner: string; linkBase?: string }, OwnerTodos | null, void>('diligence/todosForOwner');

// ---- application issues: draft and triage -------------------------------------------------------

export interface ApplicationIssueParams {
  /** OWNER/REPO#N or the issue's URL */
  issue: string;
  /** incubation or graduation (default: what the issue applies for) */
  level?: string;
}

export interface DraftFromIssueParams extends ApplicationIssueParams {
  /** YYYY-MM-DD; defaults to today */
  date?: string;
  /** defaults to diligence.reviewer.name */
  reviewer?: string;
}

export interface DraftFromIssue {
  text: string;
  /** a file name to suggest */
  fileName: string;
  /** "owner/repo#N" and its page */
  issue: { ref: string; url: string };
  stats: { criteria: number; withAssertion: number; assertions: number; evidence: number; notInTemplate: string[] };
  /** where the template was read; `problem`: why the built-in criteria stood in */
  template: { source: string; date: string; ref: string; problem: string | null };
}

/** client → server: a due diligence drafted from an application issue (refused in an untrusted workspace) */
export const DraftFromIssueRequest = new RequestType<DraftFromIssueParams, DraftFromIssue, void>('diligence/draftFromIssue');

export interface TriageItem {
  id: string;
  section: string;
  label: string;
  verdict: 'met' | 'not-met' | 'unknown';
  evidence: Array<{ text: string; url?: string }>;
  missing?: string;
}

export interface TriageReport {
  issue: { ref: string; url: string; title: string };
  project: string | null;
  level: string;
  template: { date: string; ref: string; source: string };
  items: TriageItem[];
  unanswered: Array<{ title: string; area: string; level: string | null; ticked: boolean; answered: boolean; inIssue: boolean }>;
  brokenLinks: Array<{ url: string; message: string }>;
  linksChecked: boolean;
  notDiscovered: string | null;
  labels: Array<{ name: string; why: string }>;
  counts: { 'met': number; 'not-met': number; 'unknown': number };
}

/** client → server: the triage report of an application issue, as data and as markdown; nothing is posted (refused in an untrusted workspace) */
export const TriageIssueRequest = new RequestType<ApplicationIssueParams, { report: TriageReport; markdown: string }, void>('diligence/triageIssue');

/** client → server: post a triage report as a comment on the issue, after the user confirmed it (refused in an untrusted workspace) */
export const PostTriageRequest = new RequestType<{ issue: string; markdown: string }, { url: string }, void>('diligence/postTriage');

// ---- files through the editor (the browser build) ---------------------------------------------------
// In a web worker the server has no file system: it asks the client, which answers from
// vscode.workspace.fs (the pattern of VS Code's markdown language server), inside the workspace
// folders only (and, for the caches, the extension's global storage).

/** what a URI is: a regular file, a folder, or something else (a symbolic link, a device) */
export interface FsStat {
  type: 'file' | 'directory' | 'other';
  size: number;
}

/** server → client: what the URI is; null when it does not exist (an error when it is outside the workspace) */
export const FsStatRequest = new RequestType<{ uri: string }, FsStat | null, void>('diligence/fsStat');

/** server → client: at most `maxBytes` of a file, as UTF-8 text; null when it does not exist or is not a file */
export const FsReadFileRequest = new RequestType<{ uri: string; maxBytes: number }, { text: string; truncated: boolean } | null, void>('diligence/fsReadFile');

/** one entry of a folder: its name, and what it is (a symbolic link is 'other': it is not followed) */
export interface FsDirectoryEntry {
  name: string;
  type: 'file' | 'directory' | 'other';
}

/**
 * server → client: at most `maxEntries` entries of a folder (names and types only; the client
 * caps the count itself too); null when it does not exist or is not a folder (an error when it is
 * outside the workspace)
 */
export const FsReadDirectoryRequest = new RequestType<{ uri: string; maxEntries: number }, { entries: FsDirectoryEntry[]; truncated: boolean } | null, void>('diligence/fsReadDirectory');

/** server → client: write a cache file under the extension's global storage (refused anywhere else) */
export const FsWriteFileRequest = new RequestType<{ uri: string; text: string }, void, void>('diligence/fsWriteFile');
/** One interview file beside a due diligence, as the tracker shows it. */
export interface InterviewRow {
  fileName: string;
  uri: string;
  /** the organisation, or for an anonymous interview its industry (never the name) */
  organisation: string;
  anonymous: boolean;
  state: 'requested' | 'held' | 'summary-drafted' | 'approved';
  /** YYYY-MM-DD of the current state, when the file gives it */
  since: string | null;
  daysSinceRequest: number | null;
  approvalOverdueDays: number | null;
  hint: string | null;
}

export interface InterviewTracker {
  rows: InterviewRow[];
  held: number;
  approved: number;
  needed: number;
}

/**
 * client → server: the interview tracker of the due diligence at `uri` (empty rows: none). Its folder is listed the
 * first time and when the editor changes an interview file; `relist`: listed again now (the view's
 * Refresh, for files added or changed outside the editor).
 */
export const InterviewsRequest = new RequestType<DocumentParams & { relist?: boolean }, InterviewTracker, void>('diligence/interviews');
/**
 * server → client (clients that asked for `clientNotifications`): the interview files beside the
 * document at `uri` changed, or their lints did (the Adopter Interviews view asks again)
 */
export const InterviewsChangedNotification = new NotificationType<DocumentParams>('diligence/interviewsChanged');

export interface NewInterviewParams extends DocumentParams {
  organisation: string;
  anonymous?: boolean;
  /** YYYY-MM-DD; default today */
  date?: string;
}

export interface NewInterview {
  /** where the file is (or goes): beside the document */
  uri: string;
  fileName: string;
  /** the text to write; for an existing file, its text on disk */
  text: string;
  /** false: an interview with this organisation is already there (nothing new to write) */
  created: boolean;
  /** where the questions came from: the workspace checkout or GitHub */
  template: { source: 'workspace' | 'github'; where: string };
}

/** client → server: a new interview file's text from the questions template; the client writes it (never over a file) */
export const NewInterviewRequest = new RequestType<NewInterviewParams, NewInterview, void>('diligence/newInterview');

export interface PublicCommentParams extends DocumentParams {
  coSponsor?: string;
  application?: string;
  pullRequest?: string;
}

export interface PublicCommentDraft {
  subject: string;
  markdown: string;
  /** YYYY-MM-DD: today, and today + 14 days */
  start: string;
  end: string;
  application: string | null;
  pullRequest: string | null;
  unfilled: string[];
  /** the KubeCon freeze (code public-comment-freeze) */
  warnings: Array<{ code: string; message: string }>;
  /** what the reviewer should know: no upcoming KubeCon is known, where the DD pull request was not found */
  notes: string[];
  template: { source: 'workspace' | 'github'; where: string };
}

/** client → server: the public-comment e-mail for an open due diligence, from the TOC's template */
export const PublicCommentRequest = new RequestType<PublicCommentParams, PublicCommentDraft, void>('diligence/publicComment');

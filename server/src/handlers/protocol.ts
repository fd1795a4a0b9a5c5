/**
 * Diligence's own messages between the server and the VS Code client, beside LSP. Plain
 * constants and types (no imports), shared by both sides.
 *
 * The server sends its notifications only to a client that asks for them with
 * `initializationOptions.clientNotifications: true`, so other editors get plain LSP.
 */
import type { ReadinessReport, ReportOutline } from '../service/index';

/** client → server request (answered for any client): the readiness report of an open document */
export const REPORT_REQUEST = 'diligence/report';

export interface ReportResponse {
  uri: string;
  version: number;
  report: ReadinessReport;
  markdown: string;
  outline: ReportOutline;
}

/** server → client, after each analysis of an open markdown document */
export const STATUS_NOTIFICATION = 'diligence/status';
/** server → client, while the evidence links of a document are checked */
export const LINK_PROGRESS_NOTIFICATION = 'diligence/linkCheckProgress';
/** server → client, when a link check ended with links it could not check (rate limit, offline…) */
export const LINKS_NOT_CHECKED_NOTIFICATION = 'diligence/linksNotChecked';
/** client → server: stop the pending link checks of a document */
export const CANCEL_LINK_CHECKS_NOTIFICATION = 'diligence/cancelLinkChecks';

export interface Tally {
  met: number;
  total: number;
}

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

export interface LinksNotCheckedParams {
  uri: string;
  reason: 'offline' | 'rate-limited' | 'untrusted' | 'cancelled';
  message: string;
  /** ms since the epoch, for rate limits */
  resetAt?: number;
  /** the GitHub API is what rate-limited us (a GitHub sign-in raises the limit) */
  github: boolean;
  /** the server had a GitHub token when it asked */
  authenticated: boolean;
}

export interface CancelLinkChecksParams {
  uri: string;
}

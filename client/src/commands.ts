/**
 * The commands the extension contributes (package.json), registered by extension.ts at
 * activation and implemented in the language client's bundle, which registers them through
 * `Register` once it is loaded. Pure: the tests compare it with the manifest.
 */
export const COMMANDS = [
  'diligence.showReport',
  'diligence.showReportMarkdown',
  'diligence.restartServer',
  'diligence.signInToGitHub',
  'diligence.showOutput',
  'diligence.newDocument',
  'diligence.newDocumentFromIssue',
  'diligence.triageIssue',
  'diligence.openIssueFromTodos',
  'diligence.copyTodos',
  'diligence.clearLinkCache',
  'diligence.setReviewerName',
  'diligence.refreshEvidence',
  'diligence.newInterview',
  'diligence.showInterviews',
  'diligence.refreshInterviews',
  'diligence.draftPublicComment',
] as const;

export type CommandId = (typeof COMMANDS)[number];

/** Registers a command's implementation (undone by disposing what it returns). */
export type Register = (id: CommandId, run: (...args: never[]) => unknown) => { dispose(): void };

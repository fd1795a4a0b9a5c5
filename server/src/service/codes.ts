/**
 * Diagnostic codes: stable names, documented once in the README's table. A new rule adds its
 * code here.
 */
export const Code = {
  placeholder: 'placeholder',
  todo: 'todo',
  evaluationMissing: 'evaluation-missing',
  checkedWithoutEvidence: 'checked-without-evidence',
  evaluationDelegated: 'evaluation-delegated',
  checkedWithOpenTodo: 'checked-with-open-todo',
  requiredUnmet: 'required-unmet',
  subitemUnchecked: 'subitem-unchecked',
  criterionWithoutCheckbox: 'criterion-without-checkbox',
  criterionNested: 'criterion-nested',
  noChecklist: 'no-checklist',
  // the document against its template
  criterionMissing: 'criterion-missing',
  criterionNotInTemplate: 'criterion-not-in-template',
  criterionReworded: 'criterion-reworded',
  criterionLevel: 'criterion-level',
  linkMalformed: 'link-malformed',
  // evidence links (checked over the network)
  linkBroken: 'link-broken',
  linkUnreachable: 'link-unreachable',
  linkRedirected: 'link-redirected',
  linkFragment: 'link-fragment',
  linkUnpinned: 'link-unpinned',
  linkArchived: 'link-archived',
  linksNotChecked: 'links-not-checked',
  linkNotChecked: 'link-not-checked',
  // evidence discovered in the project's repositories
  evidenceAvailable: 'evidence-available',
  evidenceStale: 'evidence-stale',
  maintainersOneOrganisation: 'maintainers-one-organisation',
  // the summary held against the checklist
  verdictUnmet: 'verdict-unmet',
  verdictConditions: 'verdict-conditions',
  blockerResolved: 'blocker-resolved',
  // adopter interviews (files beside the document) and the public comment period
  interviewNamesOrganisation: 'interview-names-organisation',
  interviewMaintainer: 'interview-maintainer',
  interviewUnanswered: 'interview-unanswered',
  interviewApprovalOverdue: 'interview-approval-overdue',
  interviewsTooFew: 'interviews-too-few',
  publicCommentFreeze: 'public-comment-freeze',
  // the analysis itself
  documentTooLarge: 'document-too-large',
  // the document's own suppression comments (<!-- diligence-disable … -->)
  directiveInvalid: 'directive-invalid',
} as const;

export type DiagnosticCode = (typeof Code)[keyof typeof Code];

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const DEFAULT_SEVERITY: Record<DiagnosticCode, Severity> = {
  'placeholder': 'warning',
  'todo': 'information',
  'evaluation-missing': 'information',
  'checked-without-evidence': 'warning',
  'evaluation-delegated': 'information',
  'checked-with-open-todo': 'warning',
  'required-unmet': 'information',
  'subitem-unchecked': 'warning',
  'criterion-without-checkbox': 'information',
  'criterion-nested': 'hint',
  'no-checklist': 'information',
  'criterion-missing': 'warning',
  'criterion-not-in-template': 'hint',
  'criterion-reworded': 'hint',
  'criterion-level': 'information',
  'link-malformed': 'warning',
  'link-broken': 'warning',
  'link-unreachable': 'information',
  'link-redirected': 'hint',
  'link-fragment': 'warning',
  'link-unpinned': 'information',
  'link-archived': 'warning',
  'links-not-checked': 'information',
  'link-not-checked': 'hint',
  'evidence-available': 'information',
  'evidence-stale': 'hint',
  'maintainers-one-organisation': 'warning',
  'verdict-unmet': 'warning',
  'verdict-conditions': 'information',
  'blocker-resolved': 'hint',
  'interview-names-organisation': 'warning',
  'interview-maintainer': 'warning',
  'interview-unanswered': 'information',
  'interview-approval-overdue': 'hint',
  'interviews-too-few': 'information',
  'public-comment-freeze': 'warning',
  'document-too-large': 'information',
  'directive-invalid': 'warning',
};

export const ALL_CODES = Object.keys(DEFAULT_SEVERITY) as DiagnosticCode[];

/**
 * The name of an LSP severity (DiagnosticSeverity: 1 error, 2 warning, 3 information, 4 hint;
 * none is information). Written with the numbers so that the command line's start-up
 * (cli/warm.ts) does not load vscode-languageserver-types for them.
 */
export function severityName(s: 1 | 2 | 3 | 4 | undefined): Severity {
  switch (s) {
    case 1: return 'error';
    case 2: return 'warning';
    case 4: return 'hint';
    default: return 'information';
  }
}

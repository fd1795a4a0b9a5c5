/**
 * Is this markdown a due diligence? Decided on evidence, never on one marker: a bold task item is
 * also a sprint plan's, a `**TODO for Alice**` also a README's. Evidence is a title that says so,
 * the template's own comments and reviewer placeholder, its structure (criteria under Required /
 * Suggested levels), or a profile that recognises its criteria. Our own readiness report says
 * "Due Diligence" in its title but is not one.
 */
import type { DiligenceModel } from '../model/types';
import type { ProfileMatch } from '../profiles/types';

const TITLE = /due\s+diligence|evaluation\s+summary|\bdd\s+review\b/i;
/** the template's own markers: its reviewer placeholder, its evaluation and assertion comments */
const TEMPLATE_MARKS = /\$(?:TOCMEMBER|TACMEMBER)\b|<!--\s*\((?:TOC|TAC|Project)\s+(?:Evaluation|assertion)/i;

/** The readiness report we write (`reportToMarkdown`): its heading and first lines. */
export function isReadinessReport(text: string): boolean {
  const head = text.slice(0, 2000).replace(/^\uFEFF/, '');
  return /^# Readiness: [^\n]*\r?\n\r?\n- Project: [^\n]*\r?\n- Level applied for: /.test(head);
}

/** Signs read from the text alone, for a document too large to analyse. */
export function textSaysDueDiligence(text: string): boolean {
  const head = text.slice(0, 20_000);
  if (isReadinessReport(head)) return false;
  const h1 = /^#[ \t]+([^\n]*)/m.exec(head);
  return (!!h1 && TITLE.test(h1[1]!)) || TEMPLATE_MARKS.test(head);
}

export function modelIsDueDiligence(model: DiligenceModel, match: () => ProfileMatch | undefined): boolean {
  if (isReadinessReport(model.text)) return false;
  if (model.title && TITLE.test(model.title.text)) return true;
  if (model.areas.some((a) => a.kind === 'summary')) return true;
  if (model.comments.some((c) => c.kind === 'evaluation' || c.kind === 'assertion')) return true;
  if (model.placeholders.some((p) => p.text === '$TOCMEMBER' || p.text === '$TACMEMBER')) return true;
  // the template's structure: criteria under Required / Suggested level headings
  if (model.criteria.filter((c) => c.level !== undefined).length >= 2) return true;
  if (model.criteria.length === 0) return false;
  const m = match();
  return !!m && m.criteria.filter(Boolean).length >= 2;
}

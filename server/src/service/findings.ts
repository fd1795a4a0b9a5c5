import type { DiagnosticCode } from './codes';
import type { Span } from './model/types';

/**
 * What a rule or a checker found, before it becomes an LSP diagnostic. `data` carries what the
 * quick fixes need (kept small and JSON-serialisable: it travels in Diagnostic.data).
 */
export interface Finding {
  code: DiagnosticCode;
  span: Span;
  message: string;
  data?: FindingData;
}

export interface FindingData {
  /** a replacement for the finding's span offered by a quick fix (e.g. the final URL) */
  replacement?: string;
  /** the quick fix's title, when `replacement` is set */
  replacementTitle?: string;
  /** index of the criterion concerned */
  criterion?: number;
  /** index of the TODO concerned */
  todo?: number;
  /** index of the link concerned */
  link?: number;
  /** stable id of the template criterion concerned */
  templateCriterion?: string;
}

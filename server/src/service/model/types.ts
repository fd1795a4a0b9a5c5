/**
 * The document model: what a due-diligence document says, each part with its exact place.
 * Places are offsets into the text (`Span`); features turn them into LSP ranges through the
 * model's LineIndex. The model holds plain data (indices instead of object references), so two
 * models of the same text compare equal with a deep comparison.
 */
import type { LineIndex } from '../text/lineIndex';
import type { Span } from '../text/span';

export type { Span };

export type ProjectLevel = 'Sandbox' | 'Incubation' | 'Graduation' | 'Emeritus';
export const PROJECT_LEVELS: readonly ProjectLevel[] = ['Sandbox', 'Incubation', 'Graduation', 'Emeritus'];

export type LevelKind = 'suggested' | 'required';

export interface Heading {
  depth: number;
  text: string;
  span: Span;
}

export interface Title {
  text: string;
  span: Span;
}

export interface Area {
  name: string;
  /** `summary` for the "… Evaluation Summary for X" section, `checklist` for the others */
  kind: 'summary' | 'checklist';
  heading: Span;
  /** from the heading to the next `##`/`#` heading (or the end) */
  span: Span;
  levels: LevelSection[];
  /** indices into DiligenceModel.criteria */
  criteria: number[];
}

export interface LevelSection {
  kind: LevelKind;
  heading: Span;
  span: Span;
  /** indices into DiligenceModel.criteria */
  criteria: number[];
  /** the level says "N/A": there is nothing to meet */
  notApplicable: boolean;
}

export interface SubItem {
  checked: boolean;
  text: string;
  /** its bold title, when its text starts with one (a criterion indented by mistake?) */
  title?: string;
  checkbox: Span;
  span: Span;
}

export interface Criterion {
  index: number;
  title: string;
  /** the bold title */
  titleSpan: Span;
  /** the `[ ]` / `[x]` (empty, where it belongs, when the criterion has none) */
  checkbox: Span;
  checked: boolean;
  /** false for `- **Title.**` written without a checkbox */
  hasCheckbox: boolean;
  /** index into DiligenceModel.areas, -1 outside any area */
  area: number;
  level: LevelKind | undefined;
  /** from the list item's start to the next criterion or heading (trailing blank lines excluded) */
  span: Span;
  /** column of the list item's content (where its continuation lines are indented to) */
  contentIndent: number;
  subItems: SubItem[];
  /** the reviewer's finding: body text that is not the title, a template comment, a TODO or a sub-item */
  evaluation: string;
  /** the same by paragraph (and list item, and checked sub-item): what rules compare with a template's text */
  evaluationParts: string[];
  /** indices into DiligenceModel.links: evidence cited in the body (not in the title or a TODO) */
  evidence: number[];
  /** indices into DiligenceModel.todos */
  todos: number[];
  /** indices into DiligenceModel.comments */
  comments: number[];
}

export interface Todo {
  index: number;
  owner: string;
  /** the owner folded for comparison: "KServe Team" and "KServe team" are one owner */
  ownerKey: string;
  /** the bold marker `**TODO for OWNER**` (colon included when it is inside the bold) */
  marker: Span;
  /** from the marker to the end of its paragraph, list item, or the list that follows it */
  span: Span;
  text: string;
  /** written `**DONE for OWNER**` (or struck through): no longer open */
  resolved: boolean;
  /** index into DiligenceModel.criteria, -1 outside any criterion */
  criterion: number;
}

export type PlaceholderKind = 'token' | 'date' | 'path-date' | 'month-year' | 'choice';

export interface Placeholder {
  kind: PlaceholderKind;
  /** the text as written: `$LEVEL`, `DD-MMM-YYYY`, `[has/has not]` */
  text: string;
  span: Span;
  /** for `choice`: the options offered */
  options?: string[];
  criterion: number;
}

export type LinkSyntax = 'inline' | 'autolink' | 'bare' | 'reference' | 'definition';
export type LinkTarget = 'web' | 'relative' | 'fragment' | 'mailto' | 'other';

export interface Link {
  index: number;
  syntax: LinkSyntax;
  target: LinkTarget;
  /** the destination, for references the one of their definition ('' when it has none) */
  url: string;
  /** the link text (autolinks and bare URLs: the URL) */
  text: string;
  span: Span;
  /** where the destination is written (for references: undefined) */
  urlSpan: Span | undefined;
  criterion: number;
  /** inside the criterion's bold title (template text, not evidence) */
  inTitle: boolean;
  /** inside a TODO's text */
  inTodo: boolean;
}

export type CommentKind = 'evaluation' | 'assertion' | 'other';

export interface TemplateComment {
  index: number;
  kind: CommentKind;
  text: string;
  span: Span;
  criterion: number;
}

export type MalformedReason = 'no-scheme' | 'glued' | 'empty' | 'spaces'
  | 'scheme-slashes' | 'empty-segment' | 'invisible' | 'github-no-ref' | 'autolink-no-scheme' | 'no-target' | 'backtick' | 'fork';

export interface MalformedLink {
  reason: MalformedReason;
  /** what is reported */
  span: Span;
  /** the target as written */
  url: string;
  criterion: number;
  /** the span's text as it was meant, when that is clear (a quick fix) */
  replacement?: string;
}

export interface DiligenceModel {
  text: string;
  lines: LineIndex;
  /** H1 if present, else the summary heading */
  title: Title | undefined;
  project: string | undefined;
  level: ProjectLevel | undefined;
  headings: Heading[];
  areas: Area[];
  criteria: Criterion[];
  todos: Todo[];
  placeholders: Placeholder[];
  /** `$WORD`s that are no documented template token (`$HOME`): placeholders only when the document's template has them */
  otherTokens: Placeholder[];
  /** inline code and code blocks, where only a template's own placeholder strings are placeholders */
  codeSpans: Span[];
  /** HTML (blocks and inline), comments included */
  htmlSpans: Span[];
  links: Link[];
  comments: TemplateComment[];
  malformedLinks: MalformedLink[];
}

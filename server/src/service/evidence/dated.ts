/**
 * Every fact Diligence inserts is dated and marked: the bullet ends with "as of YYYY-MM-DD" and its
 * source, and an HTML comment naming the finding it came from,
 *
 *   - Security policy SECURITY.md covers all 5 expected topics ([kserve/kserve](…), as of 2026-12-02) <!-- diligence:evidence security-policy:kserve/kserve:SECURITY.md -->
 *
 * so that **Refresh evidence** finds exactly the lines it wrote (and no other), rewrites them from
 * a new discovery and says what changed, and a fact older than `diligence.evidence.maxAge` days
 * gets an `evidence-stale` hint. The marker is invisible in rendered markdown.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { Code } from '../codes';
import type { Finding } from '../findings';
import type { DiligenceModel, Span } from '../model/types';
import type { EvidenceItem } from '../profiles/types';

export const MARKER = '<!-- diligence:evidence ';

/** What identifies a finding between discoveries: detector, repository, and its file or check. */
export function itemKey(i: EvidenceItem): string {
  const d = i.details ?? {};
  const sub = typeof d['path'] === 'string' ? d['path'] : typeof d['check'] === 'string' ? d['check'] : '';
  return [i.detector, i.repo, ...(sub ? [sub] : [])].map((p) => encodeURIComponent(p).replace(/%2F/g, '/')).join(':');
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function escapeMd(s: string): string {
  return s.replace(/([[\]<>*`\\])/g, '\\$1');
}

/** The bullet's text after "- ": finding, source, date, marker. */
export function datedFact(i: EvidenceItem, asOf: Date): string {
  return `${escapeMd(i.summary)} ([${i.repo}](${i.url}), as of ${isoDay(asOf)}) ${MARKER}${itemKey(i)} -->`;
}

export interface InsertedFact {
  /** 0-based line */
  line: number;
  key: string;
  /** YYYY-MM-DD, when the line still says "as of" */
  asOf: string | undefined;
  /** the line from after its bullet marker to its end */
  span: Span;
  text: string;
}

const KEY_RE = /^[\w.~%:/-]{1,500}$/;
const AS_OF_RE = /as of (\d{4}-\d{2}-\d{2})\) $/;

/** The lines Diligence inserted: a bullet whose line ends with the marker (one linear pass). */
export function insertedFacts(model: DiligenceModel): InsertedFact[] {
  const out: InsertedFact[] = [];
  const text = model.text;
  for (let at = text.indexOf(MARKER); at >= 0; at = text.indexOf(MARKER, at + MARKER.length)) {
    const pos = model.lines.positionAt(at);
    const start = model.lines.offsetAt({ line: pos.line, character: 0 });
    const end = model.lines.lineEnd(pos.line);
    const line = text.slice(start, end);
    const close = line.indexOf(' -->', at - start);
    if (close < 0 || line.slice(close + 4).trim() !== '') continue;
    const key = line.slice(at - start + MARKER.length, close);
    const bullet = /^[ \t>]*[-*+][ \t]/.exec(line);
    if (!bullet || !KEY_RE.test(key)) continue;
    const before = line.slice(bullet[0].length, at - start);
    out.push({ line: pos.line, key, asOf: AS_OF_RE.exec(before)?.[1], span: { start: start + bullet[0].length, end }, text: line.slice(bullet[0].length) });
  }
  return out;
}

const DAY = 86_400_000;

/** `evidence-stale` on inserted facts older than `maxAgeDays` (0: never). */
export function staleFindings(model: DiligenceModel, now: Date, maxAgeDays: number): Finding[] {
  if (maxAgeDays <= 0) return [];
  const out: Finding[] = [];
  for (const f of insertedFacts(model)) {
    if (!f.asOf) continue;
    const age = Math.floor((now.getTime() - Date.parse(`${f.asOf}T00:00:00Z`)) / DAY);
    if (!(age > maxAgeDays)) continue;
    out.push({
      code: Code.evidenceStale,
      span: f.span,
      message: `This fact was discovered on ${f.asOf}, ${age} days ago (more than ${maxAgeDays}): refresh the evidence`,
    });
  }
  return out;
}

export interface EvidenceChange {
  /** 1-based line */
  line: number;
  kind: 'changed' | 'confirmed' | 'not-found';
  before: string;
  after?: string;
}

const withoutDate = (s: string): string => s.replace(/, as of \d{4}-\d{2}-\d{2}\) /, ') ');

/**
 * Rewrites the inserted facts from `items` (a new discovery), dated `now`: a fact whose finding is
 * still there is rewritten (changed, or only its date: confirmed); one whose finding is gone or no
 * longer found is left as it is and reported. Lines Diligence did not write are never touched.
 */
export function refreshEdits(model: DiligenceModel, items: readonly EvidenceItem[], now: Date): { edits: TextEdit[]; changes: EvidenceChange[] } {
  const byKey = new Map<string, EvidenceItem>();
  for (const i of items) if (i.found && i.url && !byKey.has(itemKey(i))) byKey.set(itemKey(i), i);
  const edits: TextEdit[] = [];
  const changes: EvidenceChange[] = [];
  for (const f of insertedFacts(model)) {
    const item = byKey.get(f.key);
    if (!item) {
      changes.push({ line: f.line + 1, kind: 'not-found', before: f.text });
      continue;
    }
    const next = datedFact(item, now);
    if (next === f.text) continue;
    edits.push({ range: model.lines.range(f.span), newText: next });
    changes.push({ line: f.line + 1, kind: withoutDate(next) === withoutDate(f.text) ? 'confirmed' : 'changed', before: f.text, after: next });
  }
  return { edits, changes };
}

/** One line per change, for the user (markers left out). */
export function describeChanges(changes: readonly EvidenceChange[]): string[] {
  const plain = (s: string): string => s.slice(0, s.indexOf(MARKER) >= 0 ? s.indexOf(MARKER) : s.length).trim();
  return changes.filter((c) => c.kind !== 'confirmed').map((c) =>
    c.kind === 'not-found' ? `line ${c.line}: no longer found, left as it was: ${plain(c.before)}` : `line ${c.line}: ${plain(c.before)} → ${plain(c.after ?? '')}`);
}

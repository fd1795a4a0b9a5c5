/**
 * Which profile a document follows, and which profile criterion each of its criteria is — by
 * meaning, not exact text: template wording changes between versions ("Document the project's
 * release process" / "Document the release process and guidelines in RELEASES.md").
 *
 * Each profile criterion becomes a weighted bag of terms (title + keywords, weighted by how rare
 * a term is among the profile's criteria); a document criterion is compared to each by cosine
 * similarity, with a bonus for keyword phrases it contains and a small one for the same area and
 * level. Pairs above a threshold are assigned one-to-one, best first.
 */
import { MAX_TITLE_CHARS, titlePattern } from './titlePattern';
import type { DiligenceModel } from '../model/types';
import { readFrontMatter } from '../model/frontMatter';
import { containsRun, terms } from './text';
import type { Profile, ProfileCriterion, ProfileMatch } from './types';

/** A document criterion is recognised as a profile criterion at this score or above. */
export const CRITERION_THRESHOLD = 0.3;
/** A profile applies to a document at this confidence or above. */
export const PROFILE_THRESHOLD = 0.3;

/** score bonuses for the same area and the same level */
const AREA_BONUS = 0.05;
const LEVEL_BONUS = 0.03;

type Vector = Map<string, number>;

interface PreparedCriterion {
  criterion: ProfileCriterion;
  area: string[];
  vector: Vector;
  norm: number;
  phrases: string[][];
}

interface Prepared {
  idf: (term: string) => number;
  criteria: PreparedCriterion[];
  /** term → the criteria whose vector has it (ascending) */
  index: Map<string, number[]>;
  /** a document criterion title's candidate criteria and scores (see `titleCandidates`) */
  scores: Map<string, ReadonlyArray<readonly [number, number]>>;
}

/** document criteria whose candidate pairs are kept per profile (then the memo starts again) */
const MAX_SCORED = 20_000;
/** titles and area names longer than this are not kept in the tables (a long-running server would hold them) */
const MAX_MEMO_KEY = 500;

const prepared = new WeakMap<Profile, Prepared>();

function add(v: Vector, term: string, w: number): void {
  v.set(term, (v.get(term) ?? 0) + w);
}

function norm(v: Vector): number {
  let n = 0;
  for (const w of v.values()) n += w * w;
  return Math.sqrt(n);
}

function prepare(profile: Profile): Prepared {
  const hit = prepared.get(profile);
  if (hit) return hit;
  const all = profile.areas.flatMap((a) => a.criteria.map((c) => ({ c, area: a })));
  const bags = all.map(({ c }) => ({ title: terms(c.title), keywords: c.keywords.map(terms) }));
  const df = new Map<string, number>();
  for (const b of bags) for (const t of new Set([...b.title, ...b.keywords.flat()])) df.set(t, (df.get(t) ?? 0) + 1);
  const n = Math.max(1, all.length);
  const idf = (t: string): number => Math.log(1 + n / (df.get(t) ?? 0.5));
  const criteria = all.map(({ c, area }, i) => {
    const vector: Vector = new Map();
    const b = bags[i]!;
    for (const t of new Set(b.title)) add(vector, t, idf(t));
    // keywords are chosen by hand: they count more than the title's incidental words
    for (const t of new Set(b.keywords.flat())) add(vector, t, 0.75 * idf(t));
    return { criterion: c, area: terms(area.name), vector, norm: norm(vector), phrases: b.keywords.filter((k) => k.length >= 2) };
  });
  const index = new Map<string, number[]>();
  criteria.forEach((pc, j) => {
    for (const t of pc.vector.keys()) {
      const list = index.get(t);
      if (list) list.push(j);
      else index.set(t, [j]);
    }
  });
  const p = { idf, criteria, index, scores: new Map() };
  prepared.set(profile, p);
  return p;
}

function docVector(words: readonly string[], idf: (t: string) => number): Vector {
  const v: Vector = new Map();
  for (const t of new Set(words)) add(v, t, idf(t));
  return v;
}

function cosine(a: Vector, an: number, b: Vector, bn: number): number {
  if (an === 0 || bn === 0) return 0;
  let dot = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const [t, w] of small) {
    const o = large.get(t);
    if (o !== undefined) dot += w * o;
  }
  return dot / (an * bn);
}

/** The similarity of a document criterion's title to one profile criterion, before the area and level bonuses. */
function titleScore(words: readonly string[], v: Vector, vn: number, pc: PreparedCriterion): number {
  const s = cosine(v, vn, pc.vector, pc.norm);
  let phrases = 0;
  for (const ph of pc.phrases) if (containsRun(words, ph)) phrases++;
  return s + Math.min(0.3, 0.15 * phrases);
}

/** The similarity of one document criterion to one profile criterion (0..~1.3). */
function withBonuses(base: number, areaWords: ReadonlySet<string>, level: string | undefined, pc: PreparedCriterion): number {
  let s = base;
  if (pc.area.some((t) => areaWords.has(t))) s += AREA_BONUS;
  if (level !== undefined && level === pc.criterion.level) s += LEVEL_BONUS;
  return s;
}

/** For each model criterion, the profile criterion it is recognised as (one-to-one). */
export function recogniseCriteria(model: DiligenceModel, profile: Profile): Array<ProfileCriterion | undefined> {
  // what the pairing reads of the model: each criterion's title, level and area name. A keystroke
  // in evaluation text changes none of them, so the new version's model reuses the pairing.
  let key = shapes.get(model);
  if (key === undefined) shapes.set(model, (key = model.criteria.map((c) => `${c.level ?? ''}\u0001${c.title}\u0001${model.areas[c.area]?.name ?? ''}`).join('\u0000')));
  let memo = recognised.get(profile);
  if (!memo) recognised.set(profile, (memo = new Map()));
  const hit = memo.get(key);
  if (hit) return hit.slice();
  const out = pairCriteria(model, profile);
  // a few shapes per profile: the versions being typed, and the document's neighbours
  if (memo.size >= 8) memo.delete(memo.keys().next().value!);
  memo.set(key, out);
  return out.slice();
}

/** The shape of each model's criteria (see `recogniseCriteria`), built once per model. */
const shapes = new WeakMap<DiligenceModel, string>();
/** Pairing results per profile, by the shape of the criteria (see `recogniseCriteria`). */
const recognised = new WeakMap<Profile, Map<string, ReadonlyArray<ProfileCriterion | undefined>>>();

/** what a pair can score without sharing a term (the area and level bonuses): below the threshold, so such pairs never count */
export const BONUS_WITHOUT_TERMS = AREA_BONUS + LEVEL_BONUS;

/**
 * The profile criteria a document criterion's title shares a term with, as [index, title score]
 * by ascending index. Only those can reach the threshold: a phrase bonus needs the phrase's terms
 * (which are in the criterion's vector), so any other criterion scores at most
 * BONUS_WITHOUT_TERMS. Kept per profile by title: documents of one template repeat their
 * criteria, and the CLI reads many of them.
 */
function titleCandidates(p: Prepared, title: string): ReadonlyArray<readonly [number, number]> {
  const keep = title.length <= MAX_MEMO_KEY;
  const hit = keep ? p.scores.get(title) : undefined;
  if (hit) return hit;
  const words = titleTerms(title);
  const v = docVector(words, p.idf);
  const vn = norm(v);
  const shared = new Set<number>();
  for (const t of v.keys()) for (const j of p.index.get(t) ?? []) shared.add(j);
  const out = [...shared].sort((a, b) => a - b).map((j) => [j, titleScore(words, v, vn, p.criteria[j]!)] as const);
  if (keep) {
    if (p.scores.size >= MAX_SCORED) p.scores.clear();
    p.scores.set(title, out);
  }
  return out;
}

/** `terms` of criterion titles and area names, shared by the profiles (a document is matched against each) */
const termsMemo = new Map<string, string[]>();

function titleTerms(text: string): string[] {
  if (text.length > MAX_MEMO_KEY) return terms(text);
  let t = termsMemo.get(text);
  if (t === undefined) {
    if (termsMemo.size >= MAX_SCORED) termsMemo.clear();
    termsMemo.set(text, (t = terms(text)));
  }
  return t;
}

function pairCriteria(model: DiligenceModel, profile: Profile): Array<ProfileCriterion | undefined> {
  const p = prepare(profile);
  const pairs: Array<{ doc: number; prof: number; s: number }> = [];
  model.criteria.forEach((c, i) => {
    const areaWords = new Set(titleTerms(model.areas[c.area]?.name ?? ''));
    for (const [j, base] of titleCandidates(p, c.title)) {
      const s = withBonuses(base, areaWords, c.level, p.criteria[j]!);
      if (s >= CRITERION_THRESHOLD) pairs.push({ doc: i, prof: j, s });
    }
  });
  pairs.sort((a, b) => b.s - a.s || a.doc - b.doc || a.prof - b.prof);
  const out: Array<ProfileCriterion | undefined> = model.criteria.map(() => undefined);
  const taken = new Set<number>();
  for (const { doc, prof } of pairs) {
    if (out[doc] || taken.has(prof)) continue;
    out[doc] = p.criteria[prof]!.criterion;
    taken.add(prof);
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** each detection word's pattern, compiled once per list */
const keywordPatterns = new WeakMap<readonly string[], RegExp[]>();

/** How much a profile's detection words appear in the text (0..1). */
function keywordScore(text: string, keywords: readonly string[]): number {
  if (keywords.length === 0) return 0;
  let patterns = keywordPatterns.get(keywords);
  if (!patterns) {
    patterns = keywords.map((k) => new RegExp(`(^|[^A-Za-z0-9])${escapeRegExp(k)}($|[^A-Za-z0-9])`, /^[A-Z]{2,5}$/.test(k) ? '' : 'i'));
    keywordPatterns.set(keywords, patterns);
  }
  let hits = 0;
  for (const re of patterns) if (re.test(text)) hits++;
  return hits / keywords.length;
}

/** The document's own headings that name it: the title and the summary heading. */
function titleTexts(model: DiligenceModel): string[] {
  const out: string[] = [];
  if (model.title) out.push(model.title.text);
  for (const a of model.areas) if (a.kind === 'summary') out.push(a.name);
  return out;
}

/**
 * The profile this document follows, with its criteria recognised; undefined when none fits.
 * A front-matter `profile: <id>` names it outright.
 */
export function matchProfile(model: DiligenceModel, profiles: readonly Profile[]): ProfileMatch | undefined {
  if (profiles.length === 0) return undefined;
  const named = readFrontMatter(model.text)?.fields.get('profile');
  if (typeof named === 'string') {
    const profile = profiles.find((p) => p.id === named.trim());
    if (profile) return { profile, confidence: 1, criteria: recogniseCriteria(model, profile) };
  }
  const head = model.text.slice(0, 50_000);
  const titles = titleTexts(model);
  let best: ProfileMatch | undefined;
  // compared unrounded: a rounded best would lose a tie to a later profile a hair above it
  let bestRaw = -1;
  for (const profile of profiles) {
    const criteria = recogniseCriteria(model, profile);
    const recognised = criteria.filter(Boolean).length;
    const size = profile.areas.reduce((n, a) => n + a.criteria.length, 0);
    // F1 of the two lists: a document with a few criteria of a big profile still fits it
    const coverage = model.criteria.length + size === 0 ? 0 : (2 * recognised) / (model.criteria.length + size);
    const patterns = profile.detect.titlePatterns.map(titlePattern).filter((r): r is RegExp => r !== undefined);
    const title = titles.some((t) => patterns.some((r) => r.test(t.slice(0, MAX_TITLE_CHARS)))) ? 1 : 0;
    const level = model.level === undefined ? 0 : model.level.toLowerCase() === profile.stage.toLowerCase() ? 1 : -0.5;
    const words = keywordScore(head, profile.detect.keywords);
    const confidence = Math.max(0, Math.min(1, 0.4 * coverage + 0.25 * title + 0.15 * level + 0.2 * words));
    if (confidence >= PROFILE_THRESHOLD && confidence > bestRaw) {
      best = { profile, confidence: Math.round(confidence * 100) / 100, criteria };
      bestRaw = confidence;
    }
  }
  return best;
}

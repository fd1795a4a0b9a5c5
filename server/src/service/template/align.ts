/**
 * A document's criteria against its template's: each document criterion paired with a template
 * criterion by meaning (the profile matcher, run on the template's criteria with the overlays'
 * keywords), then per template criterion present / missing / reworded / at another level, per
 * document criterion not in the template, and the template's sub-items the document lacks.
 */
import type { DiligenceModel, LevelKind } from '../model/types';
import { recogniseCriteria } from '../profiles/match';
import { normaliseTitle, type TemplateModel } from './model';

export interface AlignedPair {
  /** template criterion index */
  template: number;
  /** document criterion index */
  doc: number;
}

export interface Alignment {
  template: TemplateModel;
  /** by document criterion: the template criterion it is, or -1 */
  docToTemplate: number[];
  /** by template criterion: the document criterion, or -1 */
  templateToDoc: number[];
  /** template criteria the document does not have */
  missing: number[];
  /** document criteria the template does not have */
  notInTemplate: number[];
  /** pairs whose wording differs (the built-in fallback has no wording to compare: none) */
  reworded: AlignedPair[];
  /** pairs the document lists under a level heading other than the template's */
  levelChanged: AlignedPair[];
  /** pairs where the document lacks some of the template's sub-items */
  subItemsMissing: Array<AlignedPair & { items: string[] }>;
  /** by document criterion: its level, the template's where the document has no level heading */
  levels: Array<LevelKind | undefined>;
}

/** Pairs the document's criteria with the template's. */
export function alignDocument(model: DiligenceModel, template: TemplateModel): Alignment {
  const ids = new Map(template.criteria.map((c) => [c.id, c.index]));
  const docToTemplate = model.criteria.map(() => -1);
  const templateToDoc = template.criteria.map(() => -1);
  const pair = (d: number, id: string | undefined): void => {
    const t = id === undefined ? undefined : ids.get(id);
    if (t === undefined || docToTemplate[d]! >= 0 || templateToDoc[t]! >= 0) return;
    docToTemplate[d] = t;
    templateToDoc[t] = d;
  };
  // first by stable id (the overlay each side is recognised as); then by meaning, for the
  // document's criteria no overlay recognises (one the template dropped stays unpaired)
  const overlays = recogniseCriteria(model, template.profile);
  overlays.forEach((pc, d) => pair(d, pc?.id));
  if (overlays.some((pc) => !pc)) recogniseCriteria(model, template.asProfile).forEach((pc, d) => (overlays[d] ? undefined : pair(d, pc?.id)));
  const wording = template.info.source !== 'builtin';
  const reworded: AlignedPair[] = [];
  const levelChanged: AlignedPair[] = [];
  const subItemsMissing: Alignment['subItemsMissing'] = [];
  templateToDoc.forEach((d, t) => {
    if (d < 0) return;
    const tc = template.criteria[t]!;
    const dc = model.criteria[d]!;
    if (wording && normaliseTitle(tc.title) !== normaliseTitle(dc.title)) reworded.push({ template: t, doc: d });
    if (dc.level !== undefined && tc.level !== undefined && dc.level !== tc.level) levelChanged.push({ template: t, doc: d });
    if (tc.subItems.length > 0) {
      const have = new Set(dc.subItems.map((s) => normaliseTitle(s.text)));
      const items = tc.subItems.filter((s) => !have.has(normaliseTitle(s)));
      // a sub-item reworded by the reviewer still counts when the document has as many
      if (items.length > 0 && dc.subItems.length < tc.subItems.length) subItemsMissing.push({ template: t, doc: d, items });
    }
  });
  return {
    template,
    docToTemplate,
    templateToDoc,
    missing: templateToDoc.flatMap((d, t) => (d < 0 ? [t] : [])),
    notInTemplate: docToTemplate.flatMap((t, d) => (t < 0 ? [d] : [])),
    reworded,
    levelChanged,
    subItemsMissing,
    levels: model.criteria.map((c, i) => c.level ?? template.criteria[docToTemplate[i]!]?.level),
  };
}

/** The model with each criterion's level as the alignment gives it (the same model when nothing changes). */
export function withTemplateLevels(model: DiligenceModel, alignment: Alignment): DiligenceModel {
  if (model.criteria.every((c, i) => c.level === alignment.levels[i])) return model;
  return { ...model, criteria: model.criteria.map((c, i) => (c.level === alignment.levels[i] ? c : { ...c, level: alignment.levels[i] })) };
}

/** What changed in a template's criteria between two versions (the older read as a document). */
import { alignDocument } from './align';
import type { TemplateCriterion, TemplateModel } from './model';

export interface TemplateChange {
  id: string;
  title: string;
  area: string;
  level: TemplateCriterion['level'];
  /** for reworded / level changes: the older version's */
  before?: { title: string; level: TemplateCriterion['level'] };
}

export interface TemplateDiff {
  added: TemplateChange[];
  removed: TemplateChange[];
  reworded: TemplateChange[];
  levelChanged: TemplateChange[];
}

function change(c: TemplateCriterion, before?: TemplateCriterion): TemplateChange {
  return { id: c.id, title: c.title, area: c.area, level: c.level, ...(before ? { before: { title: before.title, level: before.level } } : {}) };
}

export function diffTemplates(older: TemplateModel, newer: TemplateModel): TemplateDiff {
  if (!older.model) {
    // the built-in criteria have no wording of their own: compare by id
    const ids = new Set(older.criteria.map((c) => c.id));
    const newIds = new Set(newer.criteria.map((c) => c.id));
    return { added: newer.criteria.filter((c) => !ids.has(c.id)).map((c) => change(c)), removed: older.criteria.filter((c) => !newIds.has(c.id)).map((c) => change(c)), reworded: [], levelChanged: [] };
  }
  const a = alignDocument(older.model, newer);
  // between versions a level heading added or taken away is a change too (a document without
  // one takes the template's level: there it is not)
  const levelChanged = a.templateToDoc.flatMap((d, t) => (d >= 0 && older.criteria[d]!.level !== newer.criteria[t]!.level ? [change(newer.criteria[t]!, older.criteria[d])] : []));
  return {
    added: a.missing.map((t) => change(newer.criteria[t]!)),
    removed: a.notInTemplate.map((d) => change(older.criteria[d]!)),
    reworded: a.reworded.map((p) => change(newer.criteria[p.template]!, older.criteria[p.doc])),
    levelChanged,
  };
}

/** "4 criteria added, 1 removed, 2 reworded" ('' when nothing changed). */
export function describeDiff(d: TemplateDiff): string {
  const parts: string[] = [];
  if (d.added.length) parts.push(`${d.added.length} ${d.added.length === 1 ? 'criterion' : 'criteria'} added`);
  if (d.removed.length) parts.push(`${d.removed.length} removed`);
  if (d.reworded.length) parts.push(`${d.reworded.length} reworded`);
  if (d.levelChanged.length) parts.push(`${d.levelChanged.length} at another level`);
  return parts.join(', ');
}

/**
 * Which version of the template a document started from: the version whose criteria best match
 * the document's (fewest criteria on one side only, then fewest reworded; ties: the oldest), and
 * what changed in the template since.
 */
import type { DiligenceModel } from '../model/types';
import { alignDocument } from './align';
import { describeDiff, diffTemplates, type TemplateDiff } from './diff';
import type { TemplateVersion } from './source';

export interface BasedOn {
  sha: string;
  date: string;
  /** index into the history */
  index: number;
  /** versions (commits of the file) after it, up to the one the document is held to */
  changesSince: number;
  /** criteria-level changes from it to the version held to */
  diff: TemplateDiff;
  /** by stable id: the date of the first version after it that has the criterion */
  addedOn: Map<string, string>;
}

export function findBasedOn(model: DiligenceModel, history: readonly TemplateVersion[]): BasedOn | undefined {
  if (history.length === 0 || model.criteria.length === 0) return undefined;
  let best: { index: number; off: number; reworded: number } | undefined;
  history.forEach((v, index) => {
    const a = alignDocument(model, v.template);
    const off = a.missing.length + a.notInTemplate.length;
    const reworded = a.reworded.length;
    // strictly better only: among equals the oldest stays
    if (!best || off < best.off || (off === best.off && reworded < best.reworded)) best = { index, off, reworded };
  });
  const b = best!;
  const from = history[b.index]!;
  const held = history[history.length - 1]!;
  const have = new Set(from.template.criteria.map((c) => c.id));
  const addedOn = new Map<string, string>();
  for (const v of history.slice(b.index + 1)) {
    for (const c of v.template.criteria) if (!have.has(c.id) && !addedOn.has(c.id)) addedOn.set(c.id, v.date);
  }
  return { sha: from.sha, date: from.date, index: b.index, changesSince: history.length - 1 - b.index, diff: diffTemplates(from.template, held.template), addedOn };
}

/** "started from the template of 2025-07-14 (5bed06f8); the template changed 6 times since: 4 criteria added, 1 removed" */
export function describeBasedOn(b: BasedOn): string {
  const head = `started from the template of ${b.date} (${b.sha.slice(0, 8)})`;
  if (b.changesSince === 0) return `${head}, the version it is held to`;
  const what = describeDiff(b.diff);
  return `${head}; the template changed ${b.changesSince} time${b.changesSince === 1 ? '' : 's'} since${what ? `: ${what}` : ''}`;
}

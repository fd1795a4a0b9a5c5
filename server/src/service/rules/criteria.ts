/** Rules on a criterion's state: evaluation, evidence, open TODOs, unmet Required ones. */
import { Code } from '../codes';
import type { Finding } from '../findings';
import type { Criterion, DiligenceModel } from '../model/types';
import { truncate } from './placeholders';
import { delegations, hasEvaluation } from './evaluation';
import { profilesForTitle } from './nested';
import type { Rule } from './types';

/** `[x] **Title**`: where criterion-level findings are shown */
export function headSpan(c: Criterion): { start: number; end: number } {
  return { start: c.checkbox.start, end: c.titleSpan.end };
}

function name(c: Criterion): string {
  return `"${truncate(c.title, 70)}"`;
}

export const evaluationMissingRule: Rule = (model, ctx) => {
  const out: Finding[] = [];
  const delegated = delegations(model);
  for (const c of model.criteria) {
    if (hasEvaluation(c, ctx.template) || delegated.has(c.area)) continue;
    // checked with no evidence either: checked-without-evidence says it (one finding per criterion)
    if (c.checked && c.evidence.length === 0) continue;
    const comment = c.comments.map((i) => model.comments[i]!).find((cm) => cm.kind === 'evaluation');
    out.push({
      code: Code.evaluationMissing,
      span: comment ? comment.span : headSpan(c),
      message: comment ? `No evaluation yet for ${name(c)}: only the template comment` : `No evaluation yet for ${name(c)}`,
      data: { criterion: c.index },
    });
  }
  return out;
};

export const checkedWithoutEvidenceRule: Rule = (model, ctx) => {
  const delegated = delegations(model);
  return model.criteria
    .filter((c) => c.checked && c.evidence.length === 0 && !hasEvaluation(c, ctx.template) && !delegated.has(c.area))
    .map((c) => ({
      code: Code.checkedWithoutEvidence,
      span: headSpan(c),
      message: `${name(c)} is checked but cites no evidence and has no evaluation`,
      data: { criterion: c.index },
    }));
};

/** One finding on an area whose opening note hands its evaluation to another review. */
export const evaluationDelegatedRule: Rule = (model, ctx) => [...delegations(model).values()].map((d) => {
  const a = model.areas[d.area]!;
  const own = a.criteria.filter((i) => !hasEvaluation(model.criteria[i]!, ctx.template)).length;
  return {
    code: Code.evaluationDelegated,
    span: d.span,
    message: `The evaluation of "${truncate(a.name, 60)}" is delegated to ${truncate(d.to, 80)}: ${own} criteri${own === 1 ? 'on has' : 'a have'} no evaluation of ${own === 1 ? 'its' : 'their'} own`,
  };
});

export function openTodos(model: DiligenceModel, c: Criterion) {
  return c.todos.map((i) => model.todos[i]!).filter((t) => !t.resolved);
}

export const checkedWithOpenTodoRule: Rule = (model) => {
  const out: Finding[] = [];
  for (const c of model.criteria) {
    if (!c.checked) continue;
    const open = openTodos(model, c);
    if (open.length === 0) continue;
    const owners = [...new Set(open.map((t) => t.owner))].join(', ');
    out.push({
      code: Code.checkedWithOpenTodo,
      span: headSpan(c),
      message: `${name(c)} is checked while ${open.length === 1 ? 'a TODO' : `${open.length} TODOs`} for ${owners} ${open.length === 1 ? 'is' : 'are'} still open`,
      data: { criterion: c.index, todo: open[0]!.index },
    });
  }
  return out;
};

export const requiredUnmetRule: Rule = (model) =>
  model.criteria
    .filter((c) => c.level === 'required' && !c.checked && c.hasCheckbox)
    .map((c) => ({
      code: Code.requiredUnmet,
      span: headSpan(c),
      message: `Required criterion not met yet: ${name(c)}`,
      data: { criterion: c.index },
    }));

/** `[x]` while a task item under it (the template's own requirement, or the reviewer's) is `[ ]`. */
export const subitemUncheckedRule: Rule = (model) => {
  const out: Finding[] = [];
  for (const c of model.criteria) {
    if (!c.checked) continue;
    for (const s of c.subItems) {
      if (s.checked) continue;
      out.push({
        code: Code.subitemUnchecked,
        span: s.checkbox,
        message: `${name(c)} is checked while its sub-item "${truncate(s.text, 80)}" is not`,
        data: { criterion: c.index },
      });
    }
  }
  return out;
};

/** `- **Title.**` with no checkbox: recognised, counted apart; the source action adds the boxes. */
export const criterionWithoutCheckboxRule: Rule = (model) =>
  model.criteria
    .filter((c) => !c.hasCheckbox)
    .map((c) => ({
      code: Code.criterionWithoutCheckbox,
      span: c.titleSpan,
      message: `${name(c)} is written as a criterion with no checkbox: it can be neither met nor unmet (the source action "Add checkboxes" adds them)`,
      data: { criterion: c.index },
    }));

/** A document with no criteria at all: "Required met 0/0" must not read as a pass. */
export const noChecklistRule: Rule = (model) => {
  if (model.criteria.length > 0) return [];
  const candidates = profilesForTitle(model);
  const held = candidates.length > 0 ? `it could be held to the ${candidates.map((p) => p.name).join(' or ')} template` : 'no template was recognised from its title';
  return [{
    code: Code.noChecklist,
    span: model.title?.span ?? { start: 0, end: 0 },
    message: `No checklist found: no criterion written as "- [ ] **Title**", so nothing is counted as met or unmet; ${held}`,
  }];
};

/** The registry of local rules: a new rule is a new file plus one line here. */
import { checkedWithOpenTodoRule, checkedWithoutEvidenceRule, criterionWithoutCheckboxRule, evaluationDelegatedRule, evaluationMissingRule, noChecklistRule, requiredUnmetRule, subitemUncheckedRule } from './criteria';
import { malformedLinkRule } from './links';
import { criterionNestedRule } from './nested';
import { placeholderRule } from './placeholders';
import { todoRule } from './todos';
import type { Rule } from './types';

export const localRules: readonly Rule[] = [
  placeholderRule,
  todoRule,
  evaluationMissingRule,
  checkedWithoutEvidenceRule,
  evaluationDelegatedRule,
  checkedWithOpenTodoRule,
  requiredUnmetRule,
  subitemUncheckedRule,
  criterionWithoutCheckboxRule,
  noChecklistRule,
  criterionNestedRule,
  malformedLinkRule,
];

export type { Rule, RuleContext } from './types';

import { Code } from '../codes';
import type { Rule } from './types';
import { truncate } from './placeholders';

export const todoRule: Rule = (model) =>
  model.todos
    .filter((t) => !t.resolved)
    .map((t) => ({
      code: Code.todo,
      span: t.marker,
      message: `Open TODO for ${t.owner}${t.text ? `: ${truncate(t.text, 120)}` : ''}`,
      data: { todo: t.index, ...(t.criterion >= 0 ? { criterion: t.criterion } : {}) },
    }));

/**
 * "Copy TODOs for owner…": one owner's open TODOs as a markdown list, each linking back to its
 * line, ready to send to the project.
 */
import { ownerKey } from '../model/build';
import type { DiligenceModel, Todo } from '../model/types';
import { todoOwners } from './report';

export interface OwnerTodos {
  owner: string;
  count: number;
  markdown: string;
}

/** The open TODOs of `owner`, compared as the model compares owners (case and spacing folded). */
export function openTodosOf(model: DiligenceModel, owner: string): Todo[] {
  const key = ownerKey(owner);
  return model.todos.filter((t) => !t.resolved && t.ownerKey === key);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * The open TODOs of `owner` (compared as the model compares owners: case and spacing folded).
 * The list is for the project: a line links to `<linkBase>#L<line>` (1-based) only when linkBase
 * is a web address (the document on GitHub); a link to the reviewer's disk (`file:`) or to an
 * unsaved document is never written, the line number stands alone then.
 */
export function todosForOwner(model: DiligenceModel, owner: string, linkBase?: string): OwnerTodos {
  const key = ownerKey(owner);
  const todos = openTodosOf(model, owner);
  const name = todoOwners(model).find((o) => o.key === key)?.owner ?? oneLine(owner);
  const doc = model.title?.text ?? 'the due-diligence document';
  const web = linkBase !== undefined && /^https?:\/\/[^\s()]+$/i.test(linkBase) ? linkBase.split('#')[0] : undefined;
  const lines = [`Open TODOs for ${name} in ${doc} (${todos.length}):`, ''];
  for (const t of todos) {
    const line = model.lines.positionAt(t.marker.start).line + 1;
    const c = t.criterion >= 0 ? model.criteria[t.criterion] : undefined;
    const text = oneLine(t.text) || '(no text)';
    const on = c ? ` — on *${oneLine(c.title).replace(/\*/g, '\\*')}*` : '';
    lines.push(`- [ ] ${text}${on} (${web ? `[line ${line}](${web}#L${line})` : `line ${line}`})`);
  }
  if (todos.length === 0) lines.push(`No open TODO for ${name}.`);
  return { owner: name, count: todos.length, markdown: lines.join('\n') + '\n' };
}

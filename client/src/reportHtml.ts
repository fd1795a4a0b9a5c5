/**
 * The readiness report as a web page for a webview. Pure (no `vscode` import) so it is
 * unit-tested: every piece of document text is escaped; the page runs under a strict Content
 * Security Policy (nothing remote, styles and the one script by nonce, no inline handlers or
 * style attributes — progress bars are <progress> elements).
 *
 * Links carry `data-line`; the page's script posts `{ type: 'reveal', line }` and the extension
 * reveals that line in the editor. Updates arrive as `{ type: 'update', html }` (the body only),
 * so the page keeps its scroll position.
 */
import type { ReportResponse } from '../../shared/protocol';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface Tally {
  met: number;
  total: number;
}

function jump(line: number, label: string, cls = 'jump'): string {
  return `<a href="#" class="${cls}" data-line="${Math.max(0, Math.floor(line))}" title="Go to line ${Math.floor(line) + 1}">${label}</a>`;
}

function bar(t: Tally, what: string): string {
  if (t.total === 0) return '<span class="none">—</span>';
  const pct = Math.round((t.met / t.total) * 100);
  return `<span class="tally"><progress max="${t.total}" value="${t.met}" aria-label="${escapeHtml(what)}: ${t.met} of ${t.total} met"></progress> <span class="count${t.met === t.total ? ' done' : ''}">${t.met}/${t.total}</span> <span class="pct">${pct}%</span></span>`;
}

/** The page's body (what `update` messages replace). */
export function renderReportBody(r: ReportResponse): string {
  const { report, outline } = r;
  const suggested = report.areas.reduce((t, a) => ({ met: t.met + a.suggested.met, total: t.total + a.suggested.total }), { met: 0, total: 0 });
  const openTodos = report.todos.reduce((n, t) => n + t.count, 0);
  const out: string[] = [];
  out.push(`<h1>Readiness: ${escapeHtml(report.title ?? 'untitled document')}</h1>`);
  out.push('<dl class="summary">');
  out.push(`<dt>Project</dt><dd>${escapeHtml(report.project ?? 'unknown')}</dd>`);
  out.push(`<dt>Level applied for</dt><dd>${escapeHtml(report.level ?? 'unknown')}</dd>`);
  out.push(`<dt>Required met</dt><dd>${bar(report.required, 'Required criteria')}</dd>`);
  out.push(`<dt>Suggested met</dt><dd>${bar(suggested, 'Suggested criteria')}</dd>`);
  out.push(`<dt>Criteria checked</dt><dd>${report.criteria.checked}/${report.criteria.total}</dd>`);
  out.push(`<dt>Open TODOs</dt><dd>${openTodos}</dd>`);
  out.push(`<dt>Placeholders left</dt><dd>${report.placeholders}</dd>`);
  out.push('</dl>');

  out.push('<h2>Areas</h2>');
  if (report.areas.length === 0) {
    out.push('<p class="none">No checklist area found.</p>');
  } else {
    out.push('<table class="areas"><thead><tr><th scope="col">Area</th><th scope="col">Required</th><th scope="col">Suggested</th><th scope="col">Open TODOs</th></tr></thead><tbody>');
    for (const a of report.areas) {
      out.push(`<tr><th scope="row">${jump(a.line, escapeHtml(a.name))}</th><td>${bar(a.required, `${a.name} Required`)}</td><td>${bar(a.suggested, `${a.name} Suggested`)}</td><td class="num">${a.openTodos}</td></tr>`);
    }
    out.push('</tbody></table>');
  }

  for (const a of outline.areas) {
    if (a.criteria.length === 0 && a.missing.length === 0) continue;
    const unmet = a.criteria.filter((c) => c.level === 'required' && !c.checked).length + a.missing.filter((c) => c.level === 'required').length;
    out.push(`<details class="area" data-key="area:${escapeHtml(a.name)}"${unmet > 0 ? ' open' : ''}><summary>${escapeHtml(a.name)}${unmet > 0 ? ` <span class="unmet">${unmet} Required unmet</span>` : ''}</summary><ul class="criteria">`);
    for (const c of a.criteria) {
      const cls = c.checked ? 'met' : c.level === 'required' ? 'unmet' : 'open';
      const level = c.level === 'required' ? 'Required' : c.level === 'suggested' ? 'Suggested' : '';
      const todos = c.openTodos > 0 ? ` <span class="todos">${c.openTodos} TODO${c.openTodos === 1 ? '' : 's'}</span>` : '';
      out.push(`<li class="${cls}"><span class="box" aria-label="${c.checked ? 'checked' : 'not checked'}">${c.checked ? '☑' : '☐'}</span> ${jump(c.line, escapeHtml(c.title))}${level ? ` <span class="level">${level}</span>` : ''}${todos}</li>`);
    }
    // the template's criteria the document lacks, under their area
    for (const m of a.missing) {
      const level = m.level === 'required' ? 'Required' : m.level === 'suggested' ? 'Suggested' : '';
      out.push(`<li class="missing"><span class="box" aria-label="missing from the document">✗</span> ${escapeHtml(m.title)}${level ? ` <span class="level">${level}</span>` : ''} <span class="todos">missing from the document</span></li>`);
    }
    out.push('</ul></details>');
  }

  templateSection(r, out);

  out.push('<h2>Open TODOs by owner</h2>');
  if (outline.owners.length === 0) {
    out.push('<p class="none">No open TODO.</p>');
  } else {
    for (const o of outline.owners) {
      out.push(`<details class="owner" data-key="owner:${escapeHtml(o.owner)}"><summary>${escapeHtml(o.owner)} <span class="count">${o.count}</span></summary><ul class="todos">`);
      for (const x of o.todos) out.push(`<li>${jump(x.line, `line ${x.line + 1}`)}${x.criterion ? ` <span class="under">${escapeHtml(x.criterion)}</span>` : ''} — ${escapeHtml(x.text || '(no text)')}</li>`);
      out.push('</ul></details>');
    }
  }
  return out.join('\n');
}

const LEVEL: Record<string, string> = { required: 'Required', suggested: 'Suggested' };

/** The template the document is held to, and where the document departs from it. */
function templateSection(r: ReportResponse, out: string[]): void {
  const t = r.report.template;
  if (!t) return;
  out.push('<h2>Template</h2>');
  const where = t.source === 'builtin'
    ? `Built-in criteria of ${t.date}${t.problem ? `; ${t.problem}` : ''}`
    : `${t.repo ? `${t.repo}/` : ''}${t.path}${t.date || t.ref ? ` (${[t.date, t.ref.slice(0, 8)].filter(Boolean).join(', ')})` : ''}`;
  out.push(`<p>${escapeHtml(where)}. ${t.present} of its ${t.criteria} criteria are in the document${t.basedOn ? `; ${escapeHtml(t.basedOn.summary)}` : ''}.</p>`);
  const item = (x: { title: string; area: string | null; level: string | null; line: number | null }, note: string): string => {
    const label = escapeHtml(x.title);
    const where = [x.area, x.level ? LEVEL[x.level] ?? '' : ''].filter(Boolean).join(' · ');
    return `<li>${x.line === null ? label : jump(x.line, label)}${where ? ` <span class="level">${escapeHtml(where)}</span>` : ''}${note ? ` <span class="under">${escapeHtml(note)}</span>` : ''}</li>`;
  };
  const list = (head: string, items: string[]): void => {
    if (items.length === 0) return;
    out.push(`<details class="template" open><summary>${escapeHtml(head)} <span class="count">${items.length}</span></summary><ul class="criteria">`, ...items, '</ul></details>');
  };
  list('Missing from the document', t.missing.map((x) => item(x, '')));
  list('Not in the template', t.notInTemplate.map((x) => item(x, '')));
  list('Reworded in the template', t.reworded.map((x) => item(x, `now: ${x.template ?? ''}`)));
  list('At another level than the template', t.levelChanged.map((x) => item(x, `the template: ${LEVEL[x.template ?? ''] ?? '—'}`)));
  list('Sub-items of the template missing', t.subItemsMissing.map((x) => item(x, x.items.join('; '))));
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1.5em 2em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; }
a.jump { color: var(--vscode-textLink-foreground); text-decoration: none; } a.jump:hover, a.jump:focus { text-decoration: underline; }
dl.summary { display: grid; grid-template-columns: max-content auto; gap: .3em 1.2em; }
dl.summary dt { font-weight: 600; } dl.summary dd { margin: 0; }
table.areas { border-collapse: collapse; width: 100%; }
table.areas th, table.areas td { text-align: left; padding: .3em .6em; border-bottom: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,.3)); }
table.areas th[scope=row] { font-weight: normal; }
td.num { text-align: right; }
progress { width: 8em; height: .7em; vertical-align: middle; accent-color: var(--vscode-progressBar-background); }
.count.done { color: var(--vscode-testing-iconPassed, inherit); }
.pct, .level, .under, .none { color: var(--vscode-descriptionForeground); }
.unmet { color: var(--vscode-editorWarning-foreground); }
li.met .box { color: var(--vscode-testing-iconPassed, inherit); }
.todos { color: var(--vscode-editorInfo-foreground); }
details { margin: .4em 0; } summary { cursor: pointer; }
ul { margin: .3em 0 .6em; padding-left: 1.4em; } li { margin: .15em 0; list-style: none; }
`;

/**
 * The page's script: jumps to lines, and keeps the sections the user opened or collapsed as they
 * were (by area or owner name) across updates and across the page being hidden and shown again
 * (vscode.setState), rather than re-expanding them on every keystroke.
 */
export const REPORT_SCRIPT = `
const vscode = acquireVsCodeApi();
const saved = vscode.getState();
const opened = new Map(saved && Array.isArray(saved.opened) ? saved.opened : []);
function restore() {
  for (const d of document.querySelectorAll('details[data-key]')) {
    const key = d.getAttribute('data-key');
    if (opened.has(key)) d.open = opened.get(key) === true;
  }
}
document.addEventListener('toggle', (e) => {
  const d = e.target;
  const key = d && typeof d.getAttribute === 'function' ? d.getAttribute('data-key') : null;
  if (key === null) return;
  opened.set(key, d.open === true);
  vscode.setState({ opened: [...opened] });
}, true);
document.addEventListener('click', (e) => {
  const a = e.target instanceof Element ? e.target.closest('[data-line]') : null;
  if (!a) return;
  e.preventDefault();
  vscode.postMessage({ type: 'reveal', line: Number(a.getAttribute('data-line')) });
});
window.addEventListener('message', (e) => {
  const m = e.data;
  if (m && m.type === 'update' && typeof m.html === 'string') {
    document.getElementById('root').innerHTML = m.html;
    restore();
  }
});
restore();
`;

/** The whole page. `nonce`: fresh per page; `cspSource`: the webview's own origin. */
export function renderReportPage(r: ReportResponse, opts: { nonce: string; cspSource: string }): string {
  const nonce = escapeHtml(opts.nonce);
  const csp = `default-src 'none'; img-src ${opts.cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; font-src ${opts.cspSource}; connect-src 'none'; form-action 'none'; base-uri 'none'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Readiness: ${escapeHtml(r.report.title ?? 'untitled document')}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main id="root">
${renderReportBody(r)}
</main>
<script nonce="${nonce}">${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

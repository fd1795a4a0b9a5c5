import assert from 'node:assert/strict';
import { escapeHtml, renderReportBody, renderReportPage, REPORT_SCRIPT } from '../../client/src/reportHtml';
import { commandTarget, githubBlobUrl, newDocumentChoices, signInOffer, statusText, statusTooltip } from '../../client/src/format';
import type { LinksNotCheckedParams, ReportResponse } from '../../shared/protocol';
import { statusOf } from '../../server/src/handlers/status';
import { createDiligenceService, reportOutline, reportToMarkdown } from '../../server/src/service/index';
import { doc, SMALL } from '../support/docs';

const service = createDiligenceService();

function response(text: string, uri = 'file:///work/dd.md'): ReportResponse {
  const d = doc(text, uri);
  const report = service.report(d)!;
  return { uri, version: d.version, report, markdown: reportToMarkdown(report), outline: reportOutline(service.getModel(d)!, report.template) };
}

describe('client: status bar text and tooltip', () => {
  it('reads "Incubation · Required 2/32 · 2 TODOs" for the SMALL document (Required criteria of the template it lacks count)', () => {
    const d = { ...doc(SMALL), positionAt: undefined };
    const s = statusOf(service, d as never);
    assert.equal(statusText(s), 'Incubation · Required 2/32 · 2 TODOs');
    const tip = statusTooltip(s);
    assert.match(tip, /Required criteria met: 2\/32/);
    assert.match(tip, /Suggested criteria met: 1\/2/);
    assert.match(tip, /Placeholders left: 4/);
  });

  it('says nothing for other markdown, singular TODO, unknown level, escaped markdown in the tooltip', () => {
    assert.equal(statusText({ uri: 'u', version: 1, isDiligenceDocument: false }), undefined);
    const base = { uri: 'u', version: 1, isDiligenceDocument: true as const, tooLarge: false as const, title: '*Bold* [x](javascript:alert(1))', project: 'P', level: null, required: { met: 0, total: 0 }, suggested: { met: 0, total: 0 }, criteria: { checked: 0, total: 0 }, openTodos: 1, placeholders: 0 };
    assert.equal(statusText(base), 'Level unknown · Required 0/0 · 1 TODO');
    assert.ok(statusTooltip(base).includes('\\*Bold\\* \\[x\\]\\(javascript:alert\\(1\\)\\)'));
    assert.equal(statusText({ uri: 'u', version: 1, isDiligenceDocument: true, tooLarge: true }), 'Diligence · not analysed (too large)');
  });

  it('offers a GitHub sign-in only for an anonymous GitHub rate limit', () => {
    const p: LinksNotCheckedParams = { uri: 'u', reason: 'rate-limited', message: 'm', resetAt: Date.UTC(2030, 0, 1, 14, 5), github: true, authenticated: false };
    assert.match(signInOffer(p, Date.UTC(2030, 0, 1, 13, 50), true, 0)!, /resets in 15 minutes \(14:05 UTC\)\. Sign in to GitHub/);
    // the reviewer's time zone, not UTC: five hours west, one hour east
    assert.match(signInOffer(p, Date.UTC(2030, 0, 1, 13, 50), true, -300)!, /resets in 15 minutes \(09:05 UTC-05:00\)/);
    assert.match(signInOffer({ ...p, resetAt: Date.UTC(2030, 0, 1, 23, 30) }, Date.UTC(2030, 0, 1, 13, 50), true, 60)!, /resets at 2030-01-02 00:30 UTC\+01:00/);
    assert.equal(signInOffer({ ...p, authenticated: true }, 0), undefined);
    assert.equal(signInOffer({ ...p, github: false }, 0), undefined);
    // restricted mode (an untrusted workspace) requests nothing: no sign-in to offer
    assert.equal(signInOffer(p, Date.UTC(2030, 0, 1, 13, 50), false), undefined);
    assert.equal(signInOffer({ ...p, reason: 'offline' }, 0), undefined);
  });
});

describe('client: the readiness report page', () => {
  it('has per-area progress bars, counts, TODOs per owner and links to the lines', () => {
    const r = response(SMALL);
    const html = renderReportBody(r);
    const lines = SMALL.split('\n');
    // the template's Required criteria SMALL lacks count as unmet
    assert.match(html, /<progress max="32" value="2" aria-label="Required criteria: 2 of 32 met"><\/progress> <span class="count">2\/32<\/span>/);
    assert.match(html, /<progress max="2" value="1" aria-label="Governance Suggested: 1 of 2 met">/);
    const governance = lines.indexOf('## Governance');
    assert.ok(html.includes(`data-line="${governance}" title="Go to line ${governance + 1}">Governance</a>`));
    const coc = lines.findIndex((l) => l.includes('**Document agreement that project will adopt'));
    assert.ok(html.includes(`data-line="${coc}"`), 'a link to the unmet Required criterion');
    assert.match(html, /1 Required unmet/);
    const todo = lines.findIndex((l) => l.includes('**TODO for Acme Team**'));
    assert.ok(html.includes(`data-line="${todo}" title="Go to line ${todo + 1}">line ${todo + 1}</a>`));
    assert.match(html, /<summary>Acme team <span class="count">2<\/span><\/summary>/i);
    assert.match(html, /create a CODE_OF_CONDUCT\.md/);
  });

  it('escapes every piece of document text and runs under a strict CSP with a nonce', () => {
    const evil = `# <script>alert(1)</script> Incubation Due Diligence

## Gov"><img src=x onerror=alert(2)>

### Required

- [ ] **<b onmouseover=alert(3)>Criterion</b> & more**

  **TODO for <i>Eve</i>**: <svg onload=alert(4)>
`;
    const page = renderReportPage(response(evil), { nonce: 'n0nce+/=', cspSource: 'vscode-webview://abc' });
    const scripts = page.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script nonce="n0nce+/=">'], 'only the page\'s own script');
    for (const tag of ['<img', '<svg', '<b ', '<i>']) assert.ok(!page.includes(tag), `${tag} escaped`);
    // the model keeps raw text where markdown has it (a TODO's text); the page shows it as text
    assert.ok(page.includes('— &lt;svg onload=alert(4)&gt;</li>'));
    assert.ok(page.includes('>Gov&quot;&gt;</a>'));
    assert.ok(page.includes('>Criterion &amp; more</a>'));
    assert.ok(!/\son[a-z]+=/i.test(page.replace(/&lt;[^&]*&gt;/g, '')), 'no event handler attribute outside escaped text');
    assert.ok(!/style="/.test(page), 'no style attribute (CSP forbids inline styles)');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!.replace(/&#39;/g, "'");
    assert.match(csp, /^default-src 'none';/);
    assert.match(csp, /script-src 'nonce-n0nce\+\/='/);
    assert.match(csp, /style-src 'nonce-n0nce\+\/='/);
    assert.ok(!/https?:|unsafe-inline|unsafe-eval|\*/.test(csp), csp);
    assert.equal(escapeHtml(`<a href="x" title='y'>&`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;');
  });

  it('shows the template: where it comes from, what the document lacks, what it has that the template does not', () => {
    const html = renderReportBody(response(SMALL));
    assert.match(html, /<h2>Template<\/h2>\n<p>Built-in criteria of 2026-06-29\. 5 of its 47 criteria are in the document\.<\/p>/);
    assert.match(html, /<summary>Missing from the document <span class="count">42<\/span><\/summary>/);
    const lines = SMALL.split('\n');
    const coc = lines.findIndex((l) => l.includes('**Document agreement that project will adopt'));
    assert.ok(!html.includes('Not in the template'));
    assert.ok(html.includes(`data-line="${coc}"`));
    // and in the areas' lists, each missing criterion under its area
    assert.equal(html.split('<li class="missing">').length - 1, 42);
  });

  it('renders an empty document without areas or TODOs', () => {
    const html = renderReportBody(response('# Sandbox Due Diligence\n\nNothing yet.\n'));
    assert.match(html, /No checklist area found/);
    assert.match(html, /No open TODO/);
    assert.match(html, /<dt>Required met<\/dt><dd><span class="none">—<\/span><\/dd>/);
  });
});

describe('New due-diligence document: the profiles offered', () => {
  it('offers only profiles with a template, and names the others with the settings that give them one', () => {
    const c = newDocumentChoices([
      { id: 'cncf-incubation', name: 'CNCF Incubation', template: { repo: 'cncf/toc', path: 'operations/toc-templates/template-dd-pr-incubation.md' } },
      { id: 'ccc-incubating', name: 'CCC Incubating', template: null },
    ]);
    assert.deepEqual(c.items.map((i) => i.id), ['cncf-incubation']);
    assert.match(c.placeHolder, /not listed, no template: CCC Incubating; set diligence\.templates\.repo and \.path/);
    assert.equal(c.none, undefined);
    const none = newDocumentChoices([{ id: 'x', name: 'X', template: null }]);
    assert.deepEqual(none.items, []);
    assert.match(none.none!, /no profile has a template to start from/);
  });
});

describe('the document a command acts on', () => {
  it('the given one, else the active editor\'s, else the document of the focused report page', () => {
    assert.equal(commandTarget('given', 'editor', 'report'), 'given');
    assert.equal(commandTarget(undefined, 'editor', 'report'), 'editor');
    // the report page has focus: no text editor is active
    assert.equal(commandTarget(undefined, undefined, 'report'), 'report');
    assert.equal(commandTarget(undefined, undefined, undefined), undefined);
  });
});

describe('Copy TODOs for Owner: the document on GitHub', () => {
  it('from the git remote (https, ssh, scp-like), the branch and the path; nothing for other remotes', () => {
    const want = 'https://github.com/acme/dd/blob/main/reviews/acme%20dd.md';
    assert.equal(githubBlobUrl('https://github.com/acme/dd.git', 'main', 'reviews/acme dd.md'), want);
    assert.equal(githubBlobUrl('git@github.com:acme/dd.git', 'main', 'reviews/acme dd.md'), want);
    assert.equal(githubBlobUrl('ssh://git@github.com/acme/dd', 'main', 'reviews/acme dd.md'), want);
    assert.equal(githubBlobUrl('https://github.com/acme/dd', 'feature/x', 'dd.md'), 'https://github.com/acme/dd/blob/feature/x/dd.md');
    assert.equal(githubBlobUrl('https://gitlab.com/acme/dd.git', 'main', 'dd.md'), undefined);
    assert.equal(githubBlobUrl('/srv/git/dd.git', 'main', 'dd.md'), undefined);
    assert.equal(githubBlobUrl('https://github.com/acme/dd.git', undefined, 'dd.md'), undefined);
    assert.equal(githubBlobUrl('https://github.com/acme/dd.git', 'main', '../elsewhere/dd.md'), undefined);
  });
});

/** Just enough DOM for the report page's script: details elements parsed out of the body's HTML. */
function fakePage(html: string, state: unknown) {
  interface Details { key: string; open: boolean; getAttribute(n: string): string | null }
  const listeners = new Map<string, (e: { target?: unknown; data?: unknown }) => void>();
  let details: Details[] = [];
  const parse = (h: string): void => {
    details = [...h.matchAll(/<details class="\w+" data-key="([^"]*)"( open)?>/g)].map((m) => ({ key: m[1]!, open: m[2] !== undefined, getAttribute: (n: string) => (n === 'data-key' ? m[1]! : null) }));
  };
  parse(html);
  const saved = { state };
  const document = {
    addEventListener: (type: string, fn: (e: { target?: unknown }) => void) => void listeners.set(`document:${type}`, fn),
    querySelectorAll: () => details,
    getElementById: () => ({ set innerHTML(h: string) { parse(h); } }),
  };
  const window = { addEventListener: (type: string, fn: (e: { data?: unknown }) => void) => void listeners.set(`window:${type}`, fn) };
  const acquireVsCodeApi = () => ({ getState: () => saved.state, setState: (s: unknown) => void (saved.state = JSON.parse(JSON.stringify(s))), postMessage() {} });
  new Function('acquireVsCodeApi', 'document', 'window', REPORT_SCRIPT)(acquireVsCodeApi, document, window);
  return {
    saved,
    details: () => details.map((d) => [d.key, d.open]),
    /** the user opens or collapses a section */
    toggle(key: string): void {
      const d = details.find((x) => x.key === key)!;
      d.open = !d.open;
      listeners.get('document:toggle')!({ target: d });
    },
    update: (h: string) => listeners.get('window:message')!({ data: { type: 'update', html: h } }),
  };
}

describe('client: the report page keeps its sections as the user left them (issue 19.8)', () => {
  it('a collapsed area stays collapsed, an opened owner stays open, on every update and after the page is shown again', () => {
    const body = renderReportBody(response(SMALL));
    const page = fakePage(body, undefined);
    // the template's areas the document lacks are listed too (open: Required criteria missing); followed here: the document's area and the owner
    const kept = (d: Array<Array<string | boolean>>): Array<Array<string | boolean>> => d.filter(([k]) => k === 'area:Governance' || String(k).startsWith('owner:'));
    assert.ok(page.details().some(([k, open]) => k === 'area:Engineering Principles' && open));
    assert.deepEqual(kept(page.details()), [['area:Governance', true], ['owner:Acme team', false]]);
    page.toggle('area:Governance');
    page.toggle('owner:Acme team');
    // a keystroke later: the server's new body opens the area with unmet criteria again
    page.update(renderReportBody(response(SMALL.replace('Acme', 'Acme Corp'))));
    assert.deepEqual(kept(page.details()), [['area:Governance', false], ['owner:Acme team', true]]);
    // the page hidden and shown again is a new page with the saved state
    const again = fakePage(body, page.saved.state);
    assert.deepEqual(kept(again.details()), [['area:Governance', false], ['owner:Acme team', true]]);
  });
});

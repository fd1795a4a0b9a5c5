/**
 * End-to-end test in a real VS Code, offline: code-server 4.100.3 (VS Code 1.100.3, installed by
 * setup.sh) with the packaged .vsix installed, driven by playwright-core through Debian's
 * Chromium. Opens the example document and checks what a reviewer sees: diagnostics of several
 * codes in the Problems panel (compared with the CLI on the same file), the hover on a criterion,
 * a placeholder quick fix (read back from the file on disk after saving), the status bar item.
 *
 * The checks run twice (PASSES): in code-server's default Node extension host, then with the
 * extension forced into the browser's web worker extension host (the browser build, as in
 * vscode.dev); a last check per pass asserts where it ran.
 *
 * Everything runs under test/e2e/.work/ (git-ignored): run/<pass>/ is recreated on every run (fresh
 * profile, fresh copy of the example), screenshots/ keeps the pictures (the web pass's in web/)
 * and results.json. Ends with `N passed, N failed`; exit code 1 when a check failed.
 *
 * usage: npm run test:e2e                (setup + this)
 *        node --import tsx test/e2e/run.ts   (after setup)
 * env:   E2E_DOCS=1  also copy the README screenshots into docs/images/
 *        E2E_PASSES=node or =web  one pass only (default node,web)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { fileChange, freePort, goTo, hoverAt, plain, processesWith, runCommand, startCodeServer, stopCodeServer, viewLine } from './harness';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const WORK = process.env.E2E_WORK ?? join(HERE, '.work');
const CS_BIN = join(WORK, 'code-server', 'node_modules', '.bin', 'code-server');
const RUNS = join(WORK, 'run');
const SHOTS = join(WORK, 'screenshots');
const DOC_NAME = 'acme-incubation-due-diligence.md';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const REVIEWER = 'Erin Example';
const REVIEW_NAME = 'widget-review.md';
/** A comment with trailing spaces and a TODO right under it; event dates and the document's own date. */
const REVIEW = [
  '# Widget Incubation Due Diligence', '', 'Date: DD-MMM-YYYY', '', '_$TOCMEMBER reviewed Widget for $LEVEL._', '',
  '## Application Process Principles', '', '### Suggested', '',
  '- [ ] **Engage with the TAG.**', '  - This occurred on DD-MMM-YYYY and can be discovered at $LINK.', '',
  '### Required', '',
  '- [ ] **Document the governance of the project.**', '', '  <!-- (TOC Evaluation goes here) -->  ', '  **TODO for Widget team**: link the governance document', '',
  '- [ ] **Document the maintainers.**', '', '  **TODO for Widget team**: add MAINTAINERS.md', '',
  '#### Adoption', '', '##### Adopter 1 - $COMPANY/$INDUSTRY', '', '_Anonymous is fine._', 'MONTH YEAR', '',
].join('\n');
const PLAN_NAME = 'sprint-plan.md';
/** Plain markdown with bold task items and one TODO: not a due diligence. */
const LINKS_NAME = 'gadget-review.md';
/** Evidence links for the web pass: a relative link to a file that exists, one to a file that does not, two web pages. */
const LINKS = [
  '# Gadget Incubation Due Diligence', '', '## Application Process Principles', '', '### Required', '',
  '- [x] **Document the governance of the project.**', '', '  Evidence: [governance](./GOVERNANCE.md), [code of conduct](./NOPE.md)', '',
  '- [ ] **Document the maintainers.**', '', '  Evidence: [site](https://gadget.example/maintainers), [blog](https://blog.gadget.example/2026/maintainers)', '',
].join('\n');
const PLAN = '# Sprint 14\n\n## Backend\n\n- [ ] **Migrate the queue** to the new broker\n- [x] **Fix login** on Safari\n\n**TODO for Alice**: book the demo room; set `$HOME` first.\n';

const T0 = Date.now();
const timings: Record<string, number> = {};
function lap(name: string): void {
  timings[name] = Date.now() - T0;
  console.log(`[e2e ${((Date.now() - T0) / 1000).toFixed(1).padStart(6)}s] ${name}`);
}

/**
 * The suite runs twice: with the extension where code-server puts it by default, its Node (remote)
 * extension host running dist/client.cjs and the server in a Node process; then forced into the
 * browser's web worker extension host (`remote.extensionKind` "web", read by VS Code's
 * extensionManifestPropertiesService and BrowserExtensionHostKindPicker), running the manifest's
 * `browser` entry and the language server in a Web Worker, as vscode.dev and github.dev do.
 * E2E_PASSES=node or =web runs one of them.
 */
interface Pass { name: 'node' | 'web'; label: string; settings: Record<string, unknown> }
const PASSES: Pass[] = [
  { name: 'node', label: '', settings: {} },
  { name: 'web', label: '[web worker host] ', settings: { 'remote.extensionKind': { 'diligence.diligence': ['web'] } } },
].filter((p) => (process.env.E2E_PASSES ?? 'node,web').split(',').includes(p.name)) as Pass[];
/** the pass running now: its folder under run/, its screenshots, the prefix of its checks' names */
let PASS: Pass = PASSES[0]!;
let RUN = join(RUNS, PASS.name);
let OUT = SHOTS;

interface CheckResult { name: string; ok: boolean; detail: unknown }
const results: CheckResult[] = [];
/** per pass: the activation time and where Developer: Show Running Extensions says the extension runs */
const running: Record<string, { activationMs?: number; markdownActivation?: string; where?: string }> = {};
function record(name: string, ok: boolean, detail: unknown): void {
  results.push({ name, ok, detail });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${ok ? '' : `: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`}`);
}
/** Runs one check; an exception fails it (with a screenshot) and lets the next check run. */
async function check(title: string, page: Page, body: () => Promise<unknown>): Promise<void> {
  const name = PASS.label + title;
  try {
    const detail = await body();
    record(name, true, detail);
  } catch (e) {
    record(name, false, e instanceof Error ? e.message.split('\n').slice(0, 6).join('\n') : String(e));
    await page.screenshot({ path: join(OUT, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
    // leave no menu or widget open for the next check
    await page.keyboard.press('Escape').catch(() => undefined);
  }
}
function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

// ---- the packaged extension ---------------------------------------------------------------------

function packageExtension(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; publisher: string };
  const vsix = join(WORK, `${pkg.name}-${pkg.version}.vsix`);
  rmSync(vsix, { force: true });
  const r = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', WORK], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(vsix)) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
  return vsix;
}

/** What the CLI finds in the same file: the Problems panel must show the same codes. */
function cliDiagnostics(file: string): { code: string; message: string; line: number }[] {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), 'check', '--offline', '--reviewer', REVIEWER, '--format', 'json', file], { encoding: 'utf8' });
  const json = JSON.parse(r.stdout) as { files: { diagnostics: { code: string; severity: string; message: string; range: { start: { line: number } } }[] }[] };
  // VS Code's Problems panel does not list hints (they show as dots in the editor only); the
  // editor here has link checks off, so it has nothing to say about them, while the CLI's
  // --offline says once that web links were not checked
  return (json.files[0]?.diagnostics ?? []).filter((d) => d.severity !== 'hint' && d.code !== 'links-not-checked').map((d) => ({ code: d.code, message: d.message, line: d.range.start.line }));
}

interface CliReport {
  title: string; level: string;
  required: { met: number; total: number };
  areas: { name: string; line: number }[];
  todos: { owner: string; count: number }[];
}
function cliReport(file: string): CliReport {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), 'report', '--format', 'json', file], { encoding: 'utf8' });
  return JSON.parse(r.stdout) as CliReport;
}

// ---- main ------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  if (!existsSync(CS_BIN)) throw new Error(`code-server is not installed: run bash test/e2e/setup.sh first (${CS_BIN})`);
  rmSync(RUNS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  for (const f of readdirSync(SHOTS)) rmSync(join(SHOTS, f), { recursive: true, force: true });

  const vsix = packageExtension();
  lap(`packaged ${vsix}`);
  for (const pass of PASSES) {
    PASS = pass;
    RUN = join(RUNS, pass.name);
    // the default pass's pictures where they always were (README, E2E_DOCS); the others' beside them
    OUT = pass.name === 'node' ? SHOTS : join(SHOTS, pass.name);
    mkdirSync(OUT, { recursive: true });
    try {
      await runPass(vsix);
    } catch (e) {
      // a pass that cannot start fails once, and the next pass still runs
      console.error(`e2e ${pass.name}:`, e instanceof Error ? e.message : e);
      record(`${pass.label}e2e run`, false, e instanceof Error ? e.message : String(e));
      await stopCodeServer();
    }
  }

  if (process.env.E2E_DOCS) {
    mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
    for (const [from, to] of [['hover.png', 'e2e-hover.png'], ['report.png', 'e2e-report.png']] as const) {
      if (existsSync(join(SHOTS, from))) copyFileSync(join(SHOTS, from), join(ROOT, 'docs', 'images', to));
    }
  }
  writeFileSync(join(SHOTS, 'results.json'), JSON.stringify({ results, timings, running }, null, 2));
  for (const [name, r] of Object.entries(running)) {
    if (r.activationMs !== undefined) console.log(`${name === 'node' ? '\n' : ''}Diligence activation, ${name} pass (Running Extensions): ${r.activationMs} ms, ${r.where ?? '?'} (Markdown Language Features, same event: ${r.markdownActivation})`);
  }
  return results.filter((r) => !r.ok).length;
}

/** One pass of the suite: a fresh profile and workspace, code-server, Chromium, the checks. */
async function runPass(vsix: string): Promise<void> {
  for (const d of ['user-data/User', 'extensions', 'workspace/.vscode', 'xdg/config', 'xdg/data', 'xdg/cache', 'chromium']) mkdirSync(join(RUN, d), { recursive: true });
  lap(`${PASS.name} pass: the extension in ${PASS.name === 'web' ? 'the web worker extension host' : 'code-server\'s default extension host'}`);
  // the workspace: a fresh copy of the example
  const ws = join(RUN, 'workspace');
  const docPath = join(ws, DOC_NAME);
  cpSync(join(ROOT, 'examples', DOC_NAME), docPath);
  const original = readFileSync(docPath, 'utf8');
  // our own small fixtures for the quick fixes, the bulk fill and plain markdown (issue 19)
  const reviewPath = join(ws, REVIEW_NAME);
  writeFileSync(reviewPath, REVIEW);
  const planPath = join(ws, PLAN_NAME);
  writeFileSync(planPath, PLAN);
  if (PASS.name === 'web') {
    writeFileSync(join(ws, LINKS_NAME), LINKS);
    writeFileSync(join(ws, 'GOVERNANCE.md'), '# Governance\n\nHow Gadget decides.\n');
  }
  const expected = cliDiagnostics(docPath);
  const expectedCodes = [...new Set(expected.map((d) => d.code))].sort();
  // a quiet editor: no welcome page, no telemetry, update or gallery traffic; Diligence makes no
  // network request (links are not checked) and knows the reviewer's name for $TOCMEMBER
  const settingsPath = join(RUN, 'user-data', 'User', 'settings.json');
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'github.gitAuthentication': false,
    'npm.fetchOnlinePackageInfo': false,
    'markdown.validate.enabled': false,
    'editor.hover.delay': 100,
    'editor.stickyScroll.enabled': false,
    // each file opened from the Explorer keeps its tab (a preview tab is replaced by the next file
    // opened, and checks go back to a tab after opening another file)
    'workbench.editor.enablePreview': false,
    'diligence.links.enabled': false,
    'diligence.reviewer.name': REVIEWER,
    ...PASS.settings,
  };
  writeFileSync(settingsPath, JSON.stringify(settings, null, 2));

  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(RUN, 'xdg', 'config'), XDG_DATA_HOME: join(RUN, 'xdg', 'data'), XDG_CACHE_HOME: join(RUN, 'xdg', 'cache'),
  };
  const install = execFileSync(CS_BIN, [
    '--user-data-dir', join(RUN, 'user-data'), '--extensions-dir', join(RUN, 'extensions'),
    '--install-extension', vsix, '--force',
  ], { env, encoding: 'utf8' });
  const installed = readdirSync(join(RUN, 'extensions')).filter((d) => d.startsWith('diligence.diligence-'));
  if (installed.length !== 1) throw new Error(`the .vsix did not install:\n${install}`);
  lap(`installed ${installed[0]}`);

  const url = await startCodeServer(CS_BIN, RUN, ws, env);
  lap(`code-server listening on ${url}`);

  const context: BrowserContext = await chromium.launchPersistentContext(join(RUN, 'chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    env: { ...env, HOME: join(RUN, 'chromium') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(30000);
    // what the browser fetched of the extension (its files come through vscode-remote-resource?path=…),
    // and the console's errors that name Diligence
    const fetched: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).searchParams.get('path') ?? '';
      if (path.includes('/diligence.diligence-')) fetched.push(path);
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && /diligence/i.test(m.text())) consoleErrors.push(m.text().slice(0, 300));
    });
    await page.goto(`${url}/?folder=${encodeURIComponent(ws)}`, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    // the explorer lists the workspace once the remote side is up; a click opens the document
    const row = page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: DOC_NAME }).first();
    await row.waitFor({ timeout: 60000 });
    lap('workbench ready');
    await row.click();
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await viewLine(editor, 'Acme Mesh Incubation Due Diligence').waitFor();
    // squiggles: the extension activated, started its server and published diagnostics
    await editor.locator('.squiggly-warning, .squiggly-info, .squiggly-error').first().waitFor({ timeout: 60000 });
    lap('document open, diagnostics shown');

    await check('problems panel shows diagnostics of several codes, as the CLI finds them', page, async () => {
      assert(expectedCodes.length >= 4, `the CLI found only ${expectedCodes.join(', ')}`);
      await page.keyboard.press('Control+Shift+M');
      const panel = page.locator('.markers-panel');
      const rows = panel.locator('.monaco-list-row');
      await rows.filter({ hasText: 'diligence' }).first().waitFor();
      // the list is virtual (only rows in view exist): filter it by each code in turn
      const filter = page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
      const seen: Record<string, string> = {};
      for (const code of expectedCodes) {
        await filter.fill(code);
        // the row shows "diligence(code)"; the brackets come from CSS, they are not in the text
        const hit = rows.filter({ hasText: `diligence${code}` }).first();
        await hit.waitFor({ timeout: 15000 }).catch(() => { throw new Error(`no row with code ${code} in the Problems panel`); });
        seen[code] = plain(await hit.innerText()).replace(/\s+/g, ' ');
      }
      await filter.fill('');
      // the panel's count of problems for the file equals the CLI's
      const fileRow = rows.filter({ hasText: DOC_NAME }).first();
      await fileRow.waitFor();
      const badge = fileRow.locator('.monaco-count-badge').first();
      // the badge still shows the last filter's count until the list re-renders
      const same = await badge.filter({ hasText: new RegExp(`^${expected.length}$`) }).waitFor({ timeout: 10000 }).then(() => true, () => false);
      const countText = plain(await badge.innerText()).trim();
      assert(same, `Problems panel counts ${countText} problems, the CLI ${expected.length}`);
      await page.screenshot({ path: join(OUT, 'problems.png'), animations: 'disabled' });
      return { codes: Object.keys(seen), count: Number(countText), sample: seen };
    });

    await check('hover on a criterion shows its area, level and state', page, async () => {
      const lines = original.split('\n');
      const idx = lines.findIndex((l) => /^- \[[ xX]\] \*\*/.test(l));
      assert(idx >= 0, 'no criterion in the example');
      const title = /\*\*(.+?)\*\*/.exec(lines[idx]!)![1]!;
      const area = lines.slice(0, idx).reverse().find((l) => l.startsWith('## '))!.slice(3).trim();
      const level = lines.slice(0, idx).reverse().find((l) => l.startsWith('### '))!.slice(4).trim();
      const checked = /^- \[[xX]\]/.test(lines[idx]!);
      await page.keyboard.press('Escape');
      await goTo(page, idx + 1);
      const text = await hoverAt(page, viewLine(editor, title.slice(0, 30)), 12, 'Criterion ·');
      assert(text.includes(`Criterion · ${area} · ${level}`), `hover says: ${text}`);
      assert(text.includes(checked ? 'State: met' : 'State: not met'), `hover says: ${text}`);
      assert(/Evidence cited: \d+ link/.test(text), `hover says: ${text}`);
      await page.screenshot({ path: join(OUT, 'hover.png'), animations: 'disabled' });
      await page.mouse.move(2, 2);
      return text.split('\n').filter((l) => l.trim()).slice(0, 4);
    });

    await check('placeholder quick fix replaces the placeholder in the file', page, async () => {
      // a placeholder with exactly one value: $LEVEL, from the document's title
      const target = expected.find((d) => d.code === 'placeholder' && d.message.includes('$LEVEL'));
      assert(target, 'the CLI reports no $LEVEL placeholder');
      const lineText = original.split('\n')[target.line]!;
      const col = lineText.indexOf('$LEVEL');
      await page.keyboard.press('Escape');
      await goTo(page, target.line + 1, col + 3);
      await page.keyboard.press('Control+.');
      const action = page.locator('.action-widget .monaco-list-row').filter({ hasText: 'Fill $LEVEL with' }).first();
      await action.waitFor();
      const title = plain(await action.innerText());
      const value = /Fill \$LEVEL with "([^"]+)"/.exec(title)?.[1];
      assert(value === 'Incubation', `quick fix title: ${title}`);
      await page.screenshot({ path: join(OUT, 'quickfix-menu.png'), animations: 'disabled' });
      // a pointer-blocking layer sits over the menu: choose with the keyboard
      for (let i = 0; i < 20 && !((await action.getAttribute('class')) ?? '').includes('focused'); i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden' });
      // the edit arrives in the editor (the words before the placeholder, now followed by the value)
      const before = lineText.slice(Math.max(0, col - 12), col);
      await viewLine(editor, plain(before) + value).waitFor();
      // save (VS Code may already have: files.refactoring.autoSave) and wait for the file to change
      await page.keyboard.press('Control+S');
      const after = await fileChange(docPath, original, 15000);
      const lineStart = original.split('\n').slice(0, target.line).join('\n').length + 1;
      const want = original.slice(0, lineStart + col) + value + original.slice(lineStart + col + '$LEVEL'.length);
      assert(after === want, `file after the fix differs from the expected edit (length ${after.length} vs ${want.length})`);
      // and the diagnostic for it is gone: one problem less
      const fileRow = page.locator('.markers-panel .monaco-list-row').filter({ hasText: DOC_NAME }).first();
      await fileRow.locator('.monaco-count-badge').filter({ hasText: new RegExp(`^${expected.length - 1}$`) }).waitFor();
      return { line: target.line + 1, replaced: '$LEVEL', with: value };
    });

    await check('status bar shows the readiness of the document, as the CLI reports it', page, async () => {
      const r = cliReport(docPath);
      const todos = r.todos.reduce((n, t) => n + t.count, 0);
      const want = `${r.level} · Required ${r.required.met}/${r.required.total} · ${todos} TODO${todos === 1 ? '' : 's'}`;
      const item = page.locator('.statusbar-item').filter({ hasText: /Required \d+\/\d+/ }).first();
      await item.waitFor({ timeout: 20000 }).catch(() => { throw new Error('no status bar item with "Required N/M"'); });
      const id = (await item.getAttribute('id')) ?? '';
      assert(id.endsWith('diligence.status'), `the status bar item with "Required N/M" has id "${id}", not diligence.status`);
      const text = plain(await item.innerText()).trim();
      assert(text === want, `status bar says "${text}", the CLI's report "${want}"`);
      return text;
    });

    await check('status bar click opens the report page; its links jump to the line', page, async () => {
      const r = cliReport(docPath);
      // close the panel (Ctrl+J toggles it) so that the report gets the height of the window
      await page.keyboard.press('Control+J');
      await page.locator('.markers-panel').waitFor({ state: 'hidden' });
      await page.locator('.statusbar-item').filter({ hasText: /Required \d+\/\d+/ }).first().click();
      await page.locator('.tabs-container .tab').filter({ hasText: `Readiness: ${DOC_NAME}` }).first().waitFor();
      // a webview is an iframe holding an iframe with the page
      const body = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('body');
      await body.locator('h1').filter({ hasText: `Readiness: ${r.title}` }).waitFor();
      const rows = body.locator('table.areas tbody tr');
      await rows.first().waitFor();
      const names = (await rows.locator('th').allInnerTexts()).map((t) => t.trim());
      assert(JSON.stringify(names) === JSON.stringify(r.areas.map((x) => x.name)), `report areas ${JSON.stringify(names)}, CLI ${JSON.stringify(r.areas.map((x) => x.name))}`);
      await page.screenshot({ path: join(OUT, 'report.png'), animations: 'disabled' });
      // the last area's link moves the editor's cursor to its heading
      const last = r.areas[r.areas.length - 1]!;
      await rows.last().locator('a[data-line]').click();
      await page.locator('.statusbar-item').filter({ hasText: `Ln ${last.line + 1}, Col` }).first().waitFor();
      return { areas: names.length, jumpedTo: `${last.name}, line ${last.line + 1}` };
    });
    // ---- issue 19: what a reviewer met in a day's work -------------------------------------------
    const statusItem = page.locator('.statusbar-item').filter({ hasText: /Required \d+\/\d+/ }).first();
    const openFromExplorer = async (name: string, firstLine: string): Promise<Locator> => {
      await page.keyboard.press('Escape');
      await page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: name }).first().click();
      await page.locator('.editor-group-container.active .tabs-container .tab.active').filter({ hasText: name }).waitFor();
      const ed = page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
      // the document may have been left scrolled down: to its first line
      await goTo(page, 1, 1);
      await viewLine(ed, firstLine).waitFor();
      return ed;
    };

    await check('the finding-skeleton fix keeps the TODO right under the template comment a TODO (issue 19.1)', page, async () => {
      const ed = await openFromExplorer(REVIEW_NAME, 'Widget Incubation');
      await statusItem.filter({ hasText: '2 TODOs' }).waitFor({ timeout: 60000 });
      const line = REVIEW.split('\n').findIndex((l) => l.includes('<!-- (TOC Evaluation'));
      await goTo(page, line + 1, 5);
      await page.keyboard.press('Control+.');
      const action = page.locator('.action-widget .monaco-list-row').filter({ hasText: 'Replace the template comment with a finding skeleton' }).first();
      await action.waitFor();
      for (let i = 0; i < 20 && !((await action.getAttribute('class')) ?? '').includes('focused'); i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden' });
      await viewLine(ed, 'Evidence: $EVIDENCE').waitFor();
      await page.keyboard.press('Control+S');
      const after = await fileChange(reviewPath, REVIEW, 15000);
      assert(/- Evidence: \$EVIDENCE\n\n {2}\*\*TODO for Widget team\*\*: link the governance document/.test(after), `the TODO is not on its own paragraph:\n${after}`);
      assert(!/\$EVIDENCE[ \t]+\n/.test(after), 'trailing spaces carried over (a hard line break)');
      // still two TODOs: the status bar (from the server's model) says so once it has the new version
      await statusItem.filter({ hasText: '2 TODOs' }).waitFor();
      const text = plain(await statusItem.innerText()).trim();
      await page.screenshot({ path: join(OUT, 'skeleton.png'), animations: 'disabled' });
      return text;
    });

    await check('Fill all placeholders leaves event dates for the reviewer and says so (issue 19.3)', page, async () => {
      const before = readFileSync(reviewPath, 'utf8');
      const action = page.locator('.action-widget .monaco-list-row').filter({ hasText: 'Fill all placeholders' }).first();
      // once in about ten runs the menu, asked for right after the save above, did not show the
      // action within 30 s (the web pass of the same run had it; the cause was not found): ask up to
      // three times
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('Escape');
        await goTo(page, 1, 1);
        await runCommand(page, 'Source Action...');
        try {
          await action.waitFor({ timeout: 15000 });
          break;
        } catch (e) {
          if (attempt === 3) throw e;
        }
      }
      const title = plain(await action.innerText()).trim();
      assert(/Fill all placeholders \(3; leaves 2 event dates for you to give\)/.test(title), `the action says: ${title}`);
      for (let i = 0; i < 20 && !((await action.getAttribute('class')) ?? '').includes('focused'); i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden' });
      await page.keyboard.press('Control+S');
      const after = await fileChange(reviewPath, before, 15000);
      assert(/^Date: \d{2}-[A-Z][a-z]{2}-\d{4}$/m.test(after), 'the document\'s own date is filled');
      assert(after.includes('This occurred on DD-MMM-YYYY'), 'the TAG presentation date was stamped');
      assert(after.includes('_Anonymous is fine._\nMONTH YEAR'), 'the adopter interview date was stamped');
      assert(after.includes(`_${REVIEWER} reviewed Widget for Incubation._`), 'the reviewer and level are filled');
      return title;
    });

    await check('plain markdown (bold task items, one TODO) gets no status bar, no problems (issue 19.4)', page, async () => {
      const plan = await openFromExplorer(PLAN_NAME, 'Sprint 14');
      // the server handles documents in order: once a due diligence opened after the plan shows its
      // status, the plan has been looked at too
      await openFromExplorer(DOC_NAME, 'Acme Mesh Incubation');
      await statusItem.waitFor();
      await page.locator('.tabs-container .tab').filter({ hasText: PLAN_NAME }).first().click();
      await viewLine(plan, 'Sprint 14').waitFor();
      await statusItem.waitFor({ state: 'hidden' });
      const squiggles = await plan.locator('.squiggly-warning, .squiggly-info, .squiggly-error').count();
      assert(squiggles === 0, `${squiggles} squiggles in the sprint plan`);
      const lenses = await plan.locator('.codelens-decoration').count();
      assert(lenses === 0, `${lenses} code lenses in the sprint plan`);
      await page.screenshot({ path: join(OUT, 'plain-markdown.png'), animations: 'disabled' });
      return { squiggles, lenses };
    });

    await check('a command run while the report page has focus acts on its document; the markdown report is no due diligence (issue 19.7, 19.4)', page, async () => {
      await openFromExplorer(DOC_NAME, 'Acme Mesh Incubation');
      await statusItem.click();
      const tab = page.locator('.tabs-container .tab').filter({ hasText: `Readiness: ${DOC_NAME}` }).first();
      await tab.waitFor();
      await tab.click();
      const body = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('body');
      await body.locator('h1').first().click();
      // the report page has focus: no text editor is active
      await page.locator('.editor-group-container.active .tabs-container .tab.active').filter({ hasText: 'Readiness:' }).waitFor();
      await runCommand(page, 'Diligence: Show Readiness Report (Markdown)');
      // a read-only virtual document (diligence-report:), named after the document (issue 19.12)
      const tabTitle = `${DOC_NAME.replace(/\.md$/, '')} readiness report.md`;
      const untitled = page.locator('.tabs-container .tab').filter({ hasText: tabTitle }).first();
      await untitled.waitFor({ timeout: 20000 }).catch(() => { throw new Error('no markdown report opened from the focused report page'); });
      const md = page.locator('.editor-instance .monaco-editor').filter({ has: page.locator('.view-line', { hasText: '# Readiness: Acme Mesh' }) }).first();
      await md.waitFor();
      // the report is not a due diligence: after a document opened later shows its status, back on
      // the report there is no status
      await openFromExplorer(REVIEW_NAME, 'Widget Incubation');
      await statusItem.waitFor();
      await page.locator('.tabs-container .tab').filter({ hasText: tabTitle }).first().click();
      await page.locator('.tabs-container .tab.active').filter({ hasText: tabTitle }).waitFor();
      await statusItem.waitFor({ state: 'hidden' });
      return { opened: tabTitle };
    });

    await check('activation time of the extension (Developer: Show Running Extensions)', page, async () => {
      await page.keyboard.press('Escape');
      await runCommand(page, 'Developer: Show Running Extensions');
      const row = page.locator('.runtime-extensions-editor .monaco-list-row').filter({ has: page.locator('div.name', { hasText: /^Diligence$/ }) }).first();
      await row.waitFor();
      const time = row.locator('div.activation-time');
      await time.filter({ hasText: /Activation: \d+ms/ }).waitFor();
      const text = plain(await time.innerText()).trim();
      const activationMs = Number(/Activation: (\d+)ms/.exec(text)![1]);
      // the built-in markdown extension activates on the same event at the same moment: what the
      // extension host was busy with then, for comparison
      const md = page.locator('.runtime-extensions-editor .monaco-list-row').filter({ has: page.locator('div.name', { hasText: /^Markdown Language Features$/ }) }).first();
      const mdText = await md.locator('div.activation-time').innerText().then((t) => plain(t).trim(), () => 'not shown');
      // where it runs: "web worker" for the web worker extension host, the remote's name for code-server's Node host
      const where = plain(await row.locator('div.msg').innerText()).replace(/\s+/g, ' ').trim();
      running[PASS.name] = { activationMs, markdownActivation: mdText, where };
      console.log(`      Diligence ${text} (${where}); Markdown Language Features ${mdText}`);
      await page.screenshot({ path: join(OUT, 'running-extensions.png'), animations: 'disabled' });
      await page.keyboard.press('Control+W');
      return { activationMs, text, where, markdownLanguageFeatures: mdText };
    });

    if (PASS.name === 'web') {
      await check('links: a relative link is checked through the editor\'s files; web pages get one links-not-checked, no failure per link', page, async () => {
        await page.keyboard.press('Escape');
        await runCommand(page, 'View: Close All Editors');
        // links on, with no request leaving the machine: the GitHub API (templates, GitHub links) at a
        // closed local port, GitHub links ignored, no evidence discovery. Through the settings editor:
        // code-server does not notice a settings file written behind its back
        const before = readFileSync(settingsPath, 'utf8');
        await runCommand(page, 'Preferences: Open User Settings (JSON)');
        await page.locator('.tabs-container .tab.active').filter({ hasText: 'settings.json' }).waitFor();
        const wanted = JSON.stringify({
          ...settings, 'diligence.links.enabled': true, 'diligence.links.allowPrivateHosts': true,
          'diligence.github.apiUrl': `http://127.0.0.1:${await freePort()}`, 'diligence.links.ignore': ['/github\\.com/'], 'diligence.evidence.enabled': false,
        });
        // typed into the editor, which must have the focus first (the active tab alone does not
        // give it); on a loaded machine a keystroke can be lost: tried up to three times
        let savedText: string | undefined;
        for (let attempt = 0; attempt < 3 && savedText === undefined; attempt++) {
          await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
          await page.keyboard.press('Control+A');
          await page.keyboard.insertText(wanted);
          // one line (no auto-indent); what the editor closed by itself after it goes
          await page.keyboard.press('Shift+Control+End');
          await page.keyboard.press('Delete');
          await page.keyboard.press('Control+S');
          savedText = await fileChange(settingsPath, before, 15000).catch(() => undefined);
        }
        assert(savedText !== undefined, 'the settings editor did not save settings.json in three attempts');
        const saved = JSON.parse(savedText) as Record<string, unknown>;
        assert(saved['diligence.links.enabled'] === true, 'the settings were not saved');
        await page.keyboard.press('Control+W');
        await openFromExplorer(LINKS_NAME, 'Gadget Incubation');
        if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
        const rows = page.locator('.markers-panel .monaco-list-row');
        const filter = page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
        const opened = Date.now();
        const rowsOf = async (text: string, code: string): Promise<string[]> => {
          await filter.fill(text);
          // the settings change, the analysis, then the link checks: slow on a loaded machine
          await rows.filter({ hasText: `diligence${code}` }).first().waitFor({ timeout: 90000 }).catch(() => { throw new Error(`no ${code} row for "${text}" in the Problems panel`); });
          return (await rows.filter({ hasText: `diligence${code}` }).allInnerTexts()).map((t) => plain(t).replace(/\s+/g, ' '));
        };
        const broken = await rowsOf('NOPE.md', 'link-broken');
        assert(broken.length === 1 && broken[0]!.includes('./NOPE.md does not exist in the workspace'), `link-broken rows: ${broken.join(' | ')}`);
        const checkedMs = Date.now() - opened;
        const notChecked = await rowsOf('links-not-checked', 'links-not-checked');
        assert(notChecked.length === 1 && notChecked[0]!.includes('web links are not checked in the browser'), `links-not-checked rows: ${notChecked.join(' | ')}`);
        // no other problem of a link (the file that exists, the web pages): the panel counts what the
        // CLI finds offline (the same relative-link verdicts), with the browser's one links-not-checked
        // for the CLI's "offline" one
        await filter.fill('');
        const want = cliDiagnostics(join(RUN, 'workspace', LINKS_NAME)).length + 1;
        const badge = rows.filter({ hasText: LINKS_NAME }).first().locator('.monaco-count-badge').first();
        const same = await badge.filter({ hasText: new RegExp(`^${want}$`) }).waitFor({ timeout: 15000 }).then(() => true, () => false);
        assert(same, `Problems panel counts ${plain(await badge.innerText()).trim()} problems in ${LINKS_NAME}, the CLI ${want - 1} and one links-not-checked`);
        await filter.fill('');
        await page.screenshot({ path: join(OUT, 'links.png'), animations: 'disabled' });
        return { linkBroken: broken[0], linksNotChecked: notChecked[0], problems: want, checkedMs };
      });
    }

    await check(`the extension and its language server run in ${PASS.name === 'web' ? 'the web worker extension host (the browser build)' : 'code-server\'s Node extension host (the desktop build)'}`, page, async () => {
      const where = running[PASS.name]?.where;
      assert(where !== undefined, 'Developer: Show Running Extensions was not read');
      // the Node language server: dist/server.cjs of the extension installed for this pass
      const nodeServers = processesWith(join(RUN, 'extensions')).filter((p) => p.cmd.includes('dist/server.cjs'));
      const browserBundles = fetched.filter((u) => u.includes('/dist/browser/'));
      if (PASS.name === 'web') {
        assert(/web worker/.test(where), `Running Extensions shows "${where}", not "web worker"`);
        assert(nodeServers.length === 0, `a Node language server runs: ${nodeServers.map((p) => p.cmd).join('; ')}`);
        assert(browserBundles.some((u) => u.includes('dist/browser/client.js')), `the browser did not load dist/browser/client.js (requested: ${browserBundles.join(', ') || 'nothing of dist/browser'})`);
      } else {
        assert(!/web worker/.test(where), `Running Extensions shows "${where}"`);
        assert(nodeServers.length === 1, `${nodeServers.length} Node language servers run`);
        assert(browserBundles.length === 0, `the browser loaded ${browserBundles.join(', ')}`);
      }
      // what the extension host said went wrong, in the page's console (the web worker host's errors land there)
      assert(consoleErrors.length === 0, `errors in the console: ${consoleErrors.join(' | ')}`);
      return { where, nodeServers: nodeServers.length, browserBundles: browserBundles.map((u) => u.replace(/^.*\/dist\//, 'dist/')) };
    });
    lap(`${PASS.name} pass: checks done`);
  } finally {
    await context.close();
    await stopCodeServer();
  }
}

let failed: number;
try {
  failed = await main();
} catch (e) {
  console.error('e2e:', e instanceof Error ? e.message : e);
  record('e2e run', false, e instanceof Error ? e.message : String(e));
  failed = results.filter((r) => !r.ok).length;
  await stopCodeServer();
}
lap('done');
console.log(`\n${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

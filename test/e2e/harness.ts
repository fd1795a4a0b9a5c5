/**
 * The end-to-end test's tools (run.ts): code-server started and stopped in its own process group,
 * and the VS Code workbench driven through playwright-core (go to a line, run a command, hover).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** Resolves with the file's text once it differs from `from` (polled: the write happens on the server). */
export async function fileChange(path: string, from: string, timeoutMs: number): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const now = readFileSync(path, 'utf8');
    // a save may be caught half way (truncated, then written): wait for a whole, settled file
    if (now !== from && now.length > 0 && readFileSync(path, 'utf8') === now) return now;
    if (Date.now() > until) throw new Error(`${path} did not change within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** VS Code renders spaces in editor lines as U+00A0. */
export const plain = (s: string): string => s.replace(/\u00a0/g, ' ');

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

// ---- code-server ----------------------------------------------------------------------------------

let server: ChildProcess | undefined;

export async function startCodeServer(bin: string, run: string, ws: string, env: NodeJS.ProcessEnv): Promise<string> {
  const port = await freePort();
  const log = join(run, 'code-server.log');
  writeFileSync(log, '');
  // its own process group, so that stopping it also stops the extension host and language server
  server = spawn(bin, [
    '--config', join(run, 'xdg', 'config', 'code-server.yaml'),
    '--user-data-dir', join(run, 'user-data'), '--extensions-dir', join(run, 'extensions'),
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ws,
  ], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: string[] = [];
  server.stdout?.on('data', (b: Buffer) => chunks.push(b.toString()));
  server.stderr?.on('data', (b: Buffer) => chunks.push(b.toString()));
  const exited = new Promise<never>((_, rej) => server!.once('exit', (code) => rej(new Error(`code-server exited (${code}):\n${chunks.join('')}`))));
  // code-server prints "HTTP server listening on http://127.0.0.1:PORT/" when it is ready
  const listening = new Promise<void>((res) => {
    const onData = (): void => { if (chunks.join('').includes('HTTP server listening')) res(); };
    server!.stdout?.on('data', onData);
    server!.stderr?.on('data', onData);
  });
  const timeout = new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`code-server did not listen within 60 s:\n${chunks.join('')}`)), 60000).unref());
  try {
    await Promise.race([listening, exited, timeout]);
  } finally {
    process.on('exit', () => writeFileSync(log, chunks.join('')));
  }
  return `http://127.0.0.1:${port}`;
}

/** The processes (pid, command line) whose command line contains `fragment` (Linux: /proc). */
export function processesWith(fragment: string): { pid: number; cmd: string }[] {
  const found: { pid: number; cmd: string }[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let cmd: string;
    try { cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ').trim(); } catch { continue; }
    if (cmd.includes(fragment)) found.push({ pid: Number(d), cmd });
  }
  return found;
}

export async function stopCodeServer(): Promise<void> {
  const s = server;
  server = undefined;
  if (!s?.pid || s.exitCode !== null) return;
  const gone = new Promise<void>((res) => s.once('exit', () => res()));
  try { process.kill(-s.pid, 'SIGTERM'); } catch { return; }
  const t = setTimeout(() => { try { process.kill(-s.pid!, 'SIGKILL'); } catch { /* gone */ } }, 10000);
  await gone;
  clearTimeout(t);
}

// ---- the workbench ---------------------------------------------------------------------------------

/** Ctrl+G line:column (1-based), then the line is rendered and the cursor is there. */
export async function goTo(page: Page, line: number, column = 1): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  // Ctrl+G opens Quick Open in its go-to-line mode, the ':' prefix
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  // the cursor position in the status bar
  await page.locator('.statusbar-item').filter({ hasText: `Ln ${line}, Col ${column}` }).first().waitFor();
}

/** Runs a command from the Command Palette by its title (F1, type, Enter on the exact entry). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  const entry = page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: title }).first();
  await entry.waitFor();
  // choose with the keyboard: the first row is focused; move to the exact one
  for (let i = 0; i < 20 && !((await entry.getAttribute('class')) ?? '').includes('focused'); i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** The rendered editor line that holds `text` (only lines in view are in the DOM). */
export function viewLine(editor: Locator, text: string): Locator {
  return editor.locator('.view-line').filter({ hasText: text }).first();
}

/** Moves the mouse over character `column` (0-based) of a rendered line and waits for a hover with `expect`. */
export async function hoverAt(page: Page, line: Locator, column: number, expect: string): Promise<string> {
  // case-sensitive: a problem's hover names its code in lower case ("criterion-level"), which a
  // plain hasText (case-insensitive) would take for the criterion's own hover
  const hover = page.locator('.monaco-hover').filter({ hasText: new RegExp(expect.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first();
  for (let attempt = 1; ; attempt++) {
    // the line node can be re-rendered between reads (the panel resizes the editor): re-resolve it
    const inner = line.locator(':scope > span').first();
    const box = await inner.boundingBox();
    const text = plain(await inner.innerText());
    if (box && text.length > 0) {
      const charWidth = box.width / text.length;
      const x = box.x + charWidth * (column + 0.5);
      const y = box.y + box.height / 2;
      await page.mouse.move(x - 20, y);
      await page.mouse.move(x, y, { steps: 4 });
      if (await hover.waitFor({ timeout: 5000 }).then(() => true, () => false)) return plain(await hover.innerText());
    }
    if (attempt >= 4) throw new Error(`no hover containing "${expect}" appeared`);
    await page.mouse.move(2, 2);
  }
}

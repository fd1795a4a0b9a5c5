/**
 * The hostile-document table of the README (issue 20): for each shape, over the real server,
 * how long until its diagnostics, the longest a hover on another (small) document waited
 * meanwhile (the server's unresponsiveness), and the server's peak memory (VmHWM); then the
 * CLI's time and peak memory on the same file (/usr/bin/time). Not a test: figures vary with
 * the machine. Run: `node esbuild.mjs --quiet && node --import tsx bench/hostile.ts [filter]`
 * (DILIGENCE_SERVER / DILIGENCE_CLI: measure a copy of the bundles instead of dist/).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initialize, startServer } from '../test/support/lspClient';

const head = '# Acme Incubation Due Diligence\n\n## Governance\n\n';

const shapes: Array<[string, () => string]> = [
  ['20 KB of nested list markers (one line)', () => `${head}${'- '.repeat(10_000)}x\n`],
  ['10 KB of nested `>`', () => `${head}${'>'.repeat(10_000)} x\n`],
  ['95 KB paragraph of unpaired emphasis (`*a_ `)', () => `${head}- [ ] **C** ${'*a_ '.repeat(23_750)}\n`],
  ['95 KB paragraph of emphasis, brackets, backticks', () => `${head}- [ ] **C** ${'*e* [ ` a '.repeat(9_500)}\n`],
  ['4.9 MB of prose paragraphs, no heading', () => head + 'Some evidence text with *emphasis* and a [link](https://example.org/a) here.\n\n'.repeat(61_000)],
  ['4.9 MB of criteria in one list, no heading', () => head + '- [ ] **Criterion** with some evaluation text $LEVEL\n\n  <!-- (TOC Evaluation goes here) -->\n\n'.repeat(55_000)],
  ['4.9 MB of criteria under 500 headings', () => head + Array.from({ length: 500 }, (_, i) => `### Area ${i}\n\n` + '- [ ] **Criterion** with some evaluation text $LEVEL\n\n  <!-- (TOC Evaluation goes here) -->\n\n'.repeat(110)).join('')],
  ['100,000 links (4.9 MB)', () => head + Array.from({ length: 100_000 }, (_, i) => `- [ ] **C${i}** [e](https://example.org/p/${i}) [r](docs/${i}.md)\n`).join('')],
];

function peakKb(pid: number): number {
  const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

async function server(text: string): Promise<{ diagMs: number; worstHoverMs: number; hovers: number; peakMb: number; codes: string }> {
  const client = startServer();
  await initialize(client, { initializationOptions: { trusted: false, settings: { links: { enabled: true } } } });
  const small = 'file:///bench/small.md';
  const smallDiags = client.diagnostics(small);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'markdown', version: 1, text: `${head}- [ ] **Crit** $LEVEL\n` } });
  await smallDiags;
  const uri = 'file:///bench/big.md';
  const t0 = Date.now();
  let done = false;
  const published = client.diagnostics(uri, () => true, 600_000).finally(() => { done = true; });
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  let worst = 0;
  let hovers = 0;
  while (!done) {
    const h0 = Date.now();
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 4, character: 20 } });
    worst = Math.max(worst, Date.now() - h0);
    hovers++;
    await new Promise((r) => setTimeout(r, 50));
  }
  const d = await published;
  const diagMs = Date.now() - t0;
  // the link checks (relative targets here; no request: untrusted) run after the diagnostics
  const h0 = Date.now();
  await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 4, character: 20 } });
  worst = Math.max(worst, Date.now() - h0);
  const peakMb = Math.round(peakKb(client.child.pid!) / 1024);
  await client.close();
  const counts = new Map<string, number>();
  for (const x of d) counts.set(String(x.code), (counts.get(String(x.code)) ?? 0) + 1);
  return { diagMs, worstHoverMs: worst, hovers, peakMb, codes: [...counts].map(([c, n]) => `${c}×${n}`).join(', ') };
}

function cli(file: string): string {
  const r = spawnSync('/usr/bin/time', ['-f', '%e s, %M KB', process.execPath, process.env['DILIGENCE_CLI'] ?? 'dist/cli.cjs', 'check', file, '--offline', '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  const [secs, kb] = last.replace(' KB', '').split(' s, ');
  return kb !== undefined ? `${secs} s, ${Math.round(Number(kb) / 1024)} MB (exit ${r.status})` : `? (${last})`;
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const dir = mkdtempSync(join(tmpdir(), 'diligence-hostile-'));
  console.log(`node ${process.version}, ${execFileSync('nproc').toString().trim()} cores`);
  console.log('| Shape | Size | Server: diagnostics after | Longest wait of a hover on another document | Server peak memory | CLI `check` | Outcome |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const [name, make] of shapes) {
    if (filter && !name.includes(filter)) continue;
    const text = make();
    const file = join(dir, 'doc.md');
    writeFileSync(file, text);
    const s = await server(text);
    const c = cli(file);
    console.log(`| ${name} | ${(text.length / 1e6).toFixed(2)} M | ${(s.diagMs / 1000).toFixed(1)} s | ${(s.worstHoverMs / 1000).toFixed(1)} s (${s.hovers} hovers) | ${s.peakMb} MB | ${c} | ${s.codes.slice(0, 120)} |`);
  }
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

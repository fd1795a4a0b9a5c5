/**
 * The 5 MB hostile documents of issue 21 with link checking on: `diligence check` (dist/cli.cjs,
 * or DILIGENCE_CLI) in a process of its own against a real HTTP server on 127.0.0.1 that answers
 * every page after a delay (100 ms by default: a distant host), and the same check `--offline`.
 * Prints wall, CPU and peak memory (/usr/bin/time), the requests the server received and the
 * links-not-checked message. Not a test: figures vary with the machine and its load.
 *
 *   node esbuild.mjs --quiet && node --import tsx bench/linksLarge.ts [delay-ms]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHttpFixture, type Route } from '../test/support/httpFixture';
import { ROOT } from '../test/support/docs';

const CLI = process.env['DILIGENCE_CLI'] ?? join(ROOT, 'dist', 'cli.cjs');
const head = '# Acme Incubation Due Diligence\n\n## Governance\n\n';
const paragraphs = 55_000;

interface Run { wall: number; cpu: number; peakMb: number; out: string }

function timed(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/time', ['-f', '@@%e %U %S %M', process.execPath, CLI, ...args], { cwd, maxBuffer: 1 << 30 }, (_e, out, err) => {
      const line = err.split('\n').reverse().find((l) => l.startsWith('@@'));
      if (!line) return reject(new Error(err.slice(-500)));
      const [wall, user, sys, kb] = line.slice(2).split(' ').map(Number) as [number, number, number, number];
      resolve({ wall, cpu: user + sys, peakMb: kb / 1024, out });
    });
  });
}

async function main(): Promise<void> {
  const delayMs = Number(process.argv[2] ?? 100);
  const page: Route = (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<p>ok</p>');
  };
  const fx = await startHttpFixture({ delayMs, routes: Object.fromEntries(Array.from({ length: paragraphs }, (_, i) => [`/p/${i}`, page])) });
  const dir = mkdtempSync(join(tmpdir(), 'diligence-links-large-'));
  const shapes: Array<[string, (i: number) => string]> = [
    ['prose, one URL cited in every paragraph', () => `${fx.origin}/p/0`],
    ['prose, a distinct URL in every paragraph, one host', (i) => `${fx.origin}/p/${i}`],
  ];
  console.log(`node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}, the server answers after ${delayMs} ms`);
  console.log('\n| Shape | Size | links | `check` (links checked): wall | CPU | peak | requests | `check --offline`: wall | CPU |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, url] of shapes) {
    const text = head + Array.from({ length: paragraphs }, (_, i) => `Some evidence text with *emphasis* and a [link](${url(i)}) here.\n\n`).join('');
    writeFileSync(join(dir, 'doc.md'), text);
    fx.reset();
    const online = await timed(['check', 'doc.md', '--allow-private-hosts', '--github-api-url', 'http://localhost:1/api', '--format', 'json'], dir);
    const requests = fx.requests.length;
    const offline = await timed(['check', 'doc.md', '--offline', '--format', 'json'], dir);
    const diagnostics = (JSON.parse(online.out) as { files: Array<{ diagnostics: Array<{ code: string; message: string }> }> }).files[0]!.diagnostics;
    const said = diagnostics.find((d) => d.code === 'links-not-checked' || d.code === 'document-too-large');
    console.log(`| ${name} | ${(text.length / 1e6).toFixed(2)} M | ${paragraphs.toLocaleString('en')} | ${online.wall.toFixed(1)} s | ${online.cpu.toFixed(1)} s | ${online.peakMb.toFixed(0)} MB | ${requests} | ${offline.wall.toFixed(1)} s | ${offline.cpu.toFixed(1)} s |`);
    if (said) console.log(`|   ${said.code}: ${said.message} |`);
  }
  await fx.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

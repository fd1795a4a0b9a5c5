/**
 * The command line over many documents (issue 21), cold and warm, side by side with
 * markdownlint-cli2 and a bare remark-parse + remark-gfm parse of the same files, each in a
 * process of its own (wall, CPU = user + system, peak resident memory from /usr/bin/time). The
 * corpus is generated here (bench/generate.ts; the seed from ../shared when present). Also
 * checks that Diligence's JSON output is the same byte for byte in every mode (and against
 * DILIGENCE_CLI_BEFORE, another build, when given). Not a test: figures vary with the machine.
 *
 *   npm run bench:cli [-- --skip-large]
 *
 * DILIGENCE_CLI: the bundle measured (dist/cli.cjs); MARKDOWNLINT_CLI2: its executable
 * (default node_modules/.bin/markdownlint-cli2; the row is left out when there is none).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDocument } from './generate';
import { poolSize } from '../server/src/cli/pool';
import { ROOT, SEED } from '../test/support/docs';

const CLI = process.env['DILIGENCE_CLI'] ?? join(ROOT, 'dist', 'cli.cjs');
const BEFORE = process.env['DILIGENCE_CLI_BEFORE'];
const MDL = process.env['MARKDOWNLINT_CLI2'] ?? join(ROOT, 'node_modules', '.bin', 'markdownlint-cli2');
const PARSE = join(ROOT, 'bench', 'parseOnly.mjs');
/** interleaved rounds of the compared rows (cold, markdownlint-cli2, bare parse) */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);

interface Run { wall: number; cpu: number; peakMb: number; out: string; status: number | null }

function measure(argv: string[], cwd: string, env: Record<string, string> = {}): Run {
  const r = spawnSync('/usr/bin/time', ['-f', '@@%e %U %S %M', ...argv], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env } });
  const line = r.stderr.split('\n').reverse().find((l) => l.startsWith('@@'));
  if (!line) throw new Error(`${argv.join(' ')}: ${r.error?.message ?? r.stderr.slice(-500)}`);
  const [wall, user, sys, kb] = line.slice(2).split(' ').map(Number) as [number, number, number, number];
  return { wall, cpu: user + sys, peakMb: kb / 1024, out: r.stdout, status: r.status };
}

const cli = (files: string[], extra: string[] = [], bundle = CLI): string[] => [process.execPath, bundle, 'check', ...files, '--offline', '--format', 'json', ...extra];

function corpus(dir: string): string[] {
  const files: string[] = [];
  if (existsSync(SEED)) {
    copyFileSync(SEED, join(dir, 'seed.md'));
    files.push('seed.md');
  }
  // 40 documents of 15 to 60 KB in the seed's shape (the size of a real due diligence, a few times over)
  for (let i = 0; i < 40; i++) {
    const name = `dd-${String(i).padStart(2, '0')}.md`;
    writeFileSync(join(dir, name), generateDocument(15_000 + ((i * 7919) % 45_000), 100 + i));
    files.push(name);
  }
  return files;
}

const mb = (dir: string, files: string[]): number => files.reduce((n, f) => n + statSync(join(dir, f)).size, 0) / 1e6;
const fmt = (r: Run): string => `${r.wall.toFixed(2)} s | ${r.cpu.toFixed(2)} s | ${r.peakMb.toFixed(0)} MB`;

function main(): void {
  const skipLarge = process.argv.includes('--skip-large');
  const dir = mkdtempSync(join(tmpdir(), 'diligence-bench-cli-'));
  const files = corpus(dir);
  const size = mb(dir, files);
  writeFileSync(join(dir, 'small.md'), '# Acme Incubation Due Diligence\n\n## Governance\n\n' + Array.from({ length: 16 }, (_, i) => `- [ ] **Criterion ${i}** $TOCMEMBER`).join('\n') + '\n');
  const mdl = existsSync(MDL);
  const identical: string[] = [];
  const differ: string[] = [];
  const same = (what: string, a: string, b: string): void => void (a === b ? identical : differ).push(what);

  console.log(`node ${process.version}, ${cpus().length} cores, ${new Date().toISOString()}`);
  console.log(`\n### ${files.length} documents, ${size.toFixed(2)} MB\n`);
  console.log('| | wall | CPU (user+sys) | peak memory | CPU per MB |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  const row = (name: string, r: Run, perMb = size): void => console.log(`| ${name} | ${fmt(r)} | ${(r.cpu / perMb).toFixed(2)} s |`);
  const node = Array.from({ length: 5 }, () => measure([process.execPath, '-e', ''], dir)).reduce((a, b) => (b.cpu < a.cpu ? b : a));
  console.log(`| \`node -e ''\` (best of 5) | ${fmt(node)} | |`);
  // startup: the best of 5 (one sample is mostly the machine's load)
  const best = (argv: string[]): Run => Array.from({ length: 5 }, () => measure(argv, dir)).reduce((a, b) => (b.cpu < a.cpu ? b : a));
  const startup = best(cli(['small.md']));
  console.log(`| Diligence, one 20-line file (startup, best of 5) | ${fmt(startup)} | |`);
  const startupBefore = BEFORE ? best(cli(['small.md'], [], BEFORE)) : undefined;
  if (startupBefore) console.log(`| … the build before (\`DILIGENCE_CLI_BEFORE\`) | ${fmt(startupBefore)} | |`);
  const jobs = poolSize(files.map((f) => statSync(join(dir, f)).size));
  // The machine's speed drifts (a shared host): the three rows compared in the issue's ratios
  // (Diligence cold, markdownlint-cli2, the bare parse) run in ROUNDS interleaved rounds, and each
  // row shows its fastest round (least wall; its CPU and memory with it).
  const fastest = (runs: Run[]): Run => runs.reduce((a, b) => (b.wall < a.wall ? b : a));
  const colds: Run[] = [];
  const lints: Run[] = [];
  const parses: Run[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    colds.push(measure(cli(files), dir));
    if (mdl) lints.push(measure([MDL, ...files], dir));
    parses.push(measure([process.execPath, PARSE, ...files], dir));
  }
  const cold = fastest(colds);
  row(`Diligence \`check --offline\`, cold (default here: ${jobs === 1 ? 'one thread' : `${jobs} worker threads`}; fastest of ${ROUNDS})`, cold);
  const two = measure(cli(files), dir, { DILIGENCE_JOBS: '2' });
  row('… in 2 worker threads (`DILIGENCE_JOBS=2`)', two);
  const one = measure(cli(files), dir, { DILIGENCE_JOBS: '1' });
  row('… in one thread (`DILIGENCE_JOBS=1`)', one);
  same('worker threads = one thread', two.out, one.out);
  same('default = one thread', cold.out, one.out);
  const cacheDir = join(dir, '.cache');
  const first = measure(cli(files, ['--cache-dir', cacheDir]), dir);
  row('… with `--cache-dir`, first run', first);
  const warm = best(cli(files, ['--cache-dir', cacheDir]));
  row('… with `--cache-dir`, nothing changed (warm; best of 5)', warm);
  same('cold = --cache-dir first = warm', cold.out, first.out);
  same('cold = warm', cold.out, warm.out);
  const lint = mdl ? fastest(lints) : undefined;
  if (lint) row(`markdownlint-cli2, default rules (fastest of ${ROUNDS})`, lint);
  const parse = fastest(parses);
  row(`remark-parse + remark-gfm, parse only (fastest of ${ROUNDS})`, parse);
  if (BEFORE) same(`this build = ${BEFORE}`, cold.out, measure(cli(files, [], BEFORE), dir).out);
  const spread = (runs: Run[]): string => runs.map((r) => r.wall.toFixed(2)).join(' / ');
  console.log(`\nWall of each round (s): Diligence cold ${spread(colds)}${mdl ? `; markdownlint-cli2 ${spread(lints)}` : ''}; bare parse ${spread(parses)}.`);
  console.log('');
  console.log(`* Diligence cold ÷ bare parse: ${(cold.cpu / parse.cpu).toFixed(2)}× CPU, ${(cold.wall / parse.wall).toFixed(2)}× wall`);
  if (lint) {
    console.log(`* Diligence cold ÷ markdownlint-cli2: ${(cold.wall / lint.wall).toFixed(2)}× wall, ${(cold.cpu / lint.cpu).toFixed(2)}× CPU`);
    console.log(`* Diligence warm ÷ markdownlint-cli2: ${(warm.wall / lint.wall).toFixed(2)}× wall`);
  } else {
    console.log(`* markdownlint-cli2 not found (${MDL}): row left out`);
  }
  console.log(`* 2 worker threads ÷ one thread: ${(two.cpu / one.cpu).toFixed(2)}× CPU, ${(two.wall / one.wall).toFixed(2)}× wall (${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)})`);
  console.log(`* startup: ${(startup.cpu - node.cpu).toFixed(2)} s of CPU over \`node -e ''\`${startupBefore ? ` (the build before: ${(startupBefore.cpu - node.cpu).toFixed(2)} s)` : ''}`);

  if (!skipLarge) {
    console.log('\n### One large document\n');
    console.log('| | size | Diligence wall | Diligence CPU | Diligence peak | parse CPU | parse peak | CPU ÷ parse |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [name, chars] of [['gen-1m', 1_000_000], ['gen-5m', 4_900_000]] as const) {
      const file = `${name}.md`;
      writeFileSync(join(dir, file), generateDocument(chars, 7));
      const d = measure(cli([file]), dir);
      const p = measure([process.execPath, PARSE, file], dir);
      // (an older build on 5 MB may take many minutes)
      if (BEFORE && chars < 2_000_000) same(`${name}: this build = ${BEFORE}`, d.out, measure(cli([file], [], BEFORE), dir).out);
      console.log(`| ${name} | ${mb(dir, [file]).toFixed(2)} MB | ${d.wall.toFixed(1)} s | ${d.cpu.toFixed(1)} s | ${d.peakMb.toFixed(0)} MB | ${p.cpu.toFixed(1)} s | ${p.peakMb.toFixed(0)} MB | ${(d.cpu / p.cpu).toFixed(2)}× |`);
    }
  }
  console.log(`\nJSON output identical: ${identical.join('; ') || '(none compared)'}${differ.length ? `\n**DIFFERENT: ${differ.join('; ')}**` : ''}`);
  rmSync(dir, { recursive: true, force: true });
  if (differ.length) process.exitCode = 1;
}

main();

/**
 * The Diligence performance benchmark: `npm run bench`.
 *
 * Everything runs the real code path (the service from server/src, the bundled server in
 * dist/server.cjs); nothing is hard-coded and nothing is asserted. Prints a markdown report and
 * writes the same to bench/RESULTS.md. See the "Definitions" section of the report for what each
 * number means.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { lint as markdownlint } from 'markdownlint/sync';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Position, Range } from 'vscode-languageserver-types';
import { DEFAULT_CONFIG } from '../server/src/service/config';
import { localFindings, toDiagnostics } from '../server/src/service/features/diagnostics';
import { createDiligenceService, type ServiceDocument } from '../server/src/service/index';
import { buildFromCollected } from '../server/src/service/model/build';
import { analyseTextWhole, collectChunks } from '../server/src/service/model/index';
import { type ParsedChunk, parseWhole, reparseChunks, splitChunks } from '../server/src/service/model/parse';
import { LineIndex } from '../server/src/service/text/lineIndex';
import { type BenchDoc, DOC_NAMES, type DocName, keystrokeOffset, loadDoc, ROOT } from './docs';
import { prng } from './generate';
import { startBenchServer } from './lsp';
import { collect, fmtBytes, fmtMs, fmtRatio, hasGc, keep, measure, median, percentile, table } from './stats';

// ---------------------------------------------------------------- repetitions (chosen so the
// whole run stays well under 3 minutes on 2 cores)
interface Reps {
  cold: number;
  /** warm-up runs before timed ones (the smaller documents run first and warm the same code) */
  warmup: number;
  anchorWarmup: number;
  full: number;
  anchors: number;
  keystrokes: number;
  keystrokeFull: number;
  keystrokeWhole: number;
  breakdown: number;
  breakdownFull: number;
  feature: number;
}
const REPS: Record<DocName, Reps> = {
  'seed-24k': { cold: 3, warmup: 5, anchorWarmup: 3, full: 15, anchors: 10, keystrokes: 40, keystrokeFull: 15, keystrokeWhole: 10, breakdown: 20, breakdownFull: 8, feature: 400 },
  'gen-100k': { cold: 2, warmup: 2, anchorWarmup: 1, full: 8, anchors: 4, keystrokes: 30, keystrokeFull: 8, keystrokeWhole: 4, breakdown: 15, breakdownFull: 4, feature: 200 },
  'gen-1m': { cold: 2, warmup: 1, anchorWarmup: 0, full: 4, anchors: 2, keystrokes: 15, keystrokeFull: 4, keystrokeWhole: 1, breakdown: 10, breakdownFull: 1, feature: 60 },
};
const TYPED_CHANGES = 50;

const log = (s: string): void => { process.stderr.write(`[bench] ${s}\n`); };
const tStart = performance.now();

const serviceDoc = (uri: string, version: number, text: string): ServiceDocument => ({ uri, version, getText: () => text });
const insertAt = (text: string, offset: number, s: string): string => text.slice(0, offset) + s + text.slice(offset);

// ---------------------------------------------------------------- machine
function machine(): string {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name[ \t]*:[ \t]*(\S.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) model = m[1]!.trim();
  } catch { /* not Linux: os.cpus() it is */ }
  return `${model}; ${cpus().length} logical cores; ${fmtBytes(totalmem())} RAM; Node ${process.version} (${process.platform}/${process.arch})`;
}

// ---------------------------------------------------------------- sections
interface DocResult {
  doc: BenchDoc;
  info: { chunks: number; criteria: number; diagnostics: number };
  cold: number[];
  full: number[];
  reversion: number[];
  markdownlint: number[];
  remark: number[];
  keyIncremental: number[];
  keyFull: number[];
  keyWhole: number[];
  breakdown: { incremental: Record<string, number[]>; full: Record<string, number[]>; reparsedChunks: number[] };
  features: Record<'hover' | 'codeActions' | 'documentSymbols', number[]>;
}

function coldRuns(name: DocName, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'cold.ts'), name], { cwd: ROOT, encoding: 'utf8' });
    out.push((JSON.parse(stdout.trim().split('\n').pop()!) as { ms: number }).ms);
  }
  return out;
}

const remarkProcessor = unified().use(remarkParse).use(remarkGfm);

function benchDoc(name: DocName): DocResult {
  const r = REPS[name];
  const doc = loadDoc(name);
  const { uri, text } = doc;
  log(`${name}: ${text.length} chars`);

  // document facts, from the code under test
  const probe = createDiligenceService();
  const diagnostics = probe.diagnostics(serviceDoc(uri, 1, text)).length;
  const info = { chunks: splitChunks(text).length, criteria: probe.getModel(serviceDoc(uri, 1, text))!.criteria.length, diagnostics };

  log(`${name}: cold (${r.cold} fresh processes)`);
  const cold = coldRuns(name, r.cold);

  log(`${name}: full analysis, warm`);
  // fresh service each time (empty cache: every chunk parsed, every rule run)
  const full = measure((i) => createDiligenceService().diagnostics(serviceDoc(uri, i + 1, text)), { warmup: r.warmup, reps: r.full, gcBetween: true });
  // one service, a new version with identical text each time (every chunk reused)
  const reSvc = createDiligenceService();
  reSvc.diagnostics(serviceDoc(uri, 1, text));
  const reversion = measure((i) => reSvc.diagnostics(serviceDoc(uri, i + 2, text)), { warmup: r.warmup, reps: r.full, gcBetween: true });

  log(`${name}: anchors (markdownlint, remark)`);
  const mdl = measure(() => markdownlint({ strings: { doc: text } }), { warmup: r.anchorWarmup, reps: r.anchors, gcBetween: true });
  const remark = measure(() => remarkProcessor.parse(text), { warmup: r.anchorWarmup, reps: r.anchors, gcBetween: true });

  log(`${name}: keystrokes`);
  // A typist in the middle of an area: each keystroke inserts one character after the previous
  // one. `incremental` is the service that has the previous version cached; `full` is a fresh
  // service on the same new text; `whole` is analyseTextWhole (one parse of the whole text)
  // + the local rules + diagnostics. All three run on the same texts, interleaved.
  const at = keystrokeOffset(text);
  const typist = createDiligenceService();
  let current = text;
  let version = 1;
  typist.diagnostics(serviceDoc(uri, version, current));
  const keyIncremental: number[] = [];
  const keyFull: number[] = [];
  const keyWhole: number[] = [];
  const warmKeys = 5;
  for (let i = 0; i < warmKeys + r.keystrokes; i++) {
    const previous = current;
    const key = 'abcdefghij'[i % 10]!;
    current = insertAt(previous, at + i, key);
    // the full rows get the same text made the same way: the incremental call flattens `current`
    // (V8 copies an edited string on first read: 7–16 ms at 1 MB), which the others would reuse
    const fresh = (): string => insertAt(previous, at + i, key);
    version++;
    const d = serviceDoc(uri, version, current);
    collect();
    let t0 = performance.now();
    keep(typist.diagnostics(d));
    const inc = performance.now() - t0;
    if (i >= warmKeys) keyIncremental.push(inc);
    if (i >= warmKeys && i - warmKeys < r.keystrokeFull) {
      const text = fresh();
      collect();
      t0 = performance.now();
      keep(createDiligenceService().diagnostics(serviceDoc(uri, 1, text)));
      keyFull.push(performance.now() - t0);
    }
    if (i >= warmKeys && i - warmKeys < r.keystrokeWhole) {
      const text = fresh();
      collect();
      t0 = performance.now();
      const model = analyseTextWhole(text);
      keep(toDiagnostics(model, localFindings(model, DEFAULT_CONFIG, new Date()), DEFAULT_CONFIG));
      keyWhole.push(performance.now() - t0);
    }
  }

  log(`${name}: where the time goes`);
  const breakdown = timeBreakdown(text, at, r.breakdown, r.breakdownFull);

  log(`${name}: hover / code actions / symbols`);
  const features = featureTimes(doc, r.feature);

  return { doc, info, cold, full, reversion, markdownlint: mdl, remark, keyIncremental, keyFull, keyWhole, breakdown, features };
}

/**
 * The steps of service.diagnostics() (getModel → analyseIncremental → reparseChunks, flatten,
 * LineIndex, buildModel; then localFindings and toDiagnostics), timed one by one with the same
 * building blocks the service uses, for a keystroke (previous chunks given) and a full analysis.
 */
function timeBreakdown(text: string, at: number, reps: number, fullReps: number): DocResult['breakdown'] {
  const steps = ['splitChunks (inside reparse)', 'reparseChunks', 'walk chunks (collect, cached per chunk)', 'new LineIndex', 'build model (buildFromCollected)', 'localFindings (rules)', 'toDiagnostics', 'total'];
  const incremental: Record<string, number[]> = Object.fromEntries(steps.map((s) => [s, []]));
  const full: Record<string, number[]> = Object.fromEntries(steps.map((s) => [s, []]));
  const reparsedChunks: number[] = [];
  const run = (t: string, previous: ParsedChunk[] | undefined, into: Record<string, number[]>): ParsedChunk[] => {
    const oldNodes = new Set(previous?.map((c) => c.nodes));
    collect();
    let t0 = performance.now();
    keep(splitChunks(t));
    into['splitChunks (inside reparse)']!.push(performance.now() - t0);
    const total0 = performance.now();
    t0 = total0;
    const chunks = reparseChunks(t, previous);
    let t1 = performance.now();
    into['reparseChunks']!.push(t1 - t0);
    t0 = t1;
    const collected = collectChunks(t, chunks);
    t1 = performance.now();
    into['walk chunks (collect, cached per chunk)']!.push(t1 - t0);
    t0 = t1;
    const lines = new LineIndex(t);
    t1 = performance.now();
    into['new LineIndex']!.push(t1 - t0);
    t0 = t1;
    const model = buildFromCollected(t, collected, lines);
    t1 = performance.now();
    into['build model (buildFromCollected)']!.push(t1 - t0);
    t0 = t1;
    const findings = localFindings(model, DEFAULT_CONFIG, new Date());
    t1 = performance.now();
    into['localFindings (rules)']!.push(t1 - t0);
    t0 = t1;
    keep(toDiagnostics(model, findings, DEFAULT_CONFIG));
    t1 = performance.now();
    into['toDiagnostics']!.push(t1 - t0);
    into['total']!.push(t1 - total0);
    if (previous) reparsedChunks.push(chunks.filter((c) => !oldNodes.has(c.nodes)).length);
    return chunks;
  };
  const scratch = (): Record<string, number[]> => Object.fromEntries(steps.map((s) => [s, [] as number[]]));
  let current = text;
  let chunks = run(current, undefined, scratch());
  for (let i = 0; i < 3 + reps; i++) {
    current = insertAt(current, at + i, 'x');
    const into = i < 3 ? scratch() : incremental;
    chunks = run(current, chunks, into);
    if (i < 3) reparsedChunks.pop();
  }
  for (let i = 0; i < 1 + fullReps; i++) run(current, undefined, i < 1 ? scratch() : full);
  // the whole-text single parse, for comparison with the chunked one
  full['parseWhole (single parse, for comparison)'] = measure(() => parseWhole(current), { warmup: 0, reps: fullReps, gcBetween: true });
  return { incremental, full, reparsedChunks };
}

/** hover / code actions / document symbols on a warm model (same version: the model is cached). */
function featureTimes(doc: BenchDoc, reps: number): DocResult['features'] {
  const svc = createDiligenceService();
  const d = serviceDoc(doc.uri, 1, doc.text);
  const model = svc.getModel(d)!;
  svc.diagnostics(d);
  // positions on the things hover and code actions are about: placeholders, criterion titles and
  // checkboxes, TODO markers, links; spread across the document
  const offsets = [
    ...model.placeholders.map((p) => p.span.start + 1),
    ...model.criteria.map((c) => c.titleSpan.start + 2),
    ...model.criteria.map((c) => c.checkbox.start + 1),
    ...model.todos.map((t) => t.marker.start + 2),
    ...model.links.map((l) => l.span.start + 1),
  ].sort((a, b) => a - b);
  const rnd = prng(7);
  const positions: Position[] = [];
  for (let i = 0; i < Math.min(200, offsets.length); i++) positions.push(model.lines.positionAt(offsets[Math.floor(rnd() * offsets.length)]!));
  const pos = (i: number): Position => positions[i % positions.length]!;
  const range = (i: number): Range => ({ start: pos(i), end: pos(i) });
  const warmup = Math.min(50, reps);
  return {
    hover: measure((i) => svc.hover(d, pos(i)), { warmup, reps }),
    codeActions: measure((i) => svc.codeActions(d, range(i)), { warmup, reps }),
    documentSymbols: measure(() => svc.documentSymbols(d), { warmup, reps }),
  };
}

// ---------------------------------------------------------------- protocol level
interface ProtocolResult {
  rssBaseline: number;
  rssOpen: number;
  rssOpenGc: number;
  heapOpenGc: number;
  rssAfterTyping: number;
  rssClosed: number;
  rssClosedGc: number;
  heapClosedGc: number;
  openToDiagnostics: number;
  typing: Array<{ doc: string; changes: number; typedMs: number; published: number; publishedVersions: number[]; lastLatency: number; lastCount: number; analyses: number; superseded: number }>;
  /** spawn → initialize answered (ms), and the same for `node -e` printing a line (the baseline) */
  startup: { server: number[]; bareNode: number[] };
}

interface ServerStats { analyses: number; superseded: number; chunksParsed: number; chunksReused: number; scheduled: number }

/** Time from spawning a process to its first byte on stdout. */
async function firstOutputMs(args: string[], input: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  child.stdin.write(input);
  await new Promise((r) => child.stdout.once('data', r));
  const ms = performance.now() - t0;
  child.kill();
  await new Promise((r) => child.once('exit', r));
  return ms;
}

async function startupTimes(reps: number): Promise<ProtocolResult['startup']> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  const init = `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const server: number[] = [];
  const bareNode: number[] = [];
  for (let i = 0; i < reps + 1; i++) {
    const a = await firstOutputMs([join(ROOT, 'dist', 'server.cjs'), '--stdio'], init);
    const b = await firstOutputMs(['-e', 'process.stdout.write("x")'], '');
    if (i > 0) {
      server.push(a);
      bareNode.push(b);
    }
  }
  return { server, bareNode };
}

async function protocolRun(docs: BenchDoc[]): Promise<ProtocolResult> {
  log('protocol: building dist/server.cjs (node esbuild.mjs --quiet)');
  execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  const server = startBenchServer(ROOT);
  try {
    // trusted: false — the link checker makes no network request (there is none here, and the
    // benchmark is about local analysis); its local checks and re-publishes still run
    await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null, initializationOptions: { trusted: false } });
    await server.connection.sendNotification('initialized', {});
    await new Promise((r) => setTimeout(r, 300));
    await server.forceGc();
    const rssBaseline = server.rss();

    const big = docs.find((d) => d.name === 'gen-1m')!;
    log('protocol: open the 1 MB document');
    const opened = server.waitFor((p) => p.uri === big.uri && p.version === 1);
    const tOpen = performance.now();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: big.uri, languageId: 'markdown', version: 1, text: big.text } });
    const first = await opened;
    const openToDiagnostics = first.at - tOpen;
    const rssOpen = server.rss();
    const gcOpen = await server.forceGc();
    const rssOpenGc = server.rss();

    const typing: ProtocolResult['typing'] = [];
    const typeInto = async (d: BenchDoc, startVersion: number): Promise<number> => {
      log(`protocol: ${TYPED_CHANGES} didChange (one character each) into ${d.name}`);
      const pos = new LineIndex(d.text).positionAt(keystrokeOffset(d.text));
      const rnd = prng(42);
      const before = server.published.length;
      const statsBefore = (await server.connection.sendRequest('diligence/stats')) as ServerStats;
      let version = startVersion;
      let lastSent = 0;
      const t0 = performance.now();
      for (let i = 0; i < TYPED_CHANGES; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 30 + Math.floor(rnd() * 51)));
        version++;
        const p = { line: pos.line, character: pos.character + i };
        const sent = server.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri: d.uri, version },
          contentChanges: [{ range: { start: p, end: p }, text: 'abcdefghij'[i % 10]! }],
        });
        lastSent = performance.now();
        await sent;
      }
      const typedMs = lastSent - t0;
      const last = await server.waitFor((p) => p.uri === d.uri && p.version === version);
      const statsAfter = (await server.connection.sendRequest('diligence/stats')) as ServerStats;
      // let anything still in flight arrive before counting
      await new Promise((r) => setTimeout(r, 500));
      const mine = server.published.slice(before).filter((p) => p.params.uri === d.uri && (p.params.version ?? 0) > startVersion);
      typing.push({
        doc: d.name,
        changes: TYPED_CHANGES,
        typedMs,
        published: mine.length,
        publishedVersions: mine.map((p) => p.params.version ?? -1),
        lastLatency: last.at - lastSent,
        lastCount: last.params.diagnostics.length,
        analyses: statsAfter.analyses - statsBefore.analyses,
        superseded: statsAfter.superseded - statsBefore.superseded,
      });
      return version;
    };

    await typeInto(big, 1);
    await server.forceGc();
    const rssAfterTyping = server.rss();

    log('protocol: close the 1 MB document');
    const cleared = server.waitFor((p) => p.uri === big.uri && p.diagnostics.length === 0 && p.version === undefined);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: big.uri } });
    await cleared;
    await new Promise((r) => setTimeout(r, 200));
    const rssClosed = server.rss();
    const gcClosed = await server.forceGc();
    const rssClosedGc = server.rss();

    const seed = docs.find((d) => d.name === 'seed-24k')!;
    const seedOpened = server.waitFor((p) => p.uri === seed.uri && p.version === 1);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: seed.uri, languageId: 'markdown', version: 1, text: seed.text } });
    await seedOpened;
    await typeInto(seed, 1);

    log('protocol: startup (spawn → initialize answered), against bare node');
    const startup = await startupTimes(7);
    return {
      rssBaseline, rssOpen, rssOpenGc, heapOpenGc: gcOpen.heapUsed, rssAfterTyping, rssClosed, rssClosedGc, heapClosedGc: gcClosed.heapUsed,
      openToDiagnostics, typing, startup,
    };
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------- report
function report(results: DocResult[], proto: ProtocolResult, elapsedS: number): string {
  const out: string[] = [];
  const cols = results.map((r) => `${r.doc.name} (${(r.doc.text.length / 1024).toFixed(0)} KiB)`);
  const p50 = (xs: number[]): string => fmtMs(median(xs));
  const p50p95 = (xs: number[]): string => `${fmtMs(median(xs))} / ${fmtMs(percentile(xs, 95))}`;
  const n = (xs: number[]): string => `n=${xs.length}`;

  out.push('# Diligence benchmark results', '');
  out.push(`- Date: ${new Date().toISOString()}`);
  out.push(`- Machine: ${machine()}`);
  out.push(`- Command: \`npm run bench\` (node --expose-gc --import tsx bench/run.ts); whole run took ${elapsedS.toFixed(0)} s`);
  out.push(`- GC: ${hasGc ? 'a full GC (global.gc, --expose-gc) runs before each sample of the analysis rows, outside the timed region' : 'node ran without --expose-gc: no GC between samples'}`);
  out.push('');
  out.push('## Documents', '');
  out.push(table(['', ...cols], [
    ['characters', ...results.map((r) => r.doc.text.length.toLocaleString('en'))],
    ['chunks (ATX-heading sections)', ...results.map((r) => String(r.info.chunks))],
    ['criteria', ...results.map((r) => String(r.info.criteria))],
    ['diagnostics', ...results.map((r) => String(r.info.diagnostics))],
  ]));
  out.push('', 'seed-24k is ../shared/seeds/kserve-incubation-due-diligence.md; gen-* are generated by bench/generate.ts (seeded PRNG, the seed\'s shape).', '');

  out.push('## Full analysis (parse + all local diagnostics), median', '');
  out.push(table(['', ...cols], [
    ['cold: first call in a fresh process', ...results.map((r) => `${p50(r.cold)} (${n(r.cold)})`)],
    ['warm: fresh service, JIT-warm', ...results.map((r) => `${p50p95(r.full)} (${n(r.full)})`)],
    ['same service, new version, identical text', ...results.map((r) => `${p50(r.reversion)} (${n(r.reversion)})`)],
    ['anchor: markdownlint (sync, all default rules)', ...results.map((r) => `${p50(r.markdownlint)} (${n(r.markdownlint)})`)],
    ['anchor: remark-parse + remark-gfm, parse only', ...results.map((r) => `${p50(r.remark)} (${n(r.remark)})`)],
    ['warm full analysis ÷ markdownlint', ...results.map((r) => fmtRatio(median(r.full) / median(r.markdownlint)))],
    ['warm full analysis ÷ remark parse', ...results.map((r) => fmtRatio(median(r.full) / median(r.remark)))],
  ]));
  out.push('', 'Warm cells show p50 / p95.', '');

  out.push('## One keystroke in the middle of an area → fresh diagnostics', '');
  const ratio = (r: DocResult): number => median(r.keyFull) / median(r.keyIncremental);
  const target = (r: DocResult): string => {
    const t = r.doc.name === 'seed-24k' ? 5 : r.doc.name === 'gen-1m' ? 20 : undefined;
    if (t === undefined) return '(no target)';
    return `≥ ${t}×: ${ratio(r) >= t ? 'met' : 'NOT met'}`;
  };
  out.push(table(['p50 / p95', ...cols], [
    ['incremental (service has the previous version)', ...results.map((r) => `${p50p95(r.keyIncremental)} (${n(r.keyIncremental)})`)],
    ['full re-analysis (fresh service, chunked parse)', ...results.map((r) => `${p50p95(r.keyFull)} (${n(r.keyFull)})`)],
    ['full re-analysis (analyseTextWhole + rules)', ...results.map((r) => `${p50p95(r.keyWhole)} (${n(r.keyWhole)})`)],
    ['**speed-up** (fresh service ÷ incremental, p50)', ...results.map((r) => `**${fmtRatio(ratio(r))}**`)],
    ['speed-up vs analyseTextWhole (p50)', ...results.map((r) => fmtRatio(median(r.keyWhole) / median(r.keyIncremental)))],
    ['target', ...results.map(target)],
  ]));
  out.push('');

  out.push('### Where the time goes (p50 per step, same building blocks as the service)', '');
  const steps = Object.keys(results[0]!.breakdown.full);
  out.push(table(['step', ...results.flatMap((r) => [`${r.doc.name} keystroke`, `${r.doc.name} full`])], steps.map((s) => [
    s,
    ...results.flatMap((r) => [r.breakdown.incremental[s] ? p50(r.breakdown.incremental[s]) : '', p50(r.breakdown.full[s]!)]),
  ])));
  out.push('', `Chunks re-parsed per keystroke (median): ${results.map((r) => `${r.doc.name} ${median(r.breakdown.reparsedChunks)} of ${r.info.chunks}`).join('; ')}.`);
  out.push('splitChunks is timed on its own and is also part of reparseChunks; "total" is reparseChunks through toDiagnostics.', '');

  out.push('## Features on a warm model (p50 / p95)', '');
  const featureRow = (label: string, k: keyof DocResult['features']): string[] => [label, ...results.map((r) => `${p50p95(r.features[k])} (${n(r.features[k])})`)];
  out.push(table(['', ...cols], [
    featureRow('hover', 'hover'),
    featureRow('code actions (cursor range)', 'codeActions'),
    featureRow('document symbols', 'documentSymbols'),
  ]));
  const seed = results.find((r) => r.doc.name === 'seed-24k');
  if (seed) {
    const worst = Math.max(...Object.values(seed.features).map((xs) => percentile(xs, 95)));
    out.push('', `Target: under 2 ms p95 on seed-24k — ${worst < 2 ? 'met' : 'NOT met'} (worst p95 ${fmtMs(worst)}).`);
  }
  out.push('');

  out.push('## Language server process (dist/server.cjs over stdio)', '');
  out.push(table(['', 'VmRSS'], [
    ['initialized, no document (after forced GC)', fmtBytes(proto.rssBaseline)],
    ['1 MB document open, diagnostics published', fmtBytes(proto.rssOpen)],
    [`… after forced GC (V8 heap used ${fmtBytes(proto.heapOpenGc)})`, fmtBytes(proto.rssOpenGc)],
    ['… after the typing run below, forced GC', fmtBytes(proto.rssAfterTyping)],
    ['1 MB document closed (didClose, diagnostics cleared)', fmtBytes(proto.rssClosed)],
    [`… after forced GC (V8 heap used ${fmtBytes(proto.heapClosedGc)})`, fmtBytes(proto.rssClosedGc)],
  ]));
  out.push('', `didOpen of the 1 MB document → its first publishDiagnostics: ${fmtMs(proto.openToDiagnostics)}.`, '');
  out.push('Typing: one-character incremental didChange notifications, 30–80 ms apart (seeded), against the server\'s 150 ms debounce. The server is initialized with `initializationOptions: { trusted: false }` (no network link checks); the link checker still re-publishes a version after its local checks, so one version can be published more than once.', '');
  out.push(table(['', ...proto.typing.map((t) => t.doc)], [
    ['didChange sent', ...proto.typing.map((t) => `${t.changes} over ${fmtMs(t.typedMs)}`)],
    ['publishDiagnostics for changed versions', ...proto.typing.map((t) => `${t.published} (versions ${t.publishedVersions.join(', ')})`)],
    ['distinct versions published', ...proto.typing.map((t) => String(new Set(t.publishedVersions).size))],
    ['analyses finished (server stats)', ...proto.typing.map((t) => String(t.analyses))],
    ['analyses given up for a newer version', ...proto.typing.map((t) => String(t.superseded))],
    ['last change → its publishDiagnostics', ...proto.typing.map((t) => `${fmtMs(t.lastLatency)} (${t.lastCount} diagnostics)`)],
  ]));
  out.push('');
  const su = proto.startup;
  out.push('### Startup', '');
  out.push(table(['', 'p50', 'p95'], [
    ['server: spawn → `initialize` answered', fmtMs(median(su.server)), fmtMs(percentile(su.server, 95))],
    ['baseline: `node -e` spawn → first output', fmtMs(median(su.bareNode)), fmtMs(percentile(su.bareNode, 95))],
    ['server ÷ bare node (p50)', fmtRatio(median(su.server) / median(su.bareNode)), ''],
  ]));
  out.push('', 'Octokit and the HTTP client are imported lazily (after `initialize`); remark is loaded at start (every analysis needs it).', '');

  out.push('## Definitions', '');
  out.push(
    '- **cold**: `node --import tsx bench/cold.ts <doc>` in a new process: modules loaded and the text ready, then the first `createDiligenceService().diagnostics(doc)` of the process is timed (JIT-cold code, empty cache). Median over the processes.',
    '- **warm**: in the benchmark process after a few warm-up runs (JIT-warm): a new service (empty cache) for each sample, so every chunk is parsed and every rule runs — what a newly opened document costs in a running server.',
    '- **same service, new version, identical text**: the cached path when the text did not change (every chunk reused; buildModel and the rules still run).',
    '- **incremental keystroke**: one service keeps the previous version; each sample inserts one character after the previous one in the evaluation text of a criterion near the middle of the document and times `diagnostics()` of the new version. The full re-analysis rows time the same new texts, each made again the same way (V8 copies an edited string on its first read, 7–16 ms at 1 MB: the incremental call must not pay it for them), with a fresh service (the service\'s chunked parse, no reuse) and with `analyseTextWhole` + `localFindings` + `toDiagnostics` (one parse of the whole text).',
    '- **features**: `hover`, `codeActions` (zero-width range at the cursor) and `documentSymbols` on a cached model, at positions sampled (seeded) among placeholders, criterion titles and checkboxes, TODO markers and links.',
    '- **anchors**: markdownlint `lint({ strings })` from `markdownlint/sync` with its default config (all default rules), and `unified().use(remarkParse).use(remarkGfm).parse(text)` (one processor, reused), on the same text in the same process.',
    '- **server memory**: VmRSS from /proc/PID/status of the server, started as `node --expose-gc -r bench/serverGcHook.cjs dist/server.cjs --stdio`. The preload only adds a SIGUSR2 handler that calls `global.gc()` and reports `process.memoryUsage()` on stderr; "forced GC" means the benchmark sent SIGUSR2 and waited for that report. RSS does not necessarily shrink after a GC: V8 keeps freed pages, the heap-used figure shows what is live.',
    '- p95 is nearest-rank; with few samples (n < 20) it is close to the maximum.',
  );
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- main
async function main(): Promise<void> {
  log(`machine: ${machine()}`);
  if (!hasGc) log('note: run with node --expose-gc for a GC between samples');
  const results: DocResult[] = [];
  for (const name of DOC_NAMES) results.push(benchDoc(name));
  const proto = await protocolRun(results.map((r) => r.doc));
  const text = report(results, proto, (performance.now() - tStart) / 1000);
  process.stdout.write(text);
  // the sections other benchmarks write (bench/cli.ts: "## Command line …") are kept as they are
  const path = join(ROOT, 'bench', 'RESULTS.md');
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const at = previous.indexOf('\n## Command line');
  writeFileSync(path, at >= 0 ? `${text}${previous.slice(at)}` : text);
  log(`wrote bench/RESULTS.md in ${((performance.now() - tStart) / 1000).toFixed(0)} s`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});

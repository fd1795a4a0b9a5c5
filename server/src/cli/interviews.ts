/**
 * `diligence interview new|list` and `diligence public-comment`: the adopter interviews beside a
 * due diligence (a new file from the TOC's questions template, never over an existing one; the
 * tracker and each file's lints) and the public-comment e-mail with the KubeCon freeze check.
 * Templates come from a checkout of the TOC repository around the document, else the GitHub API
 * (GITHUB_TOKEN to the API only; none with --offline; cached in --cache-dir).
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { draftWithCheckoutPull } from '../node/ddPullRequest';
import { interviewFilesBeside, newInterview } from '../node/interviewFiles';
import { createDiligenceService, noCancellation, resolveConfig, severityName, type DiligenceService } from '../service/index';
import { folderOf, maintainersFromText, PUBLIC_COMMENT_TEMPLATE, readTocTemplate, trackerToMarkdown } from '../service/interviews/index';
import { printable, readText } from '../cli';
import { openSession } from './application';
import type { CliIO } from './output';

export const INTERVIEW_USAGE = 'diligence interview new --org NAME [--anonymous] [--date YYYY-MM-DD] [FILE] | interview list FILE [--maintainers FILE] [--format markdown|json]';
export const PUBLIC_COMMENT_USAGE = 'diligence public-comment FILE [--co-sponsor NAME] [--application URL] [--pr URL] [--kubecon NAME=START..END] [--format markdown|json]';

const OPTIONS = {
  org: { type: 'string' }, anonymous: { type: 'boolean' }, date: { type: 'string' }, reviewer: { type: 'string' },
  maintainers: { type: 'string' }, format: { type: 'string' }, 'co-sponsor': { type: 'string' }, application: { type: 'string' },
  pr: { type: 'string' }, kubecon: { type: 'string', multiple: true }, offline: { type: 'boolean' }, 'cache-dir': { type: 'string' },
  'github-api-url': { type: 'string' }, help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

interface Run {
  values: Values;
  files: string[];
  service: DiligenceService;
  /** today, YYYY-MM-DD (--date, else the UTC date) */
  today: string;
}

function usageError(io: CliIO, message: string): number {
  io.err(`diligence: ${message}\n\nUsage:\n  ${INTERVIEW_USAGE.replace(' | ', '\n  diligence ')}\n  ${PUBLIC_COMMENT_USAGE}`);
  return 2;
}

/** `--kubecon "NAME=2027-03-15..2027-03-18"` → a setting entry */
function kubeconOf(s: string): unknown {
  const m = /^(.*?)=(\d{4}-\d\d-\d\d)(?:\.\.(\d{4}-\d\d-\d\d))?$/.exec(s);
  return m ? { name: m[1]!.trim(), start: m[2], end: m[3] ?? m[2] } : { name: s };
}

function prepare(argv: string[], io: CliIO): Run | number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    return usageError(io, e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  const today = v.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d\d-\d\d$/.test(today) || Number.isNaN(Date.parse(today))) return usageError(io, `--date takes YYYY-MM-DD, not "${today}"`);
  if (v.format !== undefined && v.format !== 'markdown' && v.format !== 'json') return usageError(io, `--format takes markdown or json, not "${v.format}"`);
  const problems: string[] = [];
  const config = resolveConfig({
    ...(v.reviewer !== undefined ? { reviewer: { name: v.reviewer } } : {}),
    ...(v['github-api-url'] ? { github: { apiUrl: v['github-api-url'] } } : {}),
    ...(v.kubecon ? { kubecons: v.kubecon.map(kubeconOf) } : {}),
  }, problems);
  for (const p of problems) io.err(`diligence: ${p}`);
  if (problems.length > 0) return 2;
  // the clock is the day asked for (noon UTC: the same calendar day in every time zone's wall time)
  const clock = { now: () => new Date(`${today}T12:00:00Z`), utcOffsetMinutes: () => 0 };
  return { values: v, files: parsed.positionals, service: createDiligenceService({ config, oneShot: true, clock }), today };
}

function readDocument(path: string, io: CliIO): { uri: string; version: number; getText(): string } | undefined {
  const read = readText(path);
  if ('error' in read) {
    io.err(`diligence: ${path}: ${read.error}`);
    return undefined;
  }
  return { uri: pathToFileURL(resolve(path)).toString(), version: 0, getText: () => read.text };
}

/** The due diligence of the working folder when FILE is not given: the one markdown file that is one. */
function findDocument(service: DiligenceService, io: CliIO): string | undefined {
  const found = readdirSync('.').filter((n) => /\.md$/i.test(n)).slice(0, 200).filter((n) => {
    const doc = readDocument(n, { ...io, err: () => {} });
    return doc !== undefined && service.isDiligenceDocument(doc);
  });
  if (found.length === 1) return found[0];
  io.err(`diligence: ${found.length === 0 ? 'no due diligence in this folder' : `several due diligences here (${found.join(', ')})`}: name the document`);
  return undefined;
}

async function interviewNew(r: Run, io: CliIO): Promise<number> {
  const org = r.values.org?.trim();
  if (!org) return usageError(io, 'interview new needs --org NAME');
  const path = r.files[0] ?? findDocument(r.service, io);
  if (path === undefined) return 2;
  const doc = readDocument(path, io);
  if (!doc) return 2;
  const offline = r.values.offline === true;
  const s = await openSession({ command: 'init', offline, ...(r.values['cache-dir'] ? { cacheDir: r.values['cache-dir'] } : {}) }, r.service.config, io.err);
  try {
    const made = await newInterview(r.service, doc, { organisation: org, anonymous: r.values.anonymous === true, date: r.today, interviewer: r.service.config.reviewer.name, allowNetwork: !offline }, s.deps.templates, noCancellation);
    await s.session?.saveTemplates();
    if (!made.ok) {
      io.err(`diligence: ${made.message}`);
      return 2;
    }
    const target = fileURLToPath(made.value.uri);
    const shown = relative(process.cwd(), target) || target;
    if (made.value.created && !existsSync(target)) writeFileSync(target, made.value.text, { flag: 'wx' });
    io.out(`${shown}: ${made.value.created ? `created from ${made.value.template.where}` : 'already there (not changed)'}`);
    return 0;
  } finally {
    await s.session?.dispose();
  }
}

async function interviewList(r: Run, io: CliIO): Promise<number> {
  const path = r.files[0];
  if (path === undefined) return usageError(io, 'interview list needs the due diligence FILE');
  const doc = readDocument(path, io);
  if (!doc) return 2;
  const folder = folderOf(doc.uri);
  const files = (await interviewFilesBeside(doc.uri)) ?? [];
  r.service.interviews.setFiles(folder, files);
  if (r.values.maintainers !== undefined) {
    const m = readText(r.values.maintainers);
    if ('error' in m) {
      io.err(`diligence: ${r.values.maintainers}: ${m.error}`);
      return 2;
    }
    r.service.interviews.setMaintainers(folder, maintainersFromText(m.text));
  }
  const tracker = r.service.interviews.tracker(doc.uri) ?? { rows: [], held: 0, approved: 0, needed: 3 };
  const lints = files.map((f) => ({ file: relative(process.cwd(), fileURLToPath(f.uri)), diagnostics: r.service.interviews.diagnostics({ uri: f.uri, getText: () => f.text }) }));
  if (r.values.format === 'json') {
    io.out(JSON.stringify({ ...tracker, lints: lints.map((l) => ({ file: l.file, diagnostics: l.diagnostics.map((d) => ({ line: d.range.start.line + 1, severity: severityName(d.severity), code: d.code, message: d.message })) })) }, null, 2));
    return 0;
  }
  io.out(files.length === 0 ? `No adopter interview files beside ${path}.` : printable(trackerToMarkdown(tracker).trim(), true));
  for (const l of lints) for (const d of l.diagnostics) io.out(printable(`${l.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severityName(d.severity)} ${d.message} [${String(d.code)}]`, false));
  return 0;
}

export async function interviewCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '-h' || sub === '--help' || sub === undefined) {
    io.out(`Usage:\n  ${INTERVIEW_USAGE.replace(' | ', '\n  diligence ')}`);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'new' && sub !== 'list') return usageError(io, `interview takes new or list, not "${sub}"`);
  const r = prepare(rest, io);
  if (typeof r === 'number') return r;
  return sub === 'new' ? interviewNew(r, io) : interviewList(r, io);
}

export async function publicCommentCommand(argv: string[], io: CliIO): Promise<number> {
  const r = prepare(argv, io);
  if (typeof r === 'number') return r;
  const path = r.files[0];
  if (path === undefined) return usageError(io, 'public-comment needs the due diligence FILE');
  const doc = readDocument(path, io);
  if (!doc) return 2;
  const offline = r.values.offline === true;
  const s = await openSession({ command: 'init', offline, ...(r.values['cache-dir'] ? { cacheDir: r.values['cache-dir'] } : {}) }, r.service.config, io.err);
  try {
    const template = await readTocTemplate(PUBLIC_COMMENT_TEMPLATE, doc.uri, s.deps.templates, r.service.config, !offline, noCancellation);
    await s.session?.saveTemplates();
    if (!template.ok) {
      io.err(`diligence: ${template.message}`);
      return 2;
    }
    const v = r.values;
    const search = { github: s.deps.github, allowNetwork: !offline, apiUrl: r.service.config.github.apiUrl, tocRepo: r.service.config.evidence.tocRepo || 'cncf/toc' };
    const draft = await draftWithCheckoutPull(doc.uri, (pr = v.pr) => r.service.draftPublicComment(doc, template.value.text, { ...(v['co-sponsor'] ? { coSponsor: v['co-sponsor'] } : {}), ...(v.application ? { application: v.application } : {}), ...(pr ? { pullRequest: pr } : {}) }), search, noCancellation);
    if (!draft) {
      io.err(`diligence: ${path}: too large to analyse`);
      return 2;
    }
    if (v.format === 'json') io.out(JSON.stringify({ ...draft, template: { source: template.value.source, where: template.value.where } }, null, 2));
    else io.out(printable(draft.markdown.trimEnd(), true));
    for (const w of draft.warnings) io.err(`diligence: warning: ${w.message} [${w.code}]`);
    for (const n of draft.notes) io.err(`diligence: note: ${n}`);
    if (draft.unfilled.length > 0) io.err(`diligence: left for you to fill: ${draft.unfilled.join(', ')}`);
    return 0;
  } finally {
    await s.session?.dispose();
  }
}


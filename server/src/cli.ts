/**
 * The command-line twin of the language server: the same core, for the terminal and CI.
 *
 *   diligence check FILE… [--format text|json|sarif|github]
 *   diligence report FILE… [--format markdown|json]
 *
 * Options are parsed in cli/args.ts (one table), FILE arguments expanded in cli/files.ts.
 * A subcommand is one line in COMMANDS. Exit codes: 0 no diagnostic is an error; 1 one is;
 * 2 bad usage or a file that cannot be read.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { linkRootsFor, nodeFileSystem } from './node/hostAdapters';
import { checkFile } from './cli/checkFile';
import { openResults, resultsInputs, type FileCache } from './cli/results';
import { RunRecord } from './cli/resultsCache';
import { checkPooled, poolSize, workerScript, type PoolShared, type WorkerRole } from './cli/pool';
import { NetworkSession } from './node/networkSession';
import { openPersistedCache } from './node/cacheFile';
import { createTemplateGit } from './node/templateGit';
import { createDiligenceService, networkChecksEnabled, createLinkChecker, loadProfileFiles, type Profile, noCancellation, resolveConfig, TemplateCache, templateReferenceFromText, type DiligenceConfig, type DiligenceService, type LinkChecker, type TemplateReference } from './service/index';
import type { HttpClient } from './service/links/types';
import { parseCommandArgs, usage, UsageError, type Options } from './cli/args';
import { displayPath, expandFiles, STDIN } from './cli/files';
import { closeOutput, defaultIO, openOutputFile, readStdin, type CliIO } from './cli/output';
import { hasError, printCheck, type FileResult } from './cli/format';
import { printReports } from './cli/reportFormat';
import { VERSION } from './cli/version';
import { decodeText, MAX_FILE_BYTES, readText } from './cli/readText';
import { ConfigFiles, mergeSettings } from './cli/configFile';
import { APPLICATION_USAGE } from './cli/applicationUsage';
import { interviewListing } from './node/interviewFiles';
import { folderOf } from './service/interviews/index';
import { INTERVIEW_USAGE, interviewCommand, publicCommentCommand, PUBLIC_COMMENT_USAGE } from './cli/interviews';

export { VERSION } from './cli/version';
export { decodeText, MAX_FILE_BYTES, readText } from './cli/readText';
export { runWorker } from './cli/worker';
export { printable, type FileResult } from './cli/format';

/** A subcommand: `diligence NAME ARGS…` runs `run(ARGS, io)`; its exit code. */
export interface CliCommand {
  /** its line in the usage text */
  usage: string;
  run(argv: string[], io: CliIO, role?: WorkerRole): Promise<number>;
}

/** Every subcommand; add one here (and its module under cli/). */
const COMMANDS: Record<string, CliCommand> = {
  check: { usage: 'diligence check FILE... [--format text|json|sarif|github] [options]', run: (argv, io, role) => analyseCommand('check', argv, io, role) },
  report: { usage: 'diligence report FILE... [--format markdown|json] [options]', run: (argv, io) => analyseCommand('report', argv, io) },
  interview: { usage: INTERVIEW_USAGE, run: (argv, io) => interviewCommand(argv, io) },
  'public-comment': { usage: PUBLIC_COMMENT_USAGE, run: (argv, io) => publicCommentCommand(argv, io) },
};

function fullUsage(): string {
  const others = Object.entries(COMMANDS).filter(([name]) => name !== 'check' && name !== 'report').map(([, c]) => `  ${c.usage}`);
  others.push(...APPLICATION_USAGE.split('\n').filter((l) => l.trim() !== ''));
  const text = usage();
  return others.length === 0 ? text : text.replace('\n\nFILE is', `\n${others.join('\n')}\n\nFILE is`);
}

/** `role`: a worker thread of the pool (cli/pool.ts, started by cliMain.ts) checking its share of the files. */
export async function main(argv: string[], out?: (s: string) => void, err?: (s: string) => void, stdin?: () => Promise<Buffer>, role?: WorkerRole): Promise<number> {
  const io = out && err ? { out, err, stdin: stdin ?? (() => readStdin(MAX_FILE_BYTES)) } : defaultIO();
  // init and triage (and what only they use) load when asked for
  if (argv[0] === 'init' || argv[0] === 'triage') {
    const fromApplication = await (await import('./cli/application')).applicationCommand(argv, io.out, io.err);
    if (fromApplication !== undefined) return fromApplication;
  }
  const [name, ...rest] = argv;
  const command = name !== undefined ? COMMANDS[name] : undefined;
  if (command) return command.run(rest, io, role);
  if (name === '-h' || name === '--help') { io.out(fullUsage()); return 0; }
  if (name === '-v' || name === '--version') { io.out(VERSION); return 0; }
  io.err(`diligence: ${name === undefined ? 'no command given' : name.startsWith('-') ? `a command comes first (${Object.keys(COMMANDS).join(', ')}), then "${name}"` : `unknown command "${name}"`}\n\n${fullUsage()}`);
  return 2;
}

/** What `check` opens beside the service: the results cache (--cache-dir), or a worker's role. */
export interface OpenFor {
  results?: boolean;
  role?: WorkerRole | undefined;
}

/** What `openService` opens: `profiles` those of --profile (a configuration file's come on top). */
export interface OpenedService {
  service: DiligenceService;
  checkLinks: boolean;
  cache?: FileCache | undefined;
  profiles?: Profile[];
  /** what the pool's workers ask of this thread (cli/poolRpc.ts) */
  pool: PoolShared;
  dispose(): Promise<void>;
}

/** The service, its network session and caches, as the options ask; a number is an exit code. */
export async function openService(opts: Options, err: (s: string) => void, openFor: OpenFor = {}): Promise<OpenedService | number> {
  const problems: string[] = [];
  const config = resolveConfig(opts.settings, problems);
  // --template FILE: the documents are held to it (the template feature reads it as their
  // template), and the rules read its text even for a document no profile matches
  let template: TemplateReference | undefined;
  if (opts.settings.templates?.file !== undefined) {
    const read = readText(opts.settings.templates.file);
    if ('error' in read) {
      err(`diligence: template ${opts.settings.templates.file}: ${read.error}`);
      return 2;
    }
    template = templateReferenceFromText(read.text);
  }
  const service: DiligenceService = createDiligenceService({ config, oneShot: true, ...(template ? { templateFor: () => template } : {}) });
  for (const p of problems) err(`diligence: ${p}`);
  let profiles: Profile[] = [];
  if (opts.profiles.length > 0) {
    const loaded = await loadProfileFiles(opts.profiles, nodeFileSystem, (p) => resolve(p));
    if (loaded.problems.length > 0) {
      for (const p of loaded.problems) err(`diligence: profile ${p}`);
      return 2;
    }
    profiles = loaded.profiles;
    service.setUserProfiles(profiles);
  }
  // --cache-dir: the files' results (results.json), reused while nothing they read changed
  const { role } = openFor;
  const cache: FileCache | undefined = role ? { results: role.sink, record: new RunRecord() } : openFor.results && opts.command === 'check' && opts.cacheDir ? await openResults(opts.cacheDir, resultsInputs(opts), err) : undefined;
  const net = await openNetwork(opts, config, service, cache, err, role);
  return { service, checkLinks: net.checkLinks, cache, profiles, pool: net.pool, dispose: async () => { await cache?.results.save(); await net.dispose(); } };
}

/**
 * The link checker, the evidence discoverer and the template sources of the service: the network
 * (GITHUB_TOKEN, the HTTP client, Octokit, the caches) only when something is asked over it; in
 * a worker of the pool, the main thread's (role.remote, cli/poolRpc.ts).
 */
async function openNetwork(opts: Options, config: DiligenceConfig, service: DiligenceService, cache: FileCache | undefined, err: (s: string) => void, role: WorkerRole | undefined): Promise<{ checkLinks: boolean; pool: PoolShared; dispose(): Promise<void> }> {
  const online = networkChecksEnabled(config) && !opts.offline;
  const session = online && !role ? new NetworkSession({ apiUrl: config.github.apiUrl, proxy: config.http.proxy, noProxy: config.http.noProxy, warn: (m) => err(`diligence: ${m}`) }) : undefined;
  const checkLinks = opts.command === 'check' && networkChecksEnabled(config);
  const recording = (c: LinkChecker): LinkChecker => cache?.record.recording(c) ?? c;
  // offline, a checker with no network at all: relative links against the file system, one
  // links-not-checked for the web links
  if (opts.offline && checkLinks) service.setLinkChecker(recording(createLinkChecker({ http: NO_NETWORK, files: nodeFileSystem })));
  const pool: PoolShared = { host: {}, templates: session?.templateCache ?? new TemplateCache() };
  if (session) {
    if (opts.cacheDir) await session.openCaches(opts.cacheDir, opts.command === 'check' ? { links: true, templates: true, evidence: opts.evidence === true } : { evidence: true, templates: true });
    const tools = await session.tools();
    if (tools) {
      service.setLinkChecker(recording(tools.linkChecker));
      service.evidence.setDiscoverer(tools.discoverer);
      pool.host = { linkChecker: tools.linkChecker, templateGitHub: tools.templateGitHub };
    }
    service.templates.setSources({ files: nodeFileSystem, git: createTemplateGit(), ...(tools ? { github: tools.templateGitHub } : {}), cache: session.templateCache, now: () => Date.now() });
  } else {
    // a worker: the main thread's templates; offline, the templates cached by an earlier run still count
    if (role?.templates !== undefined) pool.templates.loadJSON(role.templates);
    else if (opts.cacheDir) await openPersistedCache(pool.templates, opts.cacheDir, 'templates.json', { warn: (m) => err(`diligence: ${m}`) });
    if (online && role?.remote && checkLinks) service.setLinkChecker(recording(role.remote.linkChecker));
    service.templates.setSources({ files: nodeFileSystem, git: createTemplateGit(), ...(online && role?.remote ? { github: role.remote.templateGitHub } : {}), cache: pool.templates, now: () => Date.now() });
  }
  return { checkLinks, pool, dispose: async () => { await session?.dispose(); } };
}

/** `check` and `report`: parse, expand the files, analyse them, print; the exit code. */
async function analyseCommand(command: 'check' | 'report', argv: string[], io: CliIO, role?: WorkerRole): Promise<number> {
  let opts: ReturnType<typeof parseCommandArgs>;
  try {
    opts = parseCommandArgs(command, argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`diligence: ${e.message}\n\n${fullUsage()}`);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') { io.out(fullUsage()); return 0; }
  if (opts === 'version') { io.out(VERSION); return 0; }
  // a worker thread of the pool: its share of the files, checked and sent back (the main thread
  // said the problems and prints)
  if (role) return checkShare(opts, role, io);
  const expanded = expandFiles(opts.files);
  for (const p of expanded.problems) io.err(`diligence: ${p}`);
  let out = io.out;
  let output: ReturnType<typeof openOutputFile> | undefined;
  if (opts.output !== undefined) {
    output = openOutputFile(opts.output);
    if ('error' in output) {
      io.err(`diligence: -o ${opts.output}: ${output.error}`);
      return 2;
    }
    out = output.out;
  }
  const opened = await openService(opts, io.err, { results: command === 'check' });
  if (typeof opened === 'number') return opened;
  let code: number;
  try {
    // many files: on all cores (cli/pool.ts), the requests in this thread (cli/poolRpc.ts)
    // (a worker knows the command line's settings only: the pool stands aside when a configuration file applies)
    const script = workerScript();
    const configs = new ConfigFiles({ file: opts.config, none: opts.noConfig }, io.err);
    const poolable = command === 'check' && !opts.evidence && script !== undefined && expanded.files.length > 1
      && expanded.files.every((f) => f !== STDIN) && poolSize(expanded.files.map(sizeOf)) > 1
      && (await Promise.all(expanded.files.map((f) => configs.pathFor(resolve(f))))).every((c) => c === undefined);
    const analysed = poolable
      ? await checkPooled({ files: expanded.files, argv: ['check', ...argv], script, read: readText, display: displayPath, cache: opened.cache, shared: opened.pool, err: io.err }) as { results: FileResult[]; failed: boolean }
      : await analyseFiles(opts, expanded.files, { ...opened, configs }, io, command === 'report');
    const results = analysed.results;
    const failed = analysed.failed || configs.failed;
    if (command === 'check') printCheck(results, opts.format, out, io.err);
    else printReports(results, opts.format, out, io.err);
    const notAnalysed = command === 'report' && results.some((r) => !r.report);
    code = failed || notAnalysed || expanded.problems.length > 0 ? 2 : command === 'report' ? 0 : hasError(results) ? 1 : 0;
  } finally {
    await opened.dispose();
  }
  return closeOutput(output && !('error' in output) ? output : undefined, opts.output, io.err, code);
}


/** A worker's share of a pooled `check`: the results go back through `role.done`, file by file. */
async function checkShare(opts: Options, role: WorkerRole, io: CliIO): Promise<number> {
  const opened = await openService(opts, () => {}, { role });
  if (typeof opened === 'number') return opened;
  try {
    for (const file of role.files) role.done((await analyseFiles(opts, [file], opened, io, false, true)).results);
    role.finished(opened.pool.templates.serialize());
    return 0;
  } finally {
    await opened.dispose();
  }
}

/** A file's size in bytes (0 when it cannot be read: said when it is read). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The HTTP client of an offline check: never asked (web links are not checked offline). */
const NO_NETWORK: HttpClient = { request: () => Promise.reject(new Error('offline: no request is made')) };

/** The text of one FILE argument (`-`: standard input), or why it cannot be read. */
async function readInput(path: string, io: CliIO): Promise<{ text: string } | { error: string }> {
  if (path !== STDIN) return readText(path);
  let bytes: Buffer;
  try {
    bytes = await io.stdin();
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  return decodeText(bytes);
}

/**
 * Analyses each file (link checks for `check`, evidence and the report with `withReport`).
 * `failed`: a file could not be read (said on stderr, the others are still analysed).
 */
export async function analyseFiles(opts: Options, files: readonly string[], opened: Omit<OpenedService, 'dispose'> & { configs?: ConfigFiles }, io: CliIO, withReport: boolean, rawPaths = false): Promise<{ results: FileResult[]; failed: boolean }> {
  const { service, checkLinks } = opened;
  let failed = false;
  const results: FileResult[] = [];
  const online = networkChecksEnabled(service.config) && !opts.offline;
  let configured: string | undefined;
  const profiles = new FileProfiles(service, opened.profiles ?? [], io.err);
  // the Action calls this directly: the configuration files as the options say
  const configs = opened.configs ?? new ConfigFiles({ file: opts.config, none: opts.noConfig }, io.err);
  // the interview files of each folder, listed once for the whole run
  const interviewsBeside = interviewListing();
  for (const path of files) {
    const read = await readInput(path, io);
    if ('error' in read) {
      io.err(`diligence: ${path === STDIN ? 'standard input' : path}: ${read.error}`);
      failed = true;
      continue;
    }
    const absolute = resolve(path === STDIN ? 'stdin.md' : path);
    // a configuration file's settings under the command line's, for this document only
    const fromFile = await configs.settingsFor(absolute);
    if (fromFile?.path !== configured) service.configure(resolveConfig(fromFile ? mergeSettings(fromFile.settings, opts.settings) : opts.settings, []));
    configured = fromFile?.path;
    await profiles.use(fromFile?.settings.profiles ?? []);
    const display = rawPaths ? path : path === STDIN ? '<stdin>' : displayPath(path);
    if (!withReport && !opts.evidence) {
      // `check`: one analysis per file (cli/checkFile.ts), its result kept in --cache-dir unless a
      // configuration file changed the settings (the cache knows the command line's only)
      const cache = fromFile ? undefined : opened.cache;
      const diagnostics = await checkFile(service, absolute, read.text, { allowNetwork: online, offline: opts.offline === true, checkLinks, cache, interviewsBeside });
      results.push({ path: display, text: read.text, diagnostics, doc: { uri: pathToFileURL(absolute).toString(), version: -1, getText: () => read.text } });
      continue;
    }
    const doc = { uri: pathToFileURL(absolute).toString(), version: -1, getText: () => read.text };
    // where it could not be read, the report and the diagnostics say so (built-in criteria)
    await service.templates.resolve(doc, { allowNetwork: online, history: withReport }, noCancellation);
    if (withReport && opts.command === 'report') await discoverEvidence(service, doc, online, io.err);
    if (checkLinks) await service.checkLinks(doc, { allowNetwork: !opts.offline, ...(opts.offline ? { offline: true } : {}), roots: await linkRootsFor(doc.uri, []) }, noCancellation);
    // evidence first: its findings (evidence-available) are part of the diagnostics
    if (opts.evidence) await discoverEvidence(service, doc, online, io.err);
    const beside = await interviewsBeside(doc.uri);
    if (beside) service.interviews.setFiles(folderOf(doc.uri), beside);
    const diagnostics = service.interviews.isInterview(doc) ? service.interviews.diagnostics(doc) : service.diagnostics(doc);
    const report = withReport ? service.report(doc) : undefined;
    results.push({ path: display, text: read.text, diagnostics, diligence: service.isDiligenceDocument(doc), ...(report ? { report } : {}), doc });
  }
  return { results, failed: failed || configs.failed };
}

/** Evidence of the document's repositories for the report; with --offline it says it was not discovered. */
async function discoverEvidence(service: DiligenceService, doc: { uri: string; version: number; getText(): string }, online: boolean, err: (s: string) => void): Promise<void> {
  const d = await service.evidence.discover(doc, { allowNetwork: online }, noCancellation);
  if (online && d?.notDiscovered) err(`diligence: evidence: ${d.notDiscovered.message}`);
}

/** The profiles of the document's configuration file on top of --profile's, loaded once each. */
class FileProfiles {
  private current = '';
  private readonly said = new Set<string>();
  constructor(private readonly service: DiligenceService, private readonly base: Profile[], private readonly err: (s: string) => void) {}

  async use(paths: string[]): Promise<void> {
    const key = paths.join('\n');
    if (key === this.current) return;
    this.current = key;
    const loaded = paths.length > 0 ? await loadProfileFiles(paths, nodeFileSystem, (p) => p) : { profiles: [], problems: [] };
    for (const p of loaded.problems) {
      if (!this.said.has(p)) this.err(`diligence: profile ${p}`);
      this.said.add(p);
    }
    this.service.setUserProfiles([...this.base, ...loaded.profiles]);
  }
}

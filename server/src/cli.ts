/**
 * The command-line twin of the language server: the same core, for the terminal and CI.
 *
 *   diligence check FILE… [--format text|json|sarif|github]
 *   diligence report FILE [--format markdown|json]
 *
 * Exit codes: 0 no diagnostic is an error; 1 one is; 2 bad usage or a file that cannot be read.
 */
import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { linkRootsFor, nodeFileSystem } from './node/hostAdapters';
import { NetworkSession } from './node/networkSession';
import { openPersistedCache } from './node/cacheFile';
import { createTemplateGit } from './node/templateGit';
import { ALL_CODES, createDiligenceService, networkChecksEnabled, createLinkChecker, DEFAULT_SEVERITY, loadProfileFiles, noCancellation, reportToMarkdown, resolveConfig, severityName, TemplateCache, templateReferenceFromText, type DiligenceService, type TemplateReference } from './service/index';
import type { HttpClient } from './service/links/types';
import { Code } from './service/codes';

const VERSION = '0.1.0';

const USAGE = `Usage:
  diligence check FILE... [--format text|json|sarif|github] [options]
  diligence report FILE [--format markdown|json] [options]

Options:
  --format F           output format (check: text, json, sarif, github; report: markdown, json)
  --reviewer NAME      the reviewer's name (fills $TOCMEMBER in suggestions)
  --severity CODE=SEV  change a diagnostic's severity (error, warning, information, hint, off); repeatable
  --max-size N         skip documents over N characters (default 5000000)
  --offline            no network: web links are not checked (said once), relative links still are
  --evidence           check: also discover evidence in the project's repositories (GitHub API
                       requests; needs GITHUB_TOKEN), so evidence-available can show in CI
  --cache-dir DIR      keep link verdicts in DIR/links.json, evidence in DIR/evidence.json
  --bestpractices-url URL  the OpenSSF Best Practices site (report; default https://www.bestpractices.dev)
  --scorecard-url URL  the OpenSSF Scorecard API (report; default https://api.securityscorecards.dev)
  --github-api-url URL the GitHub API to ask (GitHub Enterprise: https://HOST/api/v3)
  --link-timeout MS    per-request timeout (default 10000)
  --proxy URL|env      send link checks and GitHub API requests through an http:// proxy, or
                       (env) the one of HTTPS_PROXY / HTTP_PROXY; NO_PROXY is honoured
  --allow-private-hosts  also request private and loopback addresses (refused by default)
  --profile FILE       a profile JSON file (criteria of your review template); repeatable
  --template FILE      hold documents to this template file (default: the front matter's
                       template:, the workspace's checkout, else the canonical template through
                       the GitHub API, kept in --cache-dir/templates.json)
  --template-ref REF   read the canonical template at this branch, tag or commit
  -h, --help           this help
  -v, --version        the version

A GitHub token is read from GITHUB_TOKEN; it is sent to the GitHub API only.

Exit codes: 0 no diagnostic is an error, 1 at least one is, 2 bad usage or an unreadable file.`;

class UsageError extends Error {}

interface Options {
  command: 'check' | 'report';
  files: string[];
  format: string;
  settings: {
    reviewer: { name: string };
    maxDocumentSize?: number;
    diagnostics: { severity: Record<string, string> };
    links: { enabled: boolean; allowPrivateHosts?: boolean; timeout?: number };
    github?: { apiUrl: string };
    http?: { proxy: string };
    openssf?: { bestPracticesUrl?: string; scorecardUrl?: string };
    templates?: { file?: string; ref?: string };
  };
  cacheDir?: string;
  profiles: string[];
  /** no network: relative links are still checked against the file system */
  offline?: boolean;
  /** check: discover evidence too (evidence-available findings); off by default, it costs API requests */
  evidence?: boolean;
}

export function parseArgs(argv: string[]): Options | 'help' | 'version' {
  if (argv.length === 0) throw new UsageError('no command given');
  if (argv.includes('-h') || argv.includes('--help')) return 'help';
  if (argv.includes('-v') || argv.includes('--version')) return 'version';
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'report') throw new UsageError(`unknown command "${command}"`);
  const opts: Options = { command, files: [], format: command === 'check' ? 'text' : 'markdown', settings: { reviewer: { name: '' }, diagnostics: { severity: {} }, links: { enabled: true } }, profiles: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const value = (): string => {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    const name = a.startsWith('--') && a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    switch (name) {
      case '--format': opts.format = value(); break;
      case '--reviewer': opts.settings.reviewer.name = value(); break;
      case '--max-size': {
        const n = Number(value());
        if (!Number.isInteger(n) || n <= 0) throw new UsageError('--max-size takes a positive whole number');
        opts.settings.maxDocumentSize = n;
        break;
      }
      case '--offline': opts.offline = true; break;
      case '--evidence': opts.evidence = true; break;
      case '--proxy': {
        const v = value();
        if (v !== 'env' && !/^http:\/\/[^/]/i.test(v)) throw new UsageError('--proxy takes env or an http:// proxy URL (http://HOST:PORT)');
        opts.settings.http = { proxy: v };
        break;
      }
      case '--allow-private-hosts': opts.settings.links.allowPrivateHosts = true; break;
      case '--cache-dir': opts.cacheDir = value(); break;
      case '--profile': opts.profiles.push(value()); break;
      case '--template': opts.settings.templates = { ...opts.settings.templates, file: resolve(value()) }; break;
      case '--template-ref': opts.settings.templates = { ...opts.settings.templates, ref: value() }; break;
      case '--github-api-url': {
        const url = value();
        if (!/^https?:\/\/[^/]/.test(url)) throw new UsageError('--github-api-url takes an http(s) URL');
        opts.settings.github = { apiUrl: url };
        break;
      }
      case '--bestpractices-url':
      case '--scorecard-url': {
        const url = value();
        if (!/^https?:\/\/[^/]/.test(url)) throw new UsageError(`${name} takes an http(s) URL`);
        opts.settings.openssf = { ...opts.settings.openssf, [name === '--scorecard-url' ? 'scorecardUrl' : 'bestPracticesUrl']: url };
        break;
      }
      case '--link-timeout': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 100) throw new UsageError('--link-timeout takes a number of milliseconds (at least 100)');
        opts.settings.links.timeout = n;
        break;
      }
      case '--severity': {
        const [code, sev] = value().split('=');
        if (!code || !sev || !(ALL_CODES as string[]).includes(code)) throw new UsageError(`--severity takes CODE=SEVERITY with a code among: ${ALL_CODES.join(', ')}`);
        if (!['error', 'warning', 'information', 'hint', 'off'].includes(sev)) throw new UsageError(`--severity ${code}: "${sev}" is not one of error, warning, information, hint, off`);
        opts.settings.diagnostics.severity[code] = sev;
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option "${a}"`);
        opts.files.push(a);
    }
  }
  const formats = command === 'check' ? ['text', 'json', 'sarif', 'github'] : ['markdown', 'json'];
  if (!formats.includes(opts.format)) throw new UsageError(`${command} --format takes one of: ${formats.join(', ')}`);
  if (opts.files.length === 0) throw new UsageError(`${command} needs a FILE`);
  if (opts.evidence && command !== 'check') throw new UsageError('--evidence is for check (report always discovers evidence)');
  if (command === 'report' && opts.files.length > 1) throw new UsageError('report takes one FILE');
  return opts;
}

/** bytes read at most from a file named on the command line (four times the largest diligence.maxDocumentSize in UTF-8) */
const MAX_FILE_BYTES = 4 * 20_000_000;

/** Reads a file as UTF-8 text, or says in one sentence why it cannot. */
export function readText(path: string): { text: string } | { error: string } {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read it (${code ?? String(e)})` };
  }
  if (st.isDirectory()) return { error: 'is a directory, not a file' };
  // a device or a FIFO (a committed symbolic link to /dev/zero) would be read forever
  if (!st.isFile()) return { error: 'is not a regular file' };
  if (st.size > MAX_FILE_BYTES) return { error: `is ${st.size.toLocaleString('en')} bytes, more than a document can be (${MAX_FILE_BYTES.toLocaleString('en')})` };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'EACCES' ? 'permission denied' : `cannot read it (${code ?? String(e)})` };
  }
  if (bytes.includes(0)) return { error: 'is a binary file (it contains NUL bytes), not a markdown document' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: 'is not valid UTF-8 text' };
  }
}

interface FileResult {
  path: string;
  text: string;
  diagnostics: Diagnostic[];
}

function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/**
 * Text from the document made safe for a terminal or a CI log: C0 and C1 control characters
 * (escape sequences that write the clipboard, clear the screen, retitle the window) become
 * U+FFFD. Line feeds and tabs are kept only when `keepLines` (the markdown report).
 */
export function printable(s: string, keepLines = false): string {
  // eslint-disable-next-line no-control-regex -- the point is to find them
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (keepLines && (c === '\n' || c === '\t') ? c : '\ufffd'));
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
const RULE_HELP: Record<string, string> = {
  [Code.placeholder]: 'A template placeholder is still in the text.',
  [Code.todo]: 'An open TODO.',
  [Code.evaluationMissing]: 'A criterion has no finding yet, only the template comment.',
  [Code.checkedWithoutEvidence]: 'A checked criterion cites no evidence and has no evaluation.',
  [Code.checkedWithOpenTodo]: 'A checked criterion still has an open TODO.',
  [Code.requiredUnmet]: 'A Required criterion is not met yet.',
  [Code.subitemUnchecked]: 'A checked criterion has an unchecked sub-item.',
  [Code.evaluationDelegated]: 'An area hands its evaluation to another review.',
  [Code.criterionWithoutCheckbox]: 'A criterion is written without a checkbox.',
  [Code.criterionNested]: 'A criterion of the template is indented under another criterion.',
  [Code.noChecklist]: 'The document has no checklist of criteria.',
  [Code.linkMalformed]: 'A link target is malformed.',
  [Code.linkBroken]: 'An evidence link is broken.',
  [Code.linkUnreachable]: 'An evidence link could not be reached.',
  [Code.linkRedirected]: 'An evidence link is permanently redirected.',
  [Code.linkFragment]: 'An evidence link points at an anchor its target does not have.',
  [Code.linkUnpinned]: 'A GitHub link points at a branch, which can change after the review.',
  [Code.linkArchived]: 'An evidence link points at an archived repository.',
  [Code.linksNotChecked]: 'Evidence links could not be checked.',
  [Code.linkNotChecked]: 'One link was deliberately not checked (outside the workspace, another machine, a private address).',
  [Code.evidenceAvailable]: 'Evidence was found in the project\'s repositories that the criterion does not cite.',
  [Code.documentTooLarge]: 'The document was too large to analyse.',
};

function sarif(results: FileResult[]): unknown {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'diligence',
          version: VERSION,
          informationUri: 'https://github.com/diligence-tools/diligence',
          rules: ALL_CODES.map((code) => ({
            id: code,
            shortDescription: { text: RULE_HELP[code] ?? code },
            defaultConfiguration: { level: SARIF_LEVEL[DEFAULT_SEVERITY[code]] },
          })),
        },
      },
      columnKind: 'utf16CodeUnits',
      results: results.flatMap((r) => r.diagnostics.map((d) => ({
        ruleId: String(d.code),
        ruleIndex: ALL_CODES.indexOf(d.code as (typeof ALL_CODES)[number]),
        level: SARIF_LEVEL[severityName(d.severity)],
        message: { text: messageText(d) },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: r.path.split('\\').join('/') },
            region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
          },
        }],
      }))),
    }],
  };
}

function printCheck(results: FileResult[], format: string, out: (s: string) => void, err: (s: string) => void): void {
  if (format === 'json') {
    out(JSON.stringify({
      files: results.map((r) => ({
        path: r.path,
        diagnostics: r.diagnostics.map((d) => ({ code: d.code, severity: severityName(d.severity), message: messageText(d), range: d.range })),
      })),
    }, null, 2));
    return;
  }
  if (format === 'sarif') {
    out(JSON.stringify(sarif(results), null, 2));
    return;
  }
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) {
    for (const d of r.diagnostics) {
      const sev = severityName(d.severity);
      counts[sev]++;
      const line = d.range.start.line + 1;
      const col = d.range.start.character + 1;
      if (format === 'github') {
        const kind = sev === 'error' ? 'error' : sev === 'warning' ? 'warning' : 'notice';
        out(printable(`::${kind} file=${escapeProperty(r.path)},line=${line},col=${col},endLine=${d.range.end.line + 1},endColumn=${d.range.end.character + 1},title=${escapeProperty(`diligence ${String(d.code)}`)}::${escapeData(messageText(d))}`));
      } else {
        out(printable(`${r.path}:${line}:${col}: ${sev} ${String(d.code)} ${messageText(d)}`));
      }
    }
  }
  if (format === 'text') {
    const total = counts.error + counts.warning + counts.information + counts.hint;
    err(`${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.information + counts.hint} info) in ${results.length} file${results.length === 1 ? '' : 's'}`);
  }
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s + '\n'), err: (s: string) => void = (s) => process.stderr.write(s + '\n')): Promise<number> {
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`diligence: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') { out(USAGE); return 0; }
  if (opts === 'version') { out(VERSION); return 0; }

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
  const service: DiligenceService = createDiligenceService({ config, ...(template ? { templateFor: () => template } : {}) });
  for (const p of problems) err(`diligence: ${p}`);
  if (opts.profiles.length > 0) {
    const loaded = await loadProfileFiles(opts.profiles, nodeFileSystem, (p) => resolve(p));
    if (loaded.problems.length > 0) {
      for (const p of loaded.problems) err(`diligence: profile ${p}`);
      return 2;
    }
    service.setUserProfiles(loaded.profiles);
  }
  // the network (GITHUB_TOKEN, the HTTP client, Octokit, the caches) only when something is asked over it
  const online = networkChecksEnabled(config) && !opts.offline;
  const session = online ? new NetworkSession({ apiUrl: config.github.apiUrl, proxy: config.http.proxy, noProxy: config.http.noProxy, warn: (m) => err(`diligence: ${m}`) }) : undefined;
  const checkLinks = opts.command === 'check' && networkChecksEnabled(config);
  // offline, a checker with no network at all: relative links against the file system, one
  // links-not-checked for the web links
  if (opts.offline && checkLinks) service.setLinkChecker(createLinkChecker({ http: NO_NETWORK, files: nodeFileSystem }));
  if (session) {
    if (opts.cacheDir) await session.openCaches(opts.cacheDir, opts.command === 'check' ? { links: true, templates: true, evidence: opts.evidence === true } : { evidence: true, templates: true });
    const tools = await session.tools();
    if (tools) {
      service.setLinkChecker(tools.linkChecker);
      service.evidence.setDiscoverer(tools.discoverer);
    }
    service.templates.setSources({ files: nodeFileSystem, git: createTemplateGit(), ...(tools ? { github: tools.templateGitHub } : {}), cache: session.templateCache, now: () => Date.now() });
  } else {
    // offline, the templates cached by an earlier run still count
    const cache = new TemplateCache();
    if (opts.cacheDir) await openPersistedCache(cache, opts.cacheDir, 'templates.json', { warn: (m) => err(`diligence: ${m}`) });
    service.templates.setSources({ files: nodeFileSystem, git: createTemplateGit(), cache, now: () => Date.now() });
  }
  try {
    return await run(opts, service, checkLinks, out, err);
  } finally {
    await session?.dispose();
  }
}

/** The HTTP client of an offline check: never asked (web links are not checked offline). */
const NO_NETWORK: HttpClient = { request: () => Promise.reject(new Error('offline: no request is made')) };

/** Checks or reports each file; the exit code. */
async function run(opts: Options, service: DiligenceService, checkLinks: boolean, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let unreadable = false;
  const results: FileResult[] = [];
  for (const path of opts.files) {
    const read = readText(path);
    if ('error' in read) {
      err(`diligence: ${path}: ${read.error}`);
      unreadable = true;
      continue;
    }
    const doc = { uri: pathToFileURL(resolve(path)).toString(), version: -1, getText: () => read.text };
    // where it could not be read, the report and the diagnostics say so (built-in criteria)
    await service.templates.resolve(doc, { allowNetwork: networkChecksEnabled(service.config) && !opts.offline, history: opts.command === 'report' }, noCancellation);
    if (opts.command === 'report') {
      await discoverEvidence(service, doc, networkChecksEnabled(service.config) && !opts.offline, err);
      const report = service.report(doc);
      if (!report) {
        err(`diligence: ${path}: not analysed (${service.diagnostics(doc)[0]?.message ?? 'too large'}); nothing to report`);
        return 2;
      }
      out(opts.format === 'json' ? JSON.stringify(report, null, 2) : printable(reportToMarkdown(report).trimEnd(), true));
      return 0;
    }
    const display = relative(process.cwd(), resolve(path)) || path;
    if (checkLinks) await service.checkLinks(doc, { allowNetwork: !opts.offline, ...(opts.offline ? { offline: true } : {}), roots: await linkRootsFor(doc.uri, []) }, noCancellation);
    if (opts.evidence) await discoverEvidence(service, doc, networkChecksEnabled(service.config) && !opts.offline, err);
    results.push({ path: display.startsWith('..') ? path : display, text: read.text, diagnostics: service.diagnostics(doc) });
  }
  if (opts.command === 'check') printCheck(results, opts.format, out, err);
  if (unreadable) return 2;
  return results.some((r) => r.diagnostics.some((d) => severityName(d.severity) === 'error')) ? 1 : 0;
}

/** Evidence of the document's repositories for the report; with --offline it says it was not discovered. */
async function discoverEvidence(service: DiligenceService, doc: { uri: string; version: number; getText(): string }, online: boolean, err: (s: string) => void): Promise<void> {
  const d = await service.evidence.discover(doc, { allowNetwork: online }, noCancellation);
  if (online && d?.notDiscovered) err(`diligence: evidence: ${d.notDiscovered.message}`);
}

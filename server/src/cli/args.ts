/**
 * The options of `check` and `report`, as one table read by `node:util` parseArgs. An option is
 * one entry: its name, its value's placeholder, its help line and what it sets. The usage text
 * is written from the same table, so the two cannot drift apart.
 */
import { resolve } from 'node:path';
import { parseArgs as parseNodeArgs } from 'node:util';
import { ALL_CODES } from '../service/codes';

export class UsageError extends Error {}

export interface CliSettings {
  reviewer: { name: string };
  maxDocumentSize?: number;
  diagnostics: { severity: Record<string, string> };
  links: { enabled: boolean; allowPrivateHosts?: boolean; timeout?: number };
  github?: { apiUrl: string };
  http?: { proxy: string };
  openssf?: { bestPracticesUrl?: string; scorecardUrl?: string };
  evidence?: { devstatsUrl?: string };
  templates?: { file?: string; ref?: string };
}

export interface Options {
  command: 'check' | 'report';
  /** as given: files, folders, globs, `-` for standard input (expanded by files.ts) */
  files: string[];
  format: string;
  settings: CliSettings;
  cacheDir?: string;
  profiles: string[];
  /** no network: relative links are still checked against the file system */
  offline?: boolean;
  /** check: discover evidence too (evidence-available findings); off by default, it costs API requests */
  evidence?: boolean;
  /** -o FILE: the output goes there instead of standard output */
  output?: string;
  /** --config FILE: this configuration file for every document (instead of the nearest) */
  config?: string;
  /** --no-config: no configuration file is read */
  noConfig?: boolean;
}

export interface OptionSpec {
  /** the long name, without `--` */
  name: string;
  short?: string;
  /** a boolean option takes no value */
  type: 'string' | 'boolean';
  /** may be given several times (each value is applied in turn) */
  multiple?: boolean;
  /** the value's placeholder in the usage text */
  value?: string;
  help: string;
  /** sets what the option says; throws a UsageError for a bad value (`value` is '' for a boolean) */
  apply(opts: Options, value: string): void;
}

const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];

function httpUrl(name: string, url: string): string {
  if (!/^https?:\/\/[^/]/.test(url)) throw new UsageError(`--${name} takes an http(s) URL`);
  return url;
}

/** Every option of `check` and `report`; add an entry here to add an option. */
export const OPTIONS: OptionSpec[] = [
  { name: 'format', type: 'string', value: 'F', help: 'output format (check: text, json, sarif, github; report: markdown, json)', apply: (o, v) => { o.format = v; } },
  { name: 'output', short: 'o', type: 'string', value: 'FILE', help: 'write the output to FILE instead of standard output', apply: (o, v) => { o.output = v; } },
  { name: 'reviewer', type: 'string', value: 'NAME', help: 'the reviewer\'s name (fills $TOCMEMBER in suggestions)', apply: (o, v) => { o.settings.reviewer.name = v; } },
  {
    name: 'severity', type: 'string', multiple: true, value: 'CODE=SEV', help: 'change a diagnostic\'s severity (error, warning, information, hint, off); repeatable',
    apply: (o, v) => {
      const eq = v.indexOf('=');
      const code = eq < 0 ? v : v.slice(0, eq);
      const sev = eq < 0 ? '' : v.slice(eq + 1);
      if (!code || !sev || !(ALL_CODES as string[]).includes(code)) throw new UsageError(`--severity takes CODE=SEVERITY with a code among: ${ALL_CODES.join(', ')}`);
      if (!SEVERITIES.includes(sev)) throw new UsageError(`--severity ${code}: "${sev}" is not one of ${SEVERITIES.join(', ')}`);
      o.settings.diagnostics.severity[code] = sev;
    },
  },
  {
    name: 'max-size', type: 'string', value: 'N', help: 'skip documents over N characters (default 5000000)',
    apply: (o, v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) throw new UsageError('--max-size takes a positive whole number');
      o.settings.maxDocumentSize = n;
    },
  },
  { name: 'offline', type: 'boolean', help: 'no network: web links are not checked (said once), relative links still are', apply: (o) => { o.offline = true; } },
  { name: 'evidence', type: 'boolean', help: 'check: also discover evidence in the project\'s repositories (GitHub API requests; needs GITHUB_TOKEN), so evidence-available can show in CI', apply: (o) => { o.evidence = true; } },
  { name: 'proxy', type: 'string', value: 'URL|env', help: 'send link checks and GitHub API requests through an http:// proxy, or (env) the one of HTTPS_PROXY / HTTP_PROXY; NO_PROXY is honoured', apply: (o, v) => {
    if (v !== 'env' && !/^http:\/\/[^/]/i.test(v)) throw new UsageError('--proxy takes env or an http:// proxy URL (http://HOST:PORT)');
    o.settings.http = { proxy: v };
  } },
  { name: 'cache-dir', type: 'string', value: 'DIR', help: 'keep link verdicts in DIR/links.json, evidence in DIR/evidence.json, each file\'s result (check) in DIR/results.json (reused while nothing changed)', apply: (o, v) => { o.cacheDir = v; } },
  { name: 'bestpractices-url', type: 'string', value: 'URL', help: 'the OpenSSF Best Practices site (report; default https://www.bestpractices.dev)', apply: (o, v) => { o.settings.openssf = { ...o.settings.openssf, bestPracticesUrl: httpUrl('bestpractices-url', v) }; } },
  { name: 'scorecard-url', type: 'string', value: 'URL', help: 'the OpenSSF Scorecard API (report; default https://api.securityscorecards.dev)', apply: (o, v) => { o.settings.openssf = { ...o.settings.openssf, scorecardUrl: httpUrl('scorecard-url', v) }; } },
  { name: 'devstats-url', type: 'string', value: 'URL', help: 'CNCF\'s DevStats API (report; default https://devstats.cncf.io/api/v1; \'\' = not asked)', apply: (o, v) => { o.settings.evidence = { ...o.settings.evidence, devstatsUrl: v === '' ? '' : httpUrl('devstats-url', v) }; } },
  { name: 'github-api-url', type: 'string', value: 'URL', help: 'the GitHub API to ask (GitHub Enterprise: https://HOST/api/v3)', apply: (o, v) => { o.settings.github = { apiUrl: httpUrl('github-api-url', v) }; } },
  {
    name: 'link-timeout', type: 'string', value: 'MS', help: 'per-request timeout (default 10000)',
    apply: (o, v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 100) throw new UsageError('--link-timeout takes a number of milliseconds (at least 100)');
      o.settings.links.timeout = n;
    },
  },
  { name: 'allow-private-hosts', type: 'boolean', help: 'also request private and loopback addresses (refused by default)', apply: (o) => { o.settings.links.allowPrivateHosts = true; } },
  { name: 'profile', type: 'string', multiple: true, value: 'FILE', help: 'a profile JSON file (criteria of your review template); repeatable', apply: (o, v) => { o.profiles.push(v); } },
  {
    name: 'template', type: 'string', value: 'FILE',
    help: 'hold documents to this template file (default: the front matter\'s template:, the workspace\'s checkout, else the canonical template through the GitHub API, kept in --cache-dir/templates.json)',
    apply: (o, v) => { o.settings.templates = { ...o.settings.templates, file: resolve(v) }; },
  },
  { name: 'template-ref', type: 'string', value: 'REF', help: 'read the canonical template at this branch, tag or commit', apply: (o, v) => { o.settings.templates = { ...o.settings.templates, ref: v }; } },
  { name: 'config', type: 'string', value: 'FILE', help: 'read the settings of this configuration file for every document (default: the nearest .diligence.jsonc or .diligence.json above each document, up to the repository\'s root)', apply: (o, v) => { o.config = v; } },
  { name: 'no-config', type: 'boolean', help: 'read no configuration file', apply: (o) => { o.noConfig = true; } },
  { name: 'help', short: 'h', type: 'boolean', help: 'this help', apply: () => undefined },
  { name: 'version', short: 'v', type: 'boolean', help: 'the version', apply: () => undefined },
];

const FORMATS = { check: ['text', 'json', 'sarif', 'github'], report: ['markdown', 'json'] } as const;

function optionLines(): string {
  const heads = OPTIONS.map((o) => `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`);
  const width = Math.max(...heads.map((h) => h.length)) + 2;
  return OPTIONS.map((o, i) => `  ${heads[i]!.padEnd(width)}${o.help}`).join('\n');
}

export function usage(): string {
  return `Usage:
  diligence check FILE... [--format text|json|sarif|github] [options]
  diligence report FILE... [--format markdown|json] [options]

FILE is a file, a folder (its .md files, at any depth), a glob in quotes ('projects/*/*-dd.md',
'**/*.md': expanded by diligence) or - for standard input. Arguments after -- are files, even
when they start with a dash.

Options:
${optionLines()}

A GitHub token is read from GITHUB_TOKEN; it is sent to the GitHub API only.

Exit codes: 0 no diagnostic is an error, 1 at least one is, 2 bad usage or an unreadable file.`;
}

/** What parseArgs says, in our words (its messages name the option and are kept). */
function usageMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: string }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const m = /'([^']+)'/.exec(message);
    return `unknown option "${m?.[1] ?? message}"`;
  }
  // "Option '-o, --output <value>' argument missing"
  const name = /--[\w-]+/.exec(message)?.[0];
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && name && message.includes('argument missing')) return `${name} needs a value`;
  // "Option '--reviewer' argument is ambiguous…", "Option '--offline' does not take an argument"
  return message.split('\n').join(' ');
}

/** The options of `check` or `report` (`argv` after the command). */
export function parseCommandArgs(command: 'check' | 'report', argv: string[]): Options | 'help' | 'version' {
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({
      args: argv,
      options: Object.fromEntries(OPTIONS.map((o) => [o.name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }])),
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(usageMessage(e));
  }
  const values = parsed.values as Record<string, string | boolean | Array<string | boolean> | undefined>;
  if (values.help) return 'help';
  if (values.version) return 'version';
  const opts: Options = { command, files: [...parsed.positionals], format: command === 'check' ? 'text' : 'markdown', settings: { reviewer: { name: '' }, diagnostics: { severity: {} }, links: { enabled: true } }, profiles: [] };
  for (const spec of OPTIONS) {
    const v = values[spec.name];
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) spec.apply(opts, typeof one === 'string' ? one : '');
  }
  if (!(FORMATS[command] as readonly string[]).includes(opts.format)) throw new UsageError(`${command} --format takes one of: ${FORMATS[command].join(', ')}`);
  if (opts.evidence && command !== 'check') throw new UsageError('--evidence is for check (report always discovers evidence)');
  if (opts.config !== undefined && opts.noConfig) throw new UsageError('--config and --no-config exclude each other');
  if (opts.files.length === 0) throw new UsageError(`${command} needs a FILE`);
  return opts;
}

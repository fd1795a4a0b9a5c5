/**
 * `diligence init --from-issue OWNER/REPO#N` and `diligence triage OWNER/REPO#N`: the application
 * issue through the GitHub API (GITHUB_TOKEN to the API origin only; cached in --cache-dir), held
 * to the current DD template of its level; the draft written to -o FILE (or stdout), the triage
 * report printed (posted on the issue only with --post).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeFileSystem } from '../node/hostAdapters';
import { NetworkSession } from '../node/networkSession';
import { createTemplateGit } from '../node/templateGit';
import { draftFromIssue, type ApplicationDeps } from '../service/application/index';
import { printable } from '../cli';
import { triageCommand } from './triage';
import { APPLICATION_USAGE } from './applicationUsage';
import { BUILTIN_PROFILES, noCancellation, resolveConfig, TemplateCache, type DiligenceConfig } from '../service/index';

export { APPLICATION_USAGE };

const USAGE = `Usage:
${APPLICATION_USAGE}

init drafts a due diligence on the current template from the application issue: each
criterion's assertion quoted and attributed, the evidence found that it does not cite; nothing
ticked. triage prints the TOC's triage checklist for the issue (--post also posts it as a comment).

Options:
  --from-issue REF     the application issue: OWNER/REPO#N or its URL
  --level L            incubation or graduation (default: what the issue applies for)
  -o, --output FILE    write the draft there (default: stdout); an existing file needs --force
  --date YYYY-MM-DD    the document's date (default: today, UTC)
  --reviewer NAME      fills $TOCMEMBER
  --project NAME       the project's name (default: the issue's)
  --format F           triage: markdown (default) or json
  --post               triage: post the report as a comment on the issue (needs GITHUB_TOKEN)
  --offline            no network: only what --cache-dir holds
  --cache-dir DIR      keep issues, templates, evidence and link verdicts in DIR
  --github-api-url URL the GitHub API (GitHub Enterprise: https://HOST/api/v3)
  --template FILE      the DD template to draft on (default: the canonical one, as for documents)
  --template-ref REF   read the canonical template at this ref
  --link-ignore PATTERN triage: links of the issue never checked (* globs or /regex/); repeatable
  --bestpractices-url URL, --scorecard-url URL, --devstats-url URL, --allow-private-hosts, --link-timeout MS

A GitHub token is read from GITHUB_TOKEN; it is sent to the GitHub API only.`;

class UsageError extends Error {}

export interface ApplicationOptions {
  command: 'init' | 'triage';
  ref: string;
  level?: string;
  output?: string;
  date: string;
  force: boolean;
  reviewer?: string;
  project?: string;
  format: 'markdown' | 'json';
  post: boolean;
  offline: boolean;
  cacheDir?: string;
  settings: Record<string, unknown> & { links: Record<string, unknown>; openssf: Record<string, unknown>; templates: Record<string, unknown> };
}

const httpUrl = (name: string, v: string): string => {
  if (!/^https?:\/\/[^/]/.test(v)) throw new UsageError(`${name} takes an http(s) URL`);
  return v;
};

function parse(argv: readonly string[], today: string): ApplicationOptions {
  const [command, ...rest] = argv as [('init' | 'triage'), ...string[]];
  const o: ApplicationOptions = { command, ref: '', date: today, force: false, format: 'markdown', post: false, offline: false, settings: { links: { enabled: true }, openssf: {}, templates: {} } };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      if (eq > 0) return a.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (name) {
      case '--from-issue': o.ref = value(); break;
      case '--level': o.level = value(); break;
      case '-o': case '--output': o.output = value(); break;
      case '--date': o.date = value(); break;
      case '--force': o.force = true; break;
      case '--reviewer': o.reviewer = value(); break;
      case '--project': o.project = value(); break;
      case '--format': {
        const f = value();
        if (f !== 'markdown' && f !== 'json') throw new UsageError(`--format takes markdown or json, not "${f}"`);
        o.format = f;
        break;
      }
      case '--post': o.post = true; break;
      case '--offline': o.offline = true; break;
      case '--cache-dir': o.cacheDir = value(); break;
      case '--github-api-url': o.settings['github'] = { apiUrl: httpUrl(name, value()) }; break;
      case '--bestpractices-url': o.settings.openssf['bestPracticesUrl'] = httpUrl(name, value()); break;
      case '--scorecard-url': o.settings.openssf['scorecardUrl'] = httpUrl(name, value()); break;
      case '--devstats-url': {
        const v = value();
        o.settings['evidence'] = { devstatsUrl: v === '' ? '' : httpUrl(name, v) };
        break;
      }
      case '--allow-private-hosts': o.settings.links['allowPrivateHosts'] = true; break;
      case '--link-ignore': o.settings.links['ignore'] = [...((o.settings.links['ignore'] as string[] | undefined) ?? []), value()]; break;
      case '--link-timeout': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 100) throw new UsageError('--link-timeout takes a number of milliseconds (at least 100)');
        o.settings.links['timeout'] = n;
        break;
      }
      case '--template': o.settings.templates['file'] = resolve(value()); break;
      case '--template-ref': o.settings.templates['ref'] = value(); break;
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option "${a}"`);
        if (command === 'triage' && !o.ref) o.ref = a;
        else throw new UsageError(`unexpected argument "${a}"`);
    }
  }
  if (!o.ref) throw new UsageError(command === 'init' ? 'init needs --from-issue OWNER/REPO#N' : 'triage needs OWNER/REPO#N');
  if (command === 'init' && (o.post || rest.includes('--format'))) throw new UsageError('--post and --format are options of triage');
  return o;
}

export interface Session {
  deps: ApplicationDeps;
  session: NetworkSession | undefined;
  /** GitHub API requests sent so far */
  requests(): number;
}

/** The network session, the caches and the template sources of one run. */
export async function openSession(o: Pick<ApplicationOptions, 'command' | 'offline' | 'cacheDir'>, config: DiligenceConfig, err: (s: string) => void): Promise<Session> {
  const session = o.offline ? undefined : new NetworkSession({ apiUrl: config.github.apiUrl, warn: (m) => err(`diligence: ${m}`) });
  const cacheDir = o.cacheDir;
  if (session && cacheDir) await session.openCaches(cacheDir, { links: o.command === 'triage', evidence: true, templates: true, issues: true });
  const tools = session ? await session.tools() : undefined;
  let templateCache = session?.templateCache;
  if (!session) {
    templateCache = new TemplateCache();
    if (cacheDir) {
      const { openPersistedCache } = await import('../node/cacheFile');
      await openPersistedCache(templateCache, cacheDir, 'templates.json', { warn: (m) => err(`diligence: ${m}`) });
    }
  }
  return {
    session,
    requests: () => tools?.issueGitHub.requestCount ?? 0,
    deps: {
      github: tools?.issueGitHub,
      ...(session ? { issueCache: session.issueCache } : {}),
      templates: { files: nodeFileSystem, git: createTemplateGit(), ...(tools ? { github: tools.templateGitHub } : {}), ...(templateCache ? { cache: templateCache } : {}), now: () => Date.now() },
      discoverer: tools?.discoverer,
      checker: tools?.linkChecker,
      config,
      profiles: BUILTIN_PROFILES,
      allowNetwork: !o.offline,
    },
  };
}

async function init(o: ApplicationOptions, s: Session, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const docUri = o.output ? pathToFileURL(resolve(o.output)).toString() : undefined;
  if (o.output && existsSync(o.output) && !o.force) {
    err(`diligence: ${o.output} exists; pass --force to replace it`);
    return 2;
  }
  const r = await draftFromIssue(o.ref, s.deps, { date: o.date, ...(o.level ? { level: o.level } : {}), ...(docUri ? { docUri } : {}), ...(o.reviewer !== undefined ? { reviewer: o.reviewer } : {}), ...(o.project ? { project: o.project } : {}) }, noCancellation);
  if (!r.ok) {
    err(`diligence: ${r.message}`);
    return 2;
  }
  const t = r.value.read.template;
  if (t.info.problem) err(`diligence: ${t.info.problem}; drafted on the built-in criteria`);
  if (r.value.discovery?.notDiscovered) err(`diligence: evidence: ${r.value.discovery.notDiscovered.message}`);
  if (o.output) writeFileSync(o.output, r.value.text);
  // the issue is other people's text: no escape sequence reaches the terminal
  else out(printable(r.value.text.replace(/\n$/, ''), true));
  const st = r.value.stats;
  err(`diligence: ${o.output ?? 'stdout'}: ${st.criteria} criteria, ${st.withAssertion} with the project's assertion, ${st.evidence} evidence finding${st.evidence === 1 ? '' : 's'} added${st.notInTemplate.length > 0 ? `; not in the current template: ${st.notInTemplate.join('; ')}` : ''}; ${s.requests()} GitHub API request${s.requests() === 1 ? '' : 's'}`);
  return 0;
}

/** Runs `init` or `triage`; undefined when argv is another command. */
export async function applicationCommand(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number | undefined> {
  if (argv[0] !== 'init' && argv[0] !== 'triage') return undefined;
  if (argv.includes('-h') || argv.includes('--help')) {
    out(USAGE);
    return 0;
  }
  let o: ApplicationOptions;
  try {
    o = parse(argv, new Date().toISOString().slice(0, 10));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`diligence: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  const problems: string[] = [];
  const config = resolveConfig(o.settings, problems);
  for (const p of problems) err(`diligence: ${p}`);
  const s = await openSession(o, config, err);
  try {
    return o.command === 'init' ? await init(o, s, out, err) : await triageCommand(o, s, out, err);
  } finally {
    await s.session?.dispose();
  }
}

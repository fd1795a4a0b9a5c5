/**
 * The GitHub Action's entry (bundled to action/main.cjs, committed: action.yml runs it with
 * the runner's Node). It checks the due-diligence documents the globs name, only those the pull
 * request changes by default, prints at most 10 annotations per level, writes the job summary
 * and the `exit-code` output. Advisory by default: the step fails only as `fail-on` asks.
 */
import { appendFileSync } from 'node:fs';
import { analyseFiles, openService, printable } from '../cli';
import { parseCommandArgs, UsageError } from '../cli/args';
import { expandFiles } from '../cli/files';
import { annotationLevel, annotations, escapeData, escapeProperty } from '../cli/github';
import { globMatcher } from '../service/files';
import { severityName } from '../service/index';
import { todoOwners } from '../service/features/report';
import { changedFiles } from './changed';
import { InputError, readInputs, readPullRequest, type ActionInputs, type FailOn } from './inputs';
import { jobSummary, type SummaryDocument } from './summary';

/** one workflow command; text from the documents never carries a control character into the log */
function write(line: string): void {
  process.stdout.write(printable(line) + '\n');
}

/** The documents to check, `/`-separated and relative to the workspace, and what to say about the choice. */
function selectFiles(inputs: ActionInputs, env: NodeJS.ProcessEnv, cwd: string): { files: string[]; changedOnly: boolean; notes: string[] } {
  const pr = readPullRequest(env);
  const notes: string[] = [];
  let changedOnly = inputs.changedOnly ?? pr !== undefined;
  if (changedOnly && !pr) {
    notes.push('changed-only: this run is not for a pull request, so every file the globs match is checked');
    changedOnly = false;
  }
  if (changedOnly && pr) {
    const changed = changedFiles(cwd, pr);
    if ('files' in changed) {
      const matchers = inputs.globs.map((g) => globMatcher(g.replace(/^(?:\.\/)+/, '')));
      return { files: changed.files.filter((f) => matchers.some((m) => m(f))), changedOnly: true, notes };
    }
    notes.push(`changed-only: ${changed.problem}; every file the globs match is checked`);
  }
  // a glob that matches nothing is no problem here: most pull requests bring no due diligence
  return { files: expandFiles(inputs.globs).files, changedOnly: false, notes };
}

function failed(failOn: FailOn, levels: ReadonlySet<string>): boolean {
  if (failOn === 'none') return false;
  if (failOn === 'notice') return levels.size > 0;
  if (failOn === 'warning') return levels.has('error') || levels.has('warning');
  return levels.has('error');
}

export async function runAction(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<number> {
  let inputs: ActionInputs;
  try {
    inputs = readInputs(env);
  } catch (e) {
    if (e instanceof InputError) return finish(env, 2, `::error title=diligence::${escapeData(e.message)}`);
    throw e;
  }
  const { files, changedOnly, notes } = selectFiles(inputs, env, cwd);
  for (const n of notes) write(`::warning title=diligence::${escapeData(n)}`);
  const argv = ['--format', 'github', ...(inputs.offline ? ['--offline'] : []), ...(inputs.cacheDir ? ['--cache-dir', inputs.cacheDir] : []), ...(inputs.config ? ['--config', inputs.config] : [])];
  for (const s of inputs.severity) argv.push('--severity', s);
  if (env.GITHUB_API_URL) argv.push('--github-api-url', env.GITHUB_API_URL);
  let opts;
  try {
    opts = parseCommandArgs('check', [...argv, '--', ...(files.length > 0 ? files : ['(none)'])]);
  } catch (e) {
    if (e instanceof UsageError) return finish(env, 2, `::error title=diligence::${escapeData(e.message)}`);
    throw e;
  }
  if (opts === 'help' || opts === 'version') return finish(env, 2, '::error title=diligence::unexpected help or version');
  // the token goes where the CLI reads it, and from there to the GitHub API only
  if (inputs.token) process.env.GITHUB_TOKEN = inputs.token;
  const problems = new Map<string, string>();
  const log: string[] = [];
  const io = {
    out: write,
    err: (s: string) => {
      log.push(s);
      process.stderr.write(s + '\n');
      const m = /^diligence: (.+?): (.+)$/.exec(s);
      if (m && files.includes(m[1]!)) problems.set(m[1]!, m[2]!);
    },
    stdin: () => Promise.resolve(Buffer.alloc(0)),
  };
  const opened = await openService(opts, io.err);
  if (typeof opened === 'number') return finish(env, opened, `::error title=diligence::${escapeData(log.join(' ').replace(/^diligence: /, ''))}`);
  const docs: SummaryDocument[] = [];
  const levels = new Set<string>();
  let exitCode: number;
  try {
    const { results, failed: unreadable } = files.length > 0 ? await analyseFiles(opts, files, opened, io, true) : { results: [], failed: false };
    // a file the globs match that is no due diligence gets no annotation (the summary lists it)
    const findings = results.filter((r) => r.diligence).flatMap((r) => r.diagnostics.map((diagnostic) => ({ path: r.path, diagnostic })));
    for (const f of findings) levels.add(annotationLevel(f.diagnostic));
    for (const line of annotations(findings, inputs.jobSummary ? 'see the job summary' : 'run diligence check to see them all')) write(line);
    for (const [path, problem] of problems) write(`::error file=${escapeProperty(path)},title=diligence::${escapeData(`${path}: ${problem}`)}`);
    exitCode = unreadable ? 2 : findings.some((f) => severityName(f.diagnostic.severity) === 'error') ? 1 : 0;
    const byPath = new Map(results.map((r) => [r.path, r]));
    for (const path of files) {
      const r = byPath.get(path);
      if (!r) {
        docs.push({ path, problem: problems.get(path) ?? 'not read' });
        continue;
      }
      const model = opened.service.getModel(r.doc);
      const todos = model ? todoOwners(model).map((o) => ({ owner: o.owner, lines: model.todos.filter((t) => !t.resolved && t.ownerKey === o.key).map((t) => model.lines.positionAt(t.marker.start).line) })) : [];
      docs.push({ path, diagnostics: r.diagnostics, diligence: r.diligence, ...(r.report ? { report: r.report } : {}), todos });
    }
  } finally {
    await opened.dispose();
  }
  if (inputs.jobSummary && env.GITHUB_STEP_SUMMARY) {
    const pr = readPullRequest(env);
    const head = pr?.headSha ?? env.GITHUB_SHA ?? 'HEAD';
    const blobBase = `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY ?? 'OWNER/NAME'}/blob/${head}`;
    const scope = pr ? `Pull request #${pr.number} at \`${head.slice(0, 7)}\`` : `Commit \`${head.slice(0, 7)}\``;
    appendFileSync(env.GITHUB_STEP_SUMMARY, jobSummary({ blobBase, scope, changedOnly, notes }, docs));
  }
  const failing = failed(inputs.failOn, levels);
  return finish(env, exitCode, failing ? `::error title=diligence::${escapeData(`fail-on ${inputs.failOn}: a finding is at that level or above`)}` : undefined, failing || exitCode === 2);
}

/** Writes the output, says why the step fails; the process's exit code (1: the step fails). */
function finish(env: NodeJS.ProcessEnv, exitCode: number, message?: string, fail = exitCode === 2): number {
  if (message) write(message);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `exit-code=${exitCode}\n`);
  return fail ? 1 : 0;
}

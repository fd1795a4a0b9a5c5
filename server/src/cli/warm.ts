/**
 * `check --cache-dir` when the results cache holds every file's result: answered and printed
 * without loading the analysis (../cli.ts and the service, dist/cli-core.cjs), which is most of
 * the start-up of a run where nothing changed (issue 21). Anything this cannot answer exactly as
 * the full check would (a file not in the cache, a problem to say on standard error, a
 * configuration file, standard input, --evidence) is left to the full check: `undefined`, and
 * nothing was printed or written. What it prints is the full check's (test/cli/warm.test.ts).
 */
import { resolve } from 'node:path';
import { parseCommandArgs } from './args';
import { ConfigFiles } from './configFile';
import { fileDocument } from './fileDocument';
import { displayPath, expandFiles, STDIN } from './files';
import { hasError, printCheck, type FileResult } from './format';
import { closeOutput, openOutputFile, type CliIO } from './output';
import { readText } from './readText';
import { openResults, resultsInputs } from './results';
import { networkChecksEnabled, resolveConfig } from '../service/config';

/** The exit code of a `check` answered from the results cache, or undefined: the full check runs. */
export async function warmCheck(argv: readonly string[], io: CliIO): Promise<number | undefined> {
  if (argv[0] !== 'check') return undefined;
  let opts: ReturnType<typeof parseCommandArgs>;
  try {
    opts = parseCommandArgs('check', argv.slice(1));
  } catch {
    return undefined;
  }
  if (typeof opts === 'string' || opts.cacheDir === undefined || opts.evidence || opts.config !== undefined) return undefined;
  const expanded = expandFiles(opts.files);
  if (expanded.problems.length > 0 || expanded.files.length === 0 || expanded.files.includes(STDIN)) return undefined;
  // what the full check would say before any file: bad settings, an unreadable template or profile
  const problems: string[] = [];
  const config = resolveConfig(opts.settings, problems);
  if (problems.length > 0) return undefined;
  if (opts.settings.templates?.file !== undefined && 'error' in readText(opts.settings.templates.file)) return undefined;
  if (opts.profiles.some((p) => 'error' in readText(resolve(p)))) return undefined;
  // the network session's one warning (the proxy of the environment, when there is none)
  if (!opts.offline && networkChecksEnabled(config) && config.http.proxy === 'env') return undefined;
  // a configuration file changes a document's settings, which the cache's key does not hold
  const configs = new ConfigFiles({ none: opts.noConfig }, () => {});
  const read: Array<{ path: string; text: string }> = [];
  for (const path of expanded.files) {
    if ((await configs.pathFor(resolve(path))) !== undefined) return undefined;
    const r = readText(path);
    if ('error' in r) return undefined;
    read.push({ path, text: r.text });
  }
  // a cache that cannot be read or made: the full check says so
  let unread = false;
  const cache = await openResults(opts.cacheDir, resultsInputs(opts), () => { unread = true; });
  if (unread) return undefined;
  const now = Date.now();
  const results: FileResult[] = [];
  for (const { path, text } of read) {
    const doc = fileDocument(path, text);
    const diagnostics = cache.results.get(cache.results.key(doc.uri, text), now);
    if (!diagnostics) return undefined;
    results.push({ path: displayPath(path), text, diagnostics, doc: { ...doc, version: -1 } });
  }
  let out = io.out;
  let output: { close(): string | undefined } | undefined;
  if (opts.output !== undefined) {
    const opened = openOutputFile(opts.output);
    if ('error' in opened) return undefined;
    output = opened;
    out = opened.out;
  }
  printCheck(results, opts.format, out, io.err);
  await cache.results.save();
  return closeOutput(output, opts.output, io.err, hasError(results) ? 1 : 0);
}

/**
 * The analysis half of the command line (../cli.ts and the whole service), loaded only when a
 * run needs it: a `check` that the results cache answers whole (warm.ts) prints without it.
 * In the bundle, esbuild.mjs puts it in dist/cli-core.cjs beside dist/cli.cjs, and this module
 * becomes a require of that file; run from the sources, it is imported as is.
 */
export function loadCore(): Promise<typeof import('../cli')> {
  return import('../cli');
}

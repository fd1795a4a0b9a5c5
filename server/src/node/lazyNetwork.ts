/**
 * Loads ./network (Octokit, the HTTP client, the evidence GitHub adapter) on first use: the
 * server answers `initialize` without it. esbuild keeps the module in the bundle behind a lazy
 * initialiser.
 */
let loading: Promise<typeof import('./network')> | undefined;

export function loadNetwork(): Promise<typeof import('./network')> {
  return (loading ??= import('./network'));
}

/**
 * The seam for a configuration file in the repository (issue 14, section 2): the CLI asks it,
 * for each document, for the settings that file holds. Today no file is read and it returns
 * nothing; a loader replaces the body of `configFileFor`.
 */
import type { CliSettings } from './args';

/** Settings a configuration file gives the document at `documentPath` (absolute), if any. */
export function configFileFor(documentPath: string): Partial<CliSettings> | undefined {
  void documentPath;
  return undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `base` with `over` on top, objects merged key by key (arrays and values from `over` win). */
export function mergeSettings<T extends object>(base: Partial<T>, over: T): T {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? mergeSettings(b, v) : v;
  }
  return out as T;
}

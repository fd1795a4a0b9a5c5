/**
 * The configuration file of the CLI (issue 14, section 2): for each document, the nearest
 * `.diligence.jsonc` / `.diligence.json` from its folder up to the repository's root (the folder
 * holding `.git`) or the file system's root; `--config FILE` names one for every document,
 * `--no-config` reads none. Its settings go under the command line's.
 */
import { dirname, relative, resolve } from 'node:path';
import { findConfigFile, loadConfigFile, repositoryRoot, type LoadedConfigFile } from '../node/configFiles';
import { mergeUnderUser } from '../service/configFile';
import type { CliSettings } from './args';

/** What the command line says of configuration files. */
export interface ConfigChoice {
  /** --config FILE */
  file?: string | undefined;
  /** --no-config */
  none?: boolean | undefined;
}

/** Settings of a configuration file, as the CLI reads them (CliSettings plus `profiles`). */
export type FileSettings = Partial<CliSettings> & { profiles?: string[] };

export class ConfigFiles {
  private readonly byDir = new Map<string, Promise<string | undefined>>();
  private readonly byPath = new Map<string, Promise<LoadedConfigFile>>();
  private readonly said = new Set<string>();
  /** a configuration file could not be used (said on stderr): the exit code is 2 */
  failed = false;

  constructor(private readonly choice: ConfigChoice, private readonly err: (s: string) => void) {}

  /** The configuration file that applies to the document at `documentPath` (absolute), if any. */
  async pathFor(documentPath: string): Promise<string | undefined> {
    if (this.choice.none) return undefined;
    if (this.choice.file !== undefined) return resolve(this.choice.file);
    const dir = dirname(documentPath);
    let found = this.byDir.get(dir);
    if (!found) {
      found = findConfigFile(dir, { stopAtRepository: true });
      this.byDir.set(dir, found);
    }
    return found;
  }

  /** The settings the configuration file gives the document at `documentPath`, if one applies. */
  async settingsFor(documentPath: string): Promise<{ path: string; settings: FileSettings } | undefined> {
    const path = await this.pathFor(documentPath);
    if (path === undefined) return undefined;
    let loading = this.byPath.get(path);
    if (!loading) {
      loading = repositoryRoot(dirname(path)).then((root) => loadConfigFile(path, { root }));
      this.byPath.set(path, loading);
    }
    const loaded = await loading;
    this.say(loaded);
    return loaded.fatal ? undefined : { path, settings: loaded.settings as FileSettings };
  }

  private say(loaded: LoadedConfigFile): void {
    if (this.said.has(loaded.path)) return;
    this.said.add(loaded.path);
    const shown = relative(process.cwd(), loaded.path) || loaded.path;
    for (const p of loaded.problems) this.err(`diligence: ${shown.startsWith('..') ? loaded.path : shown}:${p.line + 1}:${p.character + 1}: ${p.message}`);
    if (loaded.fatal) {
      this.failed = true;
      this.err(`diligence: ${loaded.path}: not used`);
    }
  }
}

/** The command line's settings over a configuration file's (a value left at its default does not hide the file's). */
export function mergeSettings(file: FileSettings, commandLine: CliSettings): CliSettings & { profiles?: string[] } {
  return mergeUnderUser(file, commandLine) as unknown as CliSettings & { profiles?: string[] };
}

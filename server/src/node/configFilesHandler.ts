/**
 * The repository's configuration file in the editor (issue 14): `.diligence.jsonc` /
 * `.diligence.json` found from each open document's folder up to its workspace folder, merged
 * under the user's settings, for that document only.
 *
 * Nothing here is on the publish path: the look-ups run when a document opens, when a watched
 * configuration file changes, and when the settings or the trust change; their results are
 * kept per folder and per file, and given to the service (`setDocumentConfig`), which every
 * analysis reads synchronously. When a look-up ends with other settings than the document had,
 * the document is analysed again.
 */
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Connection, DiagnosticSeverity, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findConfigFile, isInside, loadConfigFile, type LoadedConfigFile } from './configFiles';
import { CONFIG_FILE_NAMES, mergeUnderUser } from '../service/configFile';
import { type DiligenceService, resolveConfig, type DiligenceConfig } from '../service/index';
import type { ConfigFilesHandler, ConfigFilesHost } from '../handlers/configFilesTypes';

export type { ConfigFilesHandler, ConfigFilesHost } from '../handlers/configFilesTypes';

const isConfigFile = (uri: string): boolean => CONFIG_FILE_NAMES.some((n) => uri.endsWith(`/${n}`));

function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function registerConfigFiles(connection: Connection, documents: TextDocuments<TextDocument>, service: DiligenceService, host: ConfigFilesHost): ConfigFilesHandler {
  let roots: string[] = [];
  const byDir = new Map<string, Promise<string | undefined>>();
  const byPath = new Map<string, Promise<LoadedConfigFile>>();
  /** the configuration file each open document uses (undefined: none) */
  const used = new Map<string, string | undefined>();
  /** a look-up still under way for a document is given up when a newer one starts */
  const generation = new Map<string, number>();
  /** configuration files whose problems are shown (their diagnostics) */
  const shown = new Set<string>();
  let trustedBefore = host.trusted();
  let profileKey = '';

  const rootOf = (path: string): string | undefined => roots.filter((r) => isInside(path, r)).sort((a, b) => b.length - a.length)[0];

  const load = (path: string, root: string): Promise<LoadedConfigFile> => {
    let p = byPath.get(path);
    if (!p) {
      p = loadConfigFile(path, { trusted: host.trusted(), root }).then((loaded) => {
        showProblems(loaded);
        return loaded;
      });
      byPath.set(path, p);
    }
    return p;
  };

  const showProblems = (loaded: LoadedConfigFile): void => {
    const uri = pathToFileURL(loaded.path).toString();
    if (loaded.problems.length === 0 && !shown.has(uri)) return;
    for (const p of loaded.problems) connection.console.warn(`${loaded.path}:${p.line + 1}:${p.character + 1}: ${p.message}`);
    const diagnostics = loaded.problems.map((p) => ({
      range: { start: { line: p.line, character: p.character }, end: { line: p.line, character: p.character + 1 } },
      severity: p.fatal ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: 'diligence',
      message: p.fatal ? `${p.message} (the file is not used)` : p.message,
    }));
    if (diagnostics.length > 0) shown.add(uri);
    else shown.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics }).catch(() => {});
  };

  /** the document's settings: its configuration file's under the user's, or undefined (the user's) */
  const settingsOf = (loaded: LoadedConfigFile | undefined): DiligenceConfig | undefined => {
    if (!loaded || loaded.fatal) return undefined;
    return resolveConfig(mergeUnderUser(loaded.settings, host.userSettings()), []);
  };

  const lookUp = async (uri: string): Promise<void> => {
    const mine = (generation.get(uri) ?? 0) + 1;
    generation.set(uri, mine);
    const path = pathOf(uri);
    const root = path !== undefined ? rootOf(path) : undefined;
    let loaded: LoadedConfigFile | undefined;
    if (path !== undefined && root !== undefined) {
      const dir = dirname(path);
      let found = byDir.get(dir);
      if (!found) {
        found = findConfigFile(dir, { root });
        byDir.set(dir, found);
      }
      const file = await found;
      loaded = file !== undefined ? await load(file, root) : undefined;
    }
    if (generation.get(uri) !== mine || !documents.get(uri)) return;
    const before = JSON.stringify(service.configFor(uri));
    service.setDocumentConfig(uri, settingsOf(loaded));
    used.set(uri, loaded?.path);
    checkProfiles();
    if (JSON.stringify(service.configFor(uri)) !== before) host.reanalyse(uri);
  };

  const paths = (): string[] => [...new Set(documents.all().filter((d) => used.get(d.uri) !== undefined).flatMap((d) => service.configFor(d.uri).profiles))].sort();
  const checkProfiles = (): void => {
    const key = paths().join('\n');
    if (key === profileKey) return;
    profileKey = key;
    host.profilesChanged();
  };

  const lookUpLogged = (uri: string): void => void lookUp(uri).catch((e: unknown) => connection.console.warn(`configuration file for ${uri}: ${String(e)}`));
  const again = (): void => documents.all().forEach((d) => lookUpLogged(d.uri));

  connection.onDidChangeWatchedFiles((params) => {
    if (!params.changes.some((c) => isConfigFile(c.uri))) return;
    // a file created, changed or deleted: where each folder's file is and what it says, again
    byDir.clear();
    byPath.clear();
    for (const c of params.changes) if (isConfigFile(c.uri) && shown.has(c.uri) && !documents.get(c.uri)) void connection.sendDiagnostics({ uri: c.uri, diagnostics: [] }).catch(() => {});
    for (const c of params.changes) shown.delete(c.uri);
    again();
  });

  return {
    setRoots(next) {
      roots = next.map(pathOf).filter((p): p is string => p !== undefined);
    },
    opened: lookUpLogged,
    closed(uri) {
      generation.delete(uri);
      used.delete(uri);
    },
    refresh() {
      if (host.trusted() !== trustedBefore) {
        // the restricted settings of the files count again (or no longer)
        trustedBefore = host.trusted();
        byPath.clear();
      }
      again();
    },
    profilePaths: paths,
  };
}

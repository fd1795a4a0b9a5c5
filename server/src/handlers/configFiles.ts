/**
 * The repository's configuration file in the editor (issue 14): `.diligence.jsonc` /
 * `.diligence.json` found from each open document's folder up to its workspace folder, merged
 * under the user's settings, for that document only. The host says where a document's files are
 * read (DocumentFolders: the disk under Node, the client's file requests in the browser and for
 * virtual workspaces); the look-up itself is service/configLookup.ts, the same for both.
 *
 * Nothing here is on the publish path: the look-ups run when a document opens, when a watched
 * configuration file changes, and when the settings or the trust change; their results are
 * kept per folder and per file, and given to the service (`setDocumentConfig`), which every
 * analysis reads synchronously. When a look-up ends with other settings than the document had,
 * the document is analysed again.
 */
import { type Connection, DiagnosticSeverity, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAMES, mergeUnderUser } from '../service/configFile';
import { findConfigFileIn, loadConfigFileIn, type LoadedConfigFile } from '../service/configLookup';
import { type DiligenceService, resolveConfig, type DiligenceConfig } from '../service/index';
import type { DocumentFolders, ConfigFilesHandler, ConfigFilesHost, HostFolders } from './configFilesTypes';

export type { DocumentFolders, ConfigFilesHandler, ConfigFilesHost } from './configFilesTypes';

const isConfigFile = (uri: string): boolean => CONFIG_FILE_NAMES.some((n) => uri.endsWith(`/${n}`));

export function registerConfigFiles(connection: Connection, documents: TextDocuments<TextDocument>, service: DiligenceService, access: DocumentFolders, host: ConfigFilesHost): ConfigFilesHandler {
  /** the workspace folders' URIs */
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

  /** the innermost workspace folder holding `loc`, as a location of the same folders */
  const rootOf = (folders: HostFolders, loc: string): string | undefined =>
    roots.map((r) => folders.locationOf(r)).filter((r): r is string => r !== undefined && folders.isInside(loc, r)).sort((a, b) => b.length - a.length)[0];

  const load = (folders: HostFolders, path: string, root: string): Promise<LoadedConfigFile> => {
    let p = byPath.get(path);
    if (!p) {
      p = loadConfigFileIn(folders, path, { trusted: host.trusted(), root }).then((loaded) => {
        showProblems(folders.uriOf(loaded.path), loaded);
        return loaded;
      });
      byPath.set(path, p);
    }
    return p;
  };

  const showProblems = (uri: string, loaded: LoadedConfigFile): void => {
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
    const folders = access.foldersFor(uri);
    const path = folders?.locationOf(uri);
    const root = folders && path !== undefined ? rootOf(folders, path) : undefined;
    let loaded: LoadedConfigFile | undefined;
    if (folders && path !== undefined && root !== undefined) {
      const dir = folders.dirname(path);
      let found = byDir.get(dir);
      if (!found) {
        found = findConfigFileIn(folders, dir, { root });
        byDir.set(dir, found);
      }
      const file = await found;
      loaded = file !== undefined ? await load(folders, file, root) : undefined;
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
      roots = [...next];
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

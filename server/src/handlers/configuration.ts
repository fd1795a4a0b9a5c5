/**
 * Settings: pulled with workspace/configuration when the client can (VS Code), else taken from
 * initializationOptions and didChangeConfiguration (Neovim and other simple clients).
 */
import type { Connection } from 'vscode-languageserver';
import { type DiligenceService, resolveConfig } from '../service/index';
import { withEditorProxy } from './editorProxy';

export function registerConfiguration(connection: Connection, service: DiligenceService, canPull: () => boolean, onChange: () => void): { load(initial: unknown): Promise<void>; readonly raw: unknown } {
  // as the client sent them: a configuration file's settings go under them (handlers/configFiles.ts)
  let last: unknown;
  const apply = (raw: unknown): void => {
    last = raw;
    const problems: string[] = [];
    service.configure(resolveConfig(raw, problems));
    for (const p of problems) connection.console.warn(`settings: ${p}`);
    onChange();
  };
  const pull = async (): Promise<void> => {
    try {
      apply(await withEditorProxy(await connection.workspace.getConfiguration('diligence'), () => connection.workspace.getConfiguration('http')));
    } catch (e) {
      connection.console.warn(`could not read settings: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  connection.onDidChangeConfiguration((change) => {
    if (canPull()) void pull();
    else apply((change.settings as { diligence?: unknown } | undefined)?.diligence ?? change.settings);
  });
  return {
    get raw() {
      return last;
    },
    async load(initial) {
      if (initial !== undefined) apply(initial);
      if (canPull()) await pull();
    },
  };
}

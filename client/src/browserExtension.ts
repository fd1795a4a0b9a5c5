/**
 * The extension's main in the browser (the manifest's `browser`): the same activation as the
 * desktop's (extensionMain.ts), with the client side in this bundle (browserClient.ts), once the
 * server bundle's URL is known.
 */
import type * as vscode from 'vscode';
import * as browserClient from './browserClient';
import { activateExtension, type DiligenceApi, deactivateExtension } from './extensionMain';

export function activate(context: vscode.ExtensionContext): DiligenceApi {
  return activateExtension(context, async () => {
    const serverUrl = await browserClient.serverScriptUrl(context);
    return { activateClient: (ctx, register) => browserClient.activateClient(ctx, register, serverUrl), deactivate: browserClient.deactivate };
  });
}

export const deactivate = deactivateExtension;

/**
 * The extension's main in the browser (the manifest's `browser`): the same activation as the
 * desktop's (extensionMain.ts), with the client side in this bundle (browserClient.ts).
 */
import type * as vscode from 'vscode';
import * as browserClient from './browserClient';
import { activateExtension, type DiligenceApi, deactivateExtension } from './extensionMain';

export function activate(context: vscode.ExtensionContext): DiligenceApi {
  return activateExtension(context, () => Promise.resolve(browserClient));
}

export const deactivate = deactivateExtension;

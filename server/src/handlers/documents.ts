import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServiceDocument } from '../service/index';

/** LSP TextDocument → the core's document (the same object: both have uri, version, getText). */
export function asServiceDocument(doc: TextDocument): ServiceDocument {
  return doc;
}

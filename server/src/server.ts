/**
 * The Diligence language server under Node. Start it with `--stdio` (any editor) or through
 * vscode-languageclient (IPC). The server itself is serverMain.ts; the browser's entry is
 * browserServer.ts.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { errorText } from './handlers/requests';
import { nodeServerHost } from './node/serverHost';
import { startServer } from './serverMain';

const connection = createConnection(ProposedFeatures.all);
// Node ends the process on an unhandled rejection: a bug in one document's handling is logged
// instead of taking the editor's server down (test/protocol/hostile.test.ts)
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${errorText(e)}`));
startServer(connection, (o) => nodeServerHost(connection, o));

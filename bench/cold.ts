/**
 * One cold full analysis, in a process of its own: the service's modules are loaded (and the
 * document read or generated) first, then the first-ever diagnostics() call of the process is
 * timed (JIT-cold code, new service, empty cache). Prints {"ms": …} as JSON. Used by run.ts.
 */
import { performance } from 'node:perf_hooks';
import { createDiligenceService } from '../server/src/service/index';
import { DOC_NAMES, type DocName, loadDoc } from './docs';

const name = process.argv[2] as DocName;
if (!DOC_NAMES.includes(name)) throw new Error(`usage: cold.ts <${DOC_NAMES.join('|')}>`);
const d = loadDoc(name);
const service = createDiligenceService();
const t0 = performance.now();
const diagnostics = service.diagnostics({ uri: d.uri, version: 1, getText: () => d.text });
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, diagnostics: diagnostics.length }) + '\n');

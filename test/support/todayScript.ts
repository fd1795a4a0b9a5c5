/**
 * Run in a child process with TZ set (test/service/localTime.test.ts): prints the value the
 * "fill $DATE" quick fix offers at a fixed instant, with the process's own time zone.
 */
import { createDiligenceService } from '../../server/src/service/index';
import { formatReset } from '../../server/src/service/links/linkVerdict';

const instant = new Date(process.argv[2] ?? '2026-12-02T05:00:00Z');
const service = createDiligenceService({ clock: { now: () => instant } });
const text = '# Demo Due Diligence\n\nDate: $DATE\n';
const actions = service.codeActions({ uri: 'file:///t/dd.md', version: 1, getText: () => text }, { start: { line: 2, character: 6 }, end: { line: 2, character: 6 + 5 } });
const fill = actions.find((a) => /\$DATE/.test(a.title));
process.stdout.write(JSON.stringify({ fill: fill?.title ?? null, reset: formatReset(instant.getTime()) }) + '\n');

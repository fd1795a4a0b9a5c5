import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createDiligenceService } from '../../server/src/service/index';
import { formatLocalTime, wallTime } from '../../server/src/service/text/localTime';
import { ROOT } from '../support/docs';

// 05:00 UTC on 2 December is still the evening of 1 December west of UTC
const INSTANT = new Date('2026-12-02T05:00:00Z');
const TEXT = '# Demo Due Diligence\n\nDate: $DATE\n';
const RANGE = { start: { line: 2, character: 6 }, end: { line: 2, character: 11 } };

function fillTitle(utcOffsetMinutes: number): string | undefined {
  const service = createDiligenceService({ clock: { now: () => INSTANT, utcOffsetMinutes: () => utcOffsetMinutes } });
  return service.codeActions({ uri: 'file:///t/dd.md', version: 1, getText: () => TEXT }, RANGE).find((a) => /\$DATE/.test(a.title))?.title;
}

describe('the reviewer\'s clock', () => {
  it('$DATE is filled with the local calendar date of the injected clock, not the UTC date', () => {
    assert.match(fillTitle(0) ?? '', /02-Dec-2026/);
    assert.match(fillTitle(-8 * 60) ?? '', /01-Dec-2026/);
    assert.match(fillTitle(14 * 60) ?? '', /02-Dec-2026/);
    assert.equal(wallTime({ now: () => INSTANT, utcOffsetMinutes: () => 14 * 60 }).toISOString(), '2026-12-02T19:00:00.000Z');
  });

  it('reset times are said in local time with the offset', () => {
    assert.equal(formatLocalTime(INSTANT.getTime(), { now: () => INSTANT, utcOffsetMinutes: () => -300 }), '2026-12-02 00:00 UTC-05:00');
    assert.equal(formatLocalTime(INSTANT.getTime(), { now: () => INSTANT, utcOffsetMinutes: () => 330 }), '2026-12-02 10:30 UTC+05:30');
    assert.equal(formatLocalTime(INSTANT.getTime(), { now: () => INSTANT, utcOffsetMinutes: () => 0 }), '2026-12-02 05:00 UTC');
  });

  it('without an injected offset, the process\'s time zone (TZ) decides: a child process per zone', function () {
    const run = (tz: string): { fill: string | null; reset: string } => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'support', 'todayScript.ts'), INSTANT.toISOString()], { cwd: ROOT, env: { ...process.env, TZ: tz }, encoding: 'utf8' })) as { fill: string | null; reset: string };
    const west = run('America/Los_Angeles');
    assert.match(west.fill ?? '', /01-Dec-2026/);
    assert.equal(west.reset, '2026-12-01 21:00 UTC-08:00');
    const utc = run('UTC');
    assert.match(utc.fill ?? '', /02-Dec-2026/);
    assert.equal(utc.reset, '2026-12-02 05:00 UTC');
  });
});

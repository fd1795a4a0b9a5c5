/**
 * `check --format json`: the bytes of `JSON.stringify({ files }, null, 2)`, written a file at a
 * time and without the generic serialiser's indentation work, which was most of a run where
 * nothing changed (3.7 MB of output for 41 documents). A value of another shape than the one
 * written here (a code that is not a string, a range with more keys) goes through JSON.stringify,
 * so the bytes are always the same (test/cli/jsonOutput.test.ts holds them equal).
 */

export interface JsonDiagnostic {
  code: unknown;
  severity: unknown;
  message: unknown;
  range: unknown;
}

export interface JsonFile {
  path: string;
  diagnostics: JsonDiagnostic[];
}

type Position = { line: number; character: number };

function isPosition(p: unknown): p is Position {
  if (typeof p !== 'object' || p === null) return false;
  const { line, character } = p as Record<string, unknown>;
  return Object.keys(p).length === 2 && Number.isSafeInteger(line) && Number.isSafeInteger(character) && !Object.is(line, -0) && !Object.is(character, -0);
}

/** One diagnostic at `pad`, as JSON.stringify(…, null, 2) lays it out there. */
function diagnosticJson(d: JsonDiagnostic, pad: string): string {
  const r = d.range as { start?: unknown; end?: unknown } | null;
  const plain = typeof d.code === 'string' && typeof d.severity === 'string' && typeof d.message === 'string' && Object.keys(d).length === 4
    && typeof r === 'object' && r !== null && Object.keys(r).length === 2 && isPosition(r.start) && isPosition(r.end);
  if (!plain) return pad + JSON.stringify(d, null, 2).replace(/\n/g, `\n${pad}`);
  const { start, end } = r as { start: Position; end: Position };
  return `${pad}{\n${pad}  "code": ${JSON.stringify(d.code)},\n${pad}  "severity": ${JSON.stringify(d.severity)},\n${pad}  "message": ${JSON.stringify(d.message)},\n`
    + `${pad}  "range": {\n${pad}    "start": {\n${pad}      "line": ${start.line},\n${pad}      "character": ${start.character}\n${pad}    },\n`
    + `${pad}    "end": {\n${pad}      "line": ${end.line},\n${pad}      "character": ${end.character}\n${pad}    }\n${pad}  }\n${pad}}`;
}

/** One entry of `files`, four spaces in (its place in the whole document). */
export function fileJson(f: JsonFile): string {
  const pad = '    ';
  const diagnostics = f.diagnostics.length === 0 ? '[]' : `[\n${f.diagnostics.map((d) => diagnosticJson(d, `${pad}    `)).join(',\n')}\n${pad}  ]`;
  return `${pad}{\n${pad}  "path": ${JSON.stringify(f.path)},\n${pad}  "diagnostics": ${diagnostics}\n${pad}}`;
}

/** The whole document, a piece at a time (each piece a line or more, without its last line break). */
export function writeFilesJson(files: readonly JsonFile[], out: (s: string) => void): void {
  if (files.length === 0) return out(JSON.stringify({ files: [] }, null, 2));
  out('{\n  "files": [');
  files.forEach((f, i) => out(`${fileJson(f)}${i < files.length - 1 ? ',' : ''}`));
  out('  ]\n}');
}

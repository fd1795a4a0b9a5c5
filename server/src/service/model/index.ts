import { LineIndex } from '../text/lineIndex';
import { buildModel } from './build';
import { type ParsedChunk, parseChunks, parseWhole, reparseChunks } from './parse';
import type { DiligenceModel } from './types';

/** Parses a text into the document model (chunked parse; see parse.ts). */
export function analyzeText(text: string): DiligenceModel {
  const chunks = parseChunks(text);
  return buildModel(text, chunks.flatMap((c) => c.nodes), new LineIndex(text));
}

/**
 * The model of a new version of a text, re-parsing only the chunks (the text between `#`/`##`
 * headings) that changed since `previous`. Pass the returned chunks to the next call.
 */
export function analyzeIncremental(text: string, previous?: readonly ParsedChunk[]): { model: DiligenceModel; chunks: ParsedChunk[] } {
  const chunks = reparseChunks(text, previous);
  return { model: buildModel(text, chunks.flatMap((c) => c.nodes), new LineIndex(text)), chunks };
}

/** The same from a single parse of the whole text: the reference for the chunked parse. */
export function analyzeTextWhole(text: string): DiligenceModel {
  return buildModel(text, parseWhole(text).children, new LineIndex(text));
}

export type * from './types';
export type { ParsedChunk } from './parse';

import { LineIndex } from '../text/lineIndex';
import { buildFromCollected, buildModel, collectPlaceholders, mergeCollected, shiftCollected, withoutFrontMatter } from './build';
import { collect, type Collected } from './collect';
import type { EvaluationMemo } from './evaluation';
import { type ParsedChunk, parseChunks, parseWhole, reparseChunks } from './parse';

export { ChunkReparse } from './parse';
export { EvaluationMemo } from './evaluation';
export { BlockTooLongError, longestBlock, MAX_BLOCK_CHARS } from './limits';
import type { DiligenceModel } from './types';

/** Parses a text into the document model (chunked parse; see parse.ts). */
export function analyseText(text: string): DiligenceModel {
  const chunks = parseChunks(text);
  return buildModel(text, chunks.flatMap((c) => c.nodes), new LineIndex(text));
}

/**
 * The model of a new version of a text, re-parsing only the chunks (the text between ATX
 * headings) that changed since `previous`. Pass the returned chunks to the next call.
 */
export function analyseIncremental(text: string, previous?: readonly ParsedChunk[], maxBlock?: number, memo?: EvaluationMemo, coalesce?: number): { model: DiligenceModel; chunks: ParsedChunk[] } {
  const chunks = reparseChunks(text, previous, maxBlock, coalesce);
  return { model: buildFromChunks(text, chunks, memo), chunks };
}

/** The model from a text's parsed chunks (each chunk's nodes walked once per parse of it). */
export function buildFromChunks(text: string, chunks: readonly ParsedChunk[], memo?: EvaluationMemo): DiligenceModel {
  return buildFromCollected(text, collectChunks(text, chunks), new LineIndex(text), memo);
}

/** What the chunks' nodes hold, as one collection (a chunk walked before is not walked again). */
export function collectChunks(text: string, chunks: readonly ParsedChunk[]): Collected {
  return mergeCollected(chunks.map((c) => collectChunk(text, c)));
}

/**
 * What a chunk's nodes hold, walked once per parse of the chunk: a chunk reused from the
 * previous version (same node array, moved in place) gets its collection moved with it.
 */
const collections = new WeakMap<object, { start: number; collected: Collected }>();

export function collectChunk(text: string, chunk: ParsedChunk): Collected {
  const hit = collections.get(chunk.nodes);
  if (hit) {
    if (hit.start !== chunk.start) {
      hit.collected = shiftCollected(hit.collected, chunk.start - hit.start);
      hit.start = chunk.start;
    }
    return hit.collected;
  }
  // the first chunk holds the front matter, if any (the same text gives the same nodes)
  const collected = collectPlaceholders(text, collect(text, chunk.start === 0 ? withoutFrontMatter(text, chunk.nodes) : chunk.nodes), chunk.start, chunk.end);
  collections.set(chunk.nodes, { start: chunk.start, collected });
  return collected;
}

/** The same from a single parse of the whole text: the reference for the chunked parse. */
export function analyseTextWhole(text: string): DiligenceModel {
  return buildModel(text, parseWhole(text).children, new LineIndex(text));
}

export type * from './types';
export type { ParsedChunk } from './parse';

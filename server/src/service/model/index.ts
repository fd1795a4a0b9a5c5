import { LineIndex } from '../text/lineIndex';
import { buildModel } from './build';
import { parseChunks, parseWhole } from './parse';
import type { DiligenceModel } from './types';

/** Parses a text into the document model (chunked parse; see parse.ts). */
export function analyzeText(text: string): DiligenceModel {
  const chunks = parseChunks(text);
  return buildModel(text, chunks.flatMap((c) => c.nodes), new LineIndex(text));
}

/** The same from a single parse of the whole text: the reference for the chunked parse. */
export function analyzeTextWhole(text: string): DiligenceModel {
  return buildModel(text, parseWhole(text).children, new LineIndex(text));
}

export type * from './types';

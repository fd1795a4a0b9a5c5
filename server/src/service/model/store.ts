/**
 * The models of the open documents, one per document version, built incrementally: the chunks
 * of a version are handed over to the next, which re-parses only the chunks that changed. Also
 * the analyses in flight (`analyse`, in steps that yield to the host) and the evaluation memo.
 */
import type { DiligenceConfig } from '../config';
import { CancelledError, type CancellationToken, type Logger } from '../host';
import { EvaluationMemo } from './evaluation';
import { analyseIncremental, BlockTooLongError, buildFromChunks, ChunkReparse, collectChunk, type ParsedChunk } from './index';
import { longestBlock, MAX_BLOCK_CHARS } from './limits';
import type { DiligenceModel } from './types';

/** What the store needs to know of a document. */
export interface StoreDocument {
  readonly uri: string;
  /** a version that changes with the text; documents read from disk can pass -1 (never cached) */
  readonly version: number;
  getText(): string;
}

/** What the service did, for the host's statistics and the benchmark. */
export interface AnalysisStats {
  /** models built */
  analyses: number;
  /** analyses given up because a newer version (or a close) came first */
  superseded: number;
  /** chunks parsed, and chunks reused from an earlier version */
  chunksParsed: number;
  chunksReused: number;
  /** chunks through the walk of an analysis in steps so far (the walk after the parse), counted as it goes */
  chunksWalked: number;
}

export interface ModelStoreOptions {
  config: () => DiligenceConfig;
  logger: Logger;
  /** lets the host run other work during a long `analyse`; without it `analyse` is `get` */
  yieldToHost?: (() => Promise<void>) | undefined;
  /**
   * keep each version's parse for the next version to reuse (false: documents analysed once,
   * whose neighbouring chunks are then parsed together, see COALESCE_CHARS)
   */
  keepChunks?: boolean;
}

/**
 * Where no next version will reuse the chunks, neighbouring ones are parsed together up to this
 * many characters: fewer parses, each with its fixed cost (measured on 41 documents: 8,000 gave
 * about 15% less CPU than chunks as split; remark grows superlinear on longer pieces).
 */
const COALESCE_CHARS = 8_000;

/** how long `analyse` works between two yields to the host */
const YIELD_EVERY_MS = 8;

interface InFlight {
  version: number;
  reparse: ChunkReparse;
  /** set when a newer analysis took over (it has the chunks) */
  abandoned: boolean;
  promise: Promise<DiligenceModel | undefined>;
}

interface Entry {
  /** the version `model` is for */
  version: number;
  model: DiligenceModel | undefined;
  /** its chunks, for the next version to reuse (undefined once handed over) */
  chunks: ParsedChunk[] | undefined;
  /** an `analyse` of a newer version, under way */
  inflight?: InFlight;
  /** why `model` is undefined when the text was not given to the parser (limits.ts) */
  refusal?: string;
}

export class ModelStore {
  private readonly entries = new Map<string, Entry>();
  private readonly counts: AnalysisStats = { analyses: 0, superseded: 0, chunksParsed: 0, chunksReused: 0, chunksWalked: 0 };
  /** the evaluation texts of the last build, for the next (per store: not shared between services) */
  private readonly memo = new EvaluationMemo();
  /** the refusal of the last uncached (version -1) document, for its diagnostic */
  private lastRefusal: { uri: string; refusal: string } | undefined;

  constructor(private readonly options: ModelStoreOptions) {}

  get stats(): AnalysisStats {
    return { ...this.counts };
  }

  /** The model of this version of the document; undefined when it is too large to analyse. */
  get(doc: StoreDocument): DiligenceModel | undefined {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && doc.version >= 0) return hit.model;
    const text = doc.getText();
    let model: DiligenceModel | undefined;
    let chunks: ParsedChunk[] | undefined;
    let refusal: string | undefined;
    if (!this.tooLarge(doc, text)) {
      const t0 = Date.now();
      // the previous version's chunks are handed over (and consumed): unchanged ones are reused
      const previous = this.takeChunks(hit);
      try {
        ({ model, chunks } = analyseIncremental(text, previous, MAX_BLOCK_CHARS, this.memo, this.options.keepChunks === false ? COALESCE_CHARS : 0));
        this.counts.analyses++;
        this.count(chunks, previous);
        this.options.logger.debug(`analysed ${doc.uri} v${doc.version} (${text.length} chars) in ${Date.now() - t0} ms`);
      } catch (e) {
        if (!(e instanceof BlockTooLongError)) throw e;
        refusal = e.reason;
        this.options.logger.info(`not analysing ${doc.uri}: ${refusal}`);
      }
    } else {
      this.takeChunks(hit);
    }
    if (this.options.keepChunks === false) chunks = undefined;
    if (doc.version >= 0) this.entries.set(doc.uri, { version: doc.version, model, chunks, ...(refusal !== undefined ? { refusal } : {}) });
    else if (refusal !== undefined) this.lastRefusal = { uri: doc.uri, refusal };
    return model;
  }

  /**
   * The same, built in steps that yield to the host, so a long parse does not block it. A newer
   * version (`analyse` or `get` of it) or a cancelled token gives this one up (CancelledError);
   * the chunks it parsed are kept for the next one.
   */
  analyse(doc: StoreDocument, token?: CancellationToken): Promise<DiligenceModel | undefined> {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && doc.version >= 0) return Promise.resolve(hit.model);
    if (hit?.inflight && hit.inflight.version === doc.version) return hit.inflight.promise;
    const text = doc.getText();
    const yieldToHost = this.options.yieldToHost;
    if (!yieldToHost || doc.version < 0 || this.tooLarge(doc, text)) {
      try {
        return Promise.resolve(this.get(doc));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    const entry: Entry = hit ?? { version: Number.NEGATIVE_INFINITY, model: undefined, chunks: undefined };
    this.entries.set(doc.uri, entry);
    const previous = this.takeChunks(entry);
    const reparse = new ChunkReparse(text, previous, MAX_BLOCK_CHARS, this.options.keepChunks === false ? COALESCE_CHARS : 0);
    const f: InFlight = { version: doc.version, reparse, abandoned: false, promise: Promise.resolve(undefined) };
    entry.inflight = f;
    f.promise = this.runInSteps(doc, text, entry, f, previous, yieldToHost, token);
    return f.promise;
  }

  private async runInSteps(doc: StoreDocument, text: string, entry: Entry, f: InFlight, previous: ParsedChunk[] | undefined, yieldToHost: () => Promise<void>, token: CancellationToken | undefined): Promise<DiligenceModel | undefined> {
    const t0 = Date.now();
    const reparse = f.reparse;
    let last = Date.now();
    /** yields when this step has worked long enough; then a newer version or the token may have ended this analysis */
    const pause = async (): Promise<{ given: DiligenceModel | undefined } | undefined> => {
      if (Date.now() - last < YIELD_EVERY_MS) return undefined;
      await yieldToHost();
      last = Date.now();
      if (f.abandoned) {
        // given up for a newer request; if that was this very version, its model is there
        const now = this.entries.get(doc.uri);
        if (now && now.version === f.version) return { given: now.model };
        throw new CancelledError();
      }
      if (token?.isCancellationRequested) {
        entry.inflight = undefined;
        f.abandoned = true;
        this.counts.superseded++;
        entry.chunks = reparse.leftovers();
        throw new CancelledError();
      }
      return undefined;
    };
    while (!reparse.step()) {
      const stop = await pause();
      if (stop) return stop.given;
    }
    if (reparse.refusal !== undefined) {
      this.options.logger.info(`not analysing ${doc.uri}: ${reparse.refusal}`);
      entry.inflight = undefined;
      entry.version = doc.version;
      entry.model = undefined;
      entry.chunks = undefined;
      entry.refusal = reparse.refusal;
      return undefined;
    }
    const chunks = reparse.result();
    // the walk of each chunk, in steps too (thousands of chunks take seconds); the build below
    // finds them walked
    for (const c of chunks) {
      collectChunk(text, c);
      this.counts.chunksWalked++;
      const stop = await pause();
      if (stop) return stop.given;
    }
    const model = buildFromChunks(text, chunks, this.memo);
    this.counts.analyses++;
    this.count(chunks, previous);
    entry.inflight = undefined;
    entry.version = doc.version;
    entry.model = model;
    entry.chunks = chunks;
    entry.refusal = undefined;
    this.options.logger.debug(`analysed ${doc.uri} v${doc.version} (${text.length} chars) in ${Date.now() - t0} ms, in steps`);
    return model;
  }

  /** Why a document is not analysed (the document-too-large diagnostic says it). */
  skippedBecause(doc: StoreDocument): string {
    const text = doc.getText();
    const max = this.options.config().maxDocumentSize;
    if (text.length > max) return `${text.length.toLocaleString('en')} characters is more than diligence.maxDocumentSize (${max.toLocaleString('en')})`;
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.refusal !== undefined) return hit.refusal;
    if (doc.version < 0 && this.lastRefusal?.uri === doc.uri) return this.lastRefusal.refusal;
    return `a block of ${longestBlock(text).toLocaleString('en')} characters without a blank line is more than the parser handles in good time (${MAX_BLOCK_CHARS.toLocaleString('en')})`;
  }

  /** Forgets every model (the size limit changed); analyses in flight are given up. */
  clear(): void {
    for (const e of this.entries.values()) this.takeChunks(e);
    this.entries.clear();
  }

  close(uri: string): void {
    this.takeChunks(this.entries.get(uri));
    this.entries.delete(uri);
  }

  /**
   * The chunks of the last analysis, for the next one to reuse (and consume). An analysis in
   * flight is given up and hands over what it has.
   */
  private takeChunks(entry: Entry | undefined): ParsedChunk[] | undefined {
    if (!entry) return undefined;
    const f = entry.inflight;
    if (f) {
      entry.inflight = undefined;
      f.abandoned = true;
      this.counts.superseded++;
      return f.reparse.leftovers();
    }
    const chunks = entry.chunks;
    entry.chunks = undefined;
    return chunks;
  }

  private count(chunks: readonly ParsedChunk[], previous: readonly ParsedChunk[] | undefined): void {
    const old = new Set(previous?.map((c) => c.nodes));
    for (const c of chunks) {
      if (old.has(c.nodes)) this.counts.chunksReused++;
      else this.counts.chunksParsed++;
    }
  }

  private tooLarge(doc: StoreDocument, text: string): boolean {
    const max = this.options.config().maxDocumentSize;
    if (text.length <= max) return false;
    this.options.logger.info(`not analysing ${doc.uri}: ${text.length} characters is over diligence.maxDocumentSize (${max})`);
    return true;
  }
}

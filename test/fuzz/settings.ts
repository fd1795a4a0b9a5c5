/**
 * Fixed seeds and run counts for the property tests, so CI is reproducible: a failure prints the
 * seed and path to replay. DILIGENCE_FUZZ_SEED and DILIGENCE_FUZZ_SCALE (a multiplier of the run
 * counts) explore further locally. Every property records how many cases it ran; the fuzz suite
 * prints the total at the end.
 */
export const FUZZ_SEED = Number(process.env['DILIGENCE_FUZZ_SEED'] ?? 20260514);
const SCALE = Number(process.env['DILIGENCE_FUZZ_SCALE'] ?? 1);

export const runs = new Map<string, number>();

export function recordRuns(name: string, n: number): number {
  const scaled = Math.max(1, Math.round(n * SCALE));
  runs.set(name, scaled);
  return scaled;
}

after(() => {
  if (runs.size === 0) return;
  const total = [...runs.values()].reduce((a, b) => a + b, 0);
  console.log(`      fuzz: ${total} generated cases in ${runs.size} properties (seed ${FUZZ_SEED}${SCALE !== 1 ? `, scale ${SCALE}` : ''})`);
});

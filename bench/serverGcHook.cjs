// Preloaded into the language server by the benchmark (node --expose-gc -r bench/serverGcHook.cjs
// dist/server.cjs --stdio): on SIGUSR2 it runs a full garbage collection and writes one line to
// stderr (stdout carries the protocol), so the benchmark knows the collection has finished
// before it reads VmRSS from /proc. It changes nothing else in the server.
process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') global.gc();
  const m = process.memoryUsage();
  process.stderr.write(`[bench-gc] ${JSON.stringify({ gc: typeof global.gc === 'function', rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers })}\n`);
});

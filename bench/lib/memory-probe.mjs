// Preloaded into a benchmarked server (`node --import bench/lib/memory-probe.mjs scripts/serve.ts`)
// when BENCH_MEMORY_INTERVAL_MS is set: prints process.memoryUsage() as one JSON line on stderr
// at that interval, so the benchmark sees the heap, not only the resident set. The timer is
// unref'd, so it never keeps the server alive.
const intervalMs = Number(process.env.BENCH_MEMORY_INTERVAL_MS ?? 0);
if (intervalMs > 0) {
  const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10;
  const started = Date.now();
  setInterval(() => {
    const m = process.memoryUsage();
    const sample = { t: Math.round((Date.now() - started) / 100) / 10, rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers) };
    process.stderr.write(`[bench-memory] ${JSON.stringify(sample)}\n`);
  }, intervalMs).unref();
}

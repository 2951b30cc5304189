// Preloaded into a benchmarked Node process (node -r): prints its peak resident
// memory and its CPU time when it exits, so review-bot and tsc are measured the same way.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(
    `\nBENCH_MAXRSS_KB=${usage.maxRSS}\nBENCH_CPU_MS=${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`,
  );
});

// Preloaded into a benchmarked Node process (node -r): prints its peak resident
// memory when it exits, so review-bot and tsc are measured the same way.
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});

import { writeFileSync } from 'node:fs'

// Preloaded into benchmarked child processes (`--import`): writes the process's peak
// resident set size (KiB, from getrusage) to $BENCH_RSS_FILE when it exits.
const file = process.env.BENCH_RSS_FILE
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)))

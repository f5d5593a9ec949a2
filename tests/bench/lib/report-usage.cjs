const { writeFileSync } = require('node:fs')

// Preloaded into benchmarked child processes (`--require`, through NODE_OPTIONS for the CLI's launcher:
// a process started from a snapshot runs --require preloads but not --import ones; plain CommonJS, so it
// loads without tsx too): writes the process's peak resident set size and CPU time (getrusage) as JSON
// to $BENCH_USAGE_FILE when it exits.
const file = process.env.BENCH_USAGE_FILE
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage()
    writeFileSync(file, JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }))
  })
}

'use strict'
// Starts the processes the bench times (lib/proc.ts), as a shell would: from a small process. Forking copies
// the parent's page tables, so a process started by the bench itself (hundreds of MB by its later parts)
// took longer to start than one a user starts: a cached CLI re-run, 95-103 ms from a 44 MB parent,
// 118-120 ms from a 345 MB one and 169-203 ms from a 1.5 GB one (medians of 15, tests/bench/README.md).
// One request per stdin line, {id, file, args, cwd, env, timeoutMs}; one answer per stdout line,
// {id, code, stdout, stderr, wallMs}, wallMs from spawn to the child's exit and closed output.
const { spawn } = require('node:child_process')
const { createInterface } = require('node:readline')

function run({ id, file, args, cwd, env, timeoutMs }) {
  const t0 = performance.now()
  const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  let answered = false
  const answer = (code, error) => {
    if (answered) return
    answered = true
    clearTimeout(timer)
    const wallMs = performance.now() - t0
    process.stdout.write(JSON.stringify({ id, code, stdout, stderr: error ? `${stderr}${error.message}\n` : stderr, wallMs }) + '\n')
  }
  child.on('error', (e) => answer(null, e))
  child.on('close', (code) => answer(code))
}

createInterface({ input: process.stdin }).on('line', (line) => run(JSON.parse(line)))

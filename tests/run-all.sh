#!/usr/bin/env bash
# Every test: type check, boundary checks (no DOM below the editor, import directions, nothing
# unused), unit + integration (Vitest, Node), browser end-to-end (Chromium).
# Ends with one "N passed, N failed" line summing both Vitest runs.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
status=0
npx tsc --noEmit -p tsconfig.json || status=1
bash tests/boundaries/check.sh || status=1
npx vitest run --reporter=default --reporter=json --outputFile.json="$out/unit.json" || status=1
if [ -f tests/browser/run.sh ]; then
  bash tests/browser/run.sh "$out/browser.json" || status=1
fi
node -e '
  const fs = require("fs"); let passed = 0, failed = 0
  for (const f of process.argv.slice(1)) {
    if (!fs.existsSync(f)) continue
    const r = JSON.parse(fs.readFileSync(f, "utf8"))
    passed += r.numPassedTests; failed += r.numFailedTests
  }
  console.log(`${passed} passed, ${failed} failed`)
' "$out/unit.json" "$out/browser.json"
exit $status

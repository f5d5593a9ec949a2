#!/usr/bin/env bash
# Browser end-to-end tests (builds the app, serves it on 127.0.0.1, drives Chromium).
# $1 (optional): where to write Vitest's JSON report, for tests/run-all.sh's summary line.
set -uo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${1:-}" ]; then
  npx vitest run --config vitest.browser.config.ts --reporter=default --reporter=json --outputFile.json="$1"
else
  npx vitest run --config vitest.browser.config.ts
fi

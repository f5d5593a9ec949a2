#!/usr/bin/env bash
# The architecture's boundaries (docs/architecture.md, "Checks"), run by tests/run-all.sh:
#   1. runtime/, ml/, nodes/ type-check without the DOM (tsconfig.core.json); the browser-only
#      runtime modules with the WebWorker lib, never the DOM (tsconfig.worker.json);
#   2. import directions (.dependency-cruiser.cjs);
#   3. no unused files, dependencies or exports (knip.jsonc).
# Every check runs; each failure ends with a line saying what to fix. Exit 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=node_modules/.bin
for tool in tsc depcruise knip; do
  if [ ! -x "$bin/$tool" ]; then
    echo "Boundary check: $bin/$tool is missing. Run \`npm install\` (package.json lists it)." >&2
    exit 1
  fi
done
failed=()
fail() { failed+=("$1"); echo "✗ $1" >&2; }

echo "Boundary check 1/4: runtime/, ml/, nodes/ without the DOM (tsconfig.core.json)"
"$bin/tsc" --noEmit -p tsconfig.core.json ||
  fail "runtime/, ml/ or nodes/ uses a DOM type (errors above). Code there also runs in Node: use what Node and workers both have, or move browser-only code into a module listed in tsconfig.worker.json."

echo "Boundary check 2/4: browser-only runtime modules with the WebWorker lib (tsconfig.worker.json)"
"$bin/tsc" --noEmit -p tsconfig.worker.json ||
  fail "a browser-only runtime module does not type-check with the WebWorker lib (errors above): the worker has no document or window."

echo "Boundary check 3/4: import directions editor → runtime ← nodes → ml (.dependency-cruiser.cjs)"
"$bin/depcruise" runtime ml nodes deploy editor tests --config .dependency-cruiser.cjs --output-type err-long ||
  fail "an import goes against the architecture's arrows (each violation above says what to do instead)."

echo "Boundary check 4/4: unused files, dependencies and exports (knip.jsonc)"
"$bin/knip" --no-progress ||
  fail "knip found unused code or dependencies (above): delete what is unused, drop \`export\` from what only its own file uses, npm uninstall unused packages; a file started by a spawn or a bundler goes into knip.jsonc's \"entry\"."

if [ ${#failed[@]} -gt 0 ]; then
  echo "Boundary checks: ${#failed[@]} failed." >&2
  exit 1
fi
echo "Boundary checks: all 4 passed."

#!/usr/bin/env bash
# Type-checks the Worker, then runs its tests (worker/vitest.config.ts) under the Node 22 that
# worker/tools installs: the bundle is built by wrangler, served by workerd through miniflare.
# Needs `npm ci --prefix worker/tools` first. Extra arguments go to vitest (e.g. a file filter).
set -euo pipefail
cd "$(dirname "$0")/../.."
node22=worker/tools/node_modules/.bin/node
if [ ! -x "$node22" ]; then
  echo "worker: tools missing; run: npm ci --prefix worker/tools" >&2
  exit 1
fi
npx tsc -p worker/tsconfig.json --noEmit
report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
"$node22" node_modules/vitest/vitest.mjs run --config worker/vitest.config.ts \
  --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
"$node22" -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`worker: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
' "$report" || echo "worker: 0 passed, 1 failed"
exit "$status"

#!/usr/bin/env bash
# `npm test`: everything CI runs. Unit + API suites on PGlite, again on PostgreSQL when
# TEST_DATABASE_URL is set, then the production build and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Runs vitest; on failure repeats its failures and unhandled errors last, where a truncated CI log still shows them.
vitest_run() {
  local name=$1; shift
  if ! npx vitest run --reporter=default --reporter=json --outputFile.json="test-results/$name.json" "$@" 2>&1 | tee "test-results/$name.log"; then
    printf '\n\033[1m== %s failed; the failures again:\033[0m\n' "$name"
    sed 's/\x1b\[[0-9;]*m//g' "test-results/$name.log" | grep -E -A25 '^ *(FAIL|Error:|⎯+ Unhandled|TypeError|AssertionError)' | head -150
    return 1
  fi
}

step typecheck
npm run --silent typecheck
step lint
npm run --silent lint

step "unit + API tests (PGlite)"
# Two files at a time on 2 cores too: each file's embedded database and its app wait on each other more than they
# compute (6.3 min with two in the last full CI run on this 2-core machine).
TEST_DB=pglite vitest_run vitest-pglite --maxWorkers=2

if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  step "API tests (PostgreSQL: ${TEST_DATABASE_URL})"
  # Two files at a time even on 2 cores: these tests wait on the PostgreSQL server, which runs in its own
  # processes (4.8 min with two in a full CI run; vitest defaults to one on a 2-core machine).
  TEST_DB=postgres vitest_run vitest-postgres --project server --maxWorkers=2
else
  echo "TEST_DATABASE_URL not set: skipping the PostgreSQL run"
fi

step build
npm run --silent build

step "browser tests (Playwright, Debian chromium)"
npx playwright test -c e2e/playwright.config.ts

step summary
node scripts/summary.mjs

#!/usr/bin/env bash
# `npm test`: everything CI runs. Unit + API suites on PGlite, again on PostgreSQL when
# TEST_DATABASE_URL is set, then the production build and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step typecheck
npm run --silent typecheck
step lint
npm run --silent lint

step "unit + API tests (PGlite)"
TEST_DB=pglite npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest-pglite.json

if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  step "API tests (PostgreSQL: ${TEST_DATABASE_URL})"
  TEST_DB=postgres npx vitest run --project server --reporter=default --reporter=json --outputFile.json=test-results/vitest-postgres.json
else
  echo "TEST_DATABASE_URL not set: skipping the PostgreSQL run"
fi

step build
npm run --silent build

step "browser tests (Playwright, Debian chromium)"
npx playwright test -c e2e/playwright.config.ts

step summary
node scripts/summary.mjs

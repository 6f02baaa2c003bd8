#!/usr/bin/env bash
# Runs every test: unit and HTTP integration tests on SQLite and on a real PostgreSQL, and the browser
# tests in Debian's Chromium. Installs what it needs (Chromium, PostgreSQL, npm packages) idempotently.
# Prints the totals as the last line: "Tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/artifacts/test-results"
# Screenshots are only written by failing browser tests: clear the last run's so none are stale.
rm -rf "$results" "$root/artifacts/screenshots"; mkdir -p "$results"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v node >/dev/null || need_apt+=(nodejs npm)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need_apt+=(postgresql)
# Not grep -q: it would exit at the first match and fc-list's SIGPIPE would fail the pipeline (pipefail).
fc-list 2>/dev/null | grep -i "noto.*arab\|naskh" >/dev/null || need_apt+=(fonts-noto-core)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]} from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null || { echo "apt-get failed"; exit 1; }
fi

echo "== starting PostgreSQL on loopback"
KHIDMA_TEST_PG=$(scripts/postgres.sh start) || { echo "PostgreSQL did not start"; exit 1; }
export KHIDMA_TEST_PG

echo "== starting the mail servers (private dovecot and postfix on loopback)"
mail_env=$(scripts/mailserver.sh start) || { echo "mail servers did not start"; exit 1; }
export $mail_env

echo "== building"
dotnet build Khidma.slnx -c Release -nologo -v q -clp:ErrorsOnly || { echo "Tests: 0 passed, 1 failed (build)"; exit 1; }

status=0
for project in tests/Khidma.Tests tests/Khidma.BrowserTests; do
  name=$(basename "$project")
  echo "== $name"
  dotnet test "$project" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    -- xUnit.MaxParallelThreads=2 || status=1
done

echo "== benchmark smoke (tiny data, so the benchmark never rots; timings are printed, never asserted)"
bench_passed=0; bench_failed=0
if dotnet build bench/Khidma.Bench -c Release -nologo -v q -clp:ErrorsOnly && dotnet bench/Khidma.Bench/bin/Release/net10.0/Khidma.Bench.dll smoke; then
  bench_passed=1
else
  bench_failed=1; status=1
fi

python3 - "$results" "$bench_passed" "$bench_failed" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {'t': 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010'}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + '/*.trx'):
    c = ET.parse(f).getroot().find('t:ResultSummary/t:Counters', ns)
    if c is None: continue
    passed += int(c.get('passed', 0)); failed += int(c.get('failed', 0)) + int(c.get('error', 0)) + int(c.get('timeout', 0))
    skipped += int(c.get('notExecuted', 0))
passed += int(sys.argv[2]); failed += int(sys.argv[3])
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status

#!/usr/bin/env bash
# The benchmark in one command: generates 200,000 customers / 1,000,000 interactions / ~3,000,000 timeline
# entries (once, kept in artifacts/bench-data*), starts Khidma on them, and measures every hot path and the
# machine's ceilings. Results go to bench/results/latest-<provider>.md.
#   ./bench.sh                      SQLite
#   ./bench.sh --provider postgres  PostgreSQL (started on loopback by scripts/postgres.sh)
#   ./bench.sh smoke                tiny data, a few seconds (CI runs this)
set -euo pipefail
cd "$(dirname "$0")"
dotnet build src/Khidma.Web -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/Khidma.Bench -c Release -nologo -v q -clp:ErrorsOnly
bench=bench/Khidma.Bench/bin/Release/net10.0/Khidma.Bench.dll
if [ "${1:-}" = smoke ]; then exec dotnet "$bench" smoke; fi
if [ "${1:-}" = "--provider" ] && [ "${2:-}" = postgres ]; then
  server=$(scripts/postgres.sh start)
  db=khidma_bench
  psql "host=127.0.0.1 port=${KHIDMA_PG_PORT:-55432} user=khidma dbname=postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
    || psql "host=127.0.0.1 port=${KHIDMA_PG_PORT:-55432} user=khidma dbname=postgres" -qc "CREATE DATABASE $db"
  cs="${server/Database=postgres/Database=$db}"
  dotnet "$bench" generate --data artifacts/bench-data-pg --provider postgres --cs "$cs"
  exec dotnet "$bench" run --data artifacts/bench-data-pg --provider postgres --cs "$cs" --out bench/results/latest-postgres.md "${@:3}"
fi
exec dotnet "$bench" run --data artifacts/bench-data --out bench/results/latest-sqlite.md "$@"

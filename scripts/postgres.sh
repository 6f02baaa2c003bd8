#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on loopback for the tests (installing Debian's package if needed)
# and prints its connection string. Idempotent: a server already running in the folder is reused.
#   scripts/postgres.sh start [DIR]   → prints the connection string
#   scripts/postgres.sh stop [DIR]
set -euo pipefail
cmd=${1:-start}
dir=${2:-${KHIDMA_PG_DIR:-/tmp/khidma-pg}}
port=${KHIDMA_PG_PORT:-55432}

find_bin() {
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && { echo "$d"; return; }; done
}
bin=$(find_bin || true)
if [ -z "${bin:-}" ]; then
  echo "installing PostgreSQL from Debian packages…" >&2
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null) >&2
  bin=$(find_bin)
fi

# PostgreSQL refuses to run as root; run it as the 'postgres' user when we are root.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
      as_pg "$bin/initdb" -D "$dir" -U khidma --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
      cat >> "$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
CONF
    fi
    if ! as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
    fi
    echo "Host=127.0.0.1;Port=$port;Username=khidma;Database=postgres;Pooling=true;Maximum Pool Size=50"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop [DIR]" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: `start` makes a new cluster (trust auth, no
# fsync) on a free loopback port and prints its URL; `url` prints the URL of the running one;
# `stop` stops it and deletes the cluster. `make test` starts it before the Swift tests, hands
# the URL to them as SAMPLETOK_TEST_DATABASE_URL, and stops it after.
# As root the server runs as the user `postgres` (initdb refuses root).
set -euo pipefail
dir="${SAMPLETOK_PG_DIR:-/tmp/sampletok-test-pg}"

bin_dir() {
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$found" ] || { echo "postgres-test: initdb not found; install PostgreSQL (Debian: apt-get install postgresql)" >&2; exit 1; }
  echo "$found"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    "$0" stop >/dev/null 2>&1 || true
    bin=$(bin_dir)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 \
      -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://postgres@127.0.0.1:$port/postgres?sslmode=disable" > "$dir/url"
    cat "$dir/url"
    ;;
  url)
    cat "$dir/url"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|url|stop" >&2; exit 2
    ;;
esac

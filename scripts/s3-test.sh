#!/usr/bin/env bash
# A throwaway S3-compatible server for the tests (moto in server mode, bound to 127.0.0.1):
# `start` runs one on a free loopback port and prints its URL; `url` prints the URL of the
# running one; `stop` stops it and deletes its folder. `make test` starts it before the Swift
# tests, hands the URL to them as SAMPLETOK_TEST_S3_URL, and stops it after.
# SAMPLETOK_S3_DIR (default /tmp/sampletok-test-s3) keeps parallel runs apart.
# moto keeps everything in memory: each test makes its own bucket (any keys are accepted).
set -euo pipefail
dir="${SAMPLETOK_S3_DIR:-/tmp/sampletok-test-s3}"

case "${1:-}" in
  start)
    "$0" stop >/dev/null 2>&1 || true
    command -v moto_server >/dev/null 2>&1 \
      || { echo "s3-test: moto_server not found; install it: python3 -m pip install 'moto[server]'" >&2; exit 1; }
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    mkdir -p "$dir"
    setsid moto_server -H 127.0.0.1 -p "$port" >"$dir/server.log" 2>&1 < /dev/null &
    echo $! > "$dir/pid"
    url="http://127.0.0.1:$port"
    for _ in $(seq 1 300); do
      if curl -s -o /dev/null "$url/"; then
        echo "$url" > "$dir/url"
        cat "$dir/url"
        exit 0
      fi
      if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then cat "$dir/server.log" >&2; exit 1; fi
      sleep 0.2
    done
    echo "s3-test: moto did not answer on $url within 60 s" >&2
    cat "$dir/server.log" >&2
    exit 1
    ;;
  url)
    cat "$dir/url"
    ;;
  stop)
    if [ -f "$dir/pid" ]; then
      pid=$(cat "$dir/pid")
      # setsid made it a group leader: end the group (moto's reloader child too).
      kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|url|stop" >&2; exit 2
    ;;
esac

#!/usr/bin/env bash
# Fuzzes the built server against its own OpenAPI document with schemathesis: a few hundred
# generated requests per route, with a valid token and the admin key, every feature configured
# (TikTok/Instagram against the test fake of RapidAPI, Instagram webhooks, LALAL.AI pointing at
# a closed port so stem jobs fail and refund later). Fails on any 5xx, any response outside the
# document, any request the document allows that the server refuses, a wrong 405/Allow, or a
# secured route answering without its token.
#
# Bounded twice: at most FUZZ_EXAMPLES generated cases per route (default 300) and at most
# FUZZ_SECONDS for the whole run (default 240: schemathesis's --max-time, so a slow machine tests
# fewer cases instead of running long).
#
# Usage: scripts/fuzz-api.sh [BINARY]   (default .build/debug/sampletok)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/sampletok}
EXAMPLES=${FUZZ_EXAMPLES:-300}
SECONDS_BUDGET=${FUZZ_SECONDS:-240}
WORK=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

# The module, not a shim on PATH: a fresh pip install may not be on PATH yet.
python3 -m schemathesis.cli --version >/dev/null 2>&1 || { echo "fuzz-api: schemathesis is missing (make deps installs it)"; exit 1; }

# The fake RapidAPI prints its port first and runs while its standard input stays open.
mkdir -p "$WORK/media"
ffmpeg -v error -f lavfi -i "sine=frequency=440:duration=2" -ar 44100 "$WORK/media/tone.wav"
mkfifo "$WORK/fake.in"
python3 Tests/Fixtures/fake_rapidapi.py "$WORK/media" < "$WORK/fake.in" > "$WORK/fake.port" &
pids+=($!)
exec 7> "$WORK/fake.in"
for _ in $(seq 100); do [ -s "$WORK/fake.port" ] && break; sleep 0.1; done
FAKE="http://127.0.0.1:$(head -1 "$WORK/fake.port")"

export SAMPLETOK_HOME="$WORK/home" SECRET_KEY=fuzz-admin-key \
  SUBMIT_RATE_LIMIT_PER_MINUTE=0 DOWNLOAD_RATE_LIMIT_PER_MINUTE=0 \
  STEM_SEPARATION_RATE_LIMIT_PER_MINUTE=0 STEM_DOWNLOAD_RATE_LIMIT_PER_MINUTE=0 \
  RAPIDAPI_KEY=good-key TIKTOK_API_BASE_URL="$FAKE/tiktok" INSTAGRAM_API_BASE_URL="$FAKE/instagram" \
  LALAL_API_KEY=fuzz LALAL_API_BASE_URL=http://127.0.0.1:9/ \
  INSTAGRAM_WEBHOOK_VERIFY_TOKEN=fuzz-verify INSTAGRAM_APP_SECRET=fuzz-secret INSTAGRAM_ACCESS_TOKEN=fuzz-token \
  GRAPH_API_BASE_URL=http://127.0.0.1:9/v25.0 PUBLIC_BASE_URL=https://samples.example.com
TOKEN=$("$BIN" admin create-user fuzz --credits 1000000 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
"$BIN" import "$WORK/media/tone.wav" >/dev/null

"$BIN" --serve --port 0 --workers 1 > "$WORK/serve.out" 2> "$WORK/serve.err" &
pids+=($!)
for _ in $(seq 300); do grep -q "serving on" "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's/^sampletok serving on //p' "$WORK/serve.out" | head -1)
[ -n "$URL" ] || { echo "fuzz-api: the server did not start"; cat "$WORK/serve.err"; exit 1; }

checks=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance
checks=$checks,response_schema_conformance,positive_data_acceptance,unsupported_method,allow_header_conformance
checks=$checks,missing_required_header,ignored_auth
echo "fuzz-api: schemathesis $(python3 -m schemathesis.cli --version | awk '{print $NF}'), up to $EXAMPLES examples per route in $SECONDS_BUDGET s, against $URL"
cd "$WORK"  # schemathesis keeps its example database in the working folder
python3 -m schemathesis.cli run "$URL/api/v1/openapi.json" --url "$URL" \
  -H "Authorization: Bearer $TOKEN" -H "X-Admin-Key: fuzz-admin-key" \
  --checks "$checks" --max-examples "$EXAMPLES" --max-time "$SECONDS_BUDGET" --seed 20261205 --no-color

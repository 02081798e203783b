#!/usr/bin/env bash
# Measures Portkey's open-source gateway with `switchyard bench`, in front of a `switchyard simulator`,
# the way bench/RESULTS.md ("Portkey's gateway, measured side by side") did:
#
#   bench/peers/portkey.sh                      # non-streaming, the harness's default rates and saturation
#   bench/peers/portkey.sh --duration 5 --rates 320
#
# Extra arguments go to `switchyard bench`. Needs node and npm (the npm registry); installs the pinned
# version into a scratch folder and removes it afterwards. Portkey listens on every interface; the script
# binds it to 127.0.0.1 by editing its scratch copy (one call; it stops if that call is not found, as it
# would be in another version). Streaming is not measured: version 1.15.2 answers every stream with
# HTTP 500 here (Portkey-AI/gateway#1389).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# The Switchyard command: ./switchyard by default (SWITCHYARD_BUILD=native works as usual); the tests give
# their own build ("dotnet .../switchyard.dll").
if [ -n "${SWITCHYARD_CLI:-}" ]; then read -r -a switchyard <<<"$SWITCHYARD_CLI"; else switchyard=("$root/switchyard"); fi
version=1.15.2
port="${PORTKEY_PORT:-18787}"
sim_port="${SIMULATOR_PORT:-18401}"
scratch="$(mktemp -d /tmp/switchyard-portkey-XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

command -v npm >/dev/null || { echo "portkey.sh needs node and npm" >&2; exit 1; }
echo "Installing @portkey-ai/gateway@$version into $scratch..." >&2
(cd "$scratch" && npm init -y >/dev/null && npm install --no-audit --no-fund "@portkey-ai/gateway@$version" >/dev/null 2>&1)
server="$scratch/node_modules/@portkey-ai/gateway/build/start-server.js"
# Its server call is serve({fetch, port}) in the minified build; give it the loopback address.
listen_call='e({fetch:Lu.fetch,port:Ku})'
grep -qF "$listen_call" "$server" || { echo "portkey.sh: the listen call was not found in $server (not version $version?)" >&2; exit 1; }
sed -i "s/e({fetch:Lu.fetch,port:Ku})/e({fetch:Lu.fetch,port:Ku,hostname:\"127.0.0.1\"})/" "$server"

"${switchyard[@]}" simulator --urls "http://127.0.0.1:$sim_port" >"$scratch/simulator.log" 2>&1 &
pids+=($!)
(cd "$scratch" && NODE_ENV=production exec node "$server" --headless --port="$port") >"$scratch/portkey.log" 2>&1 &
portkey_pid=$!
pids+=("$portkey_pid")

wait_for() { # url: until it answers at all (any status), at most 120 s (the first run builds Switchyard)
  for _ in $(seq 1 240); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done
  echo "portkey.sh: nothing answered at $1" >&2; return 1
}
wait_for "http://127.0.0.1:$sim_port/v1/models"
wait_for "http://127.0.0.1:$port/"

"${switchyard[@]}" bench --target "http://127.0.0.1:$port" --upstream "http://127.0.0.1:$sim_port" --pid "$portkey_pid" \
  --api-key sk-bench --mode non-streaming \
  --header "x-portkey-provider: openai" --header "x-portkey-custom-host: http://127.0.0.1:$sim_port/v1" "$@"

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
# shellcheck source=bench/peers/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
command -v npm >/dev/null || { echo "portkey.sh needs node and npm" >&2; exit 1; }
peer_setup portkey
version=1.15.2
port="${PORTKEY_PORT:-18787}"

echo "Installing @portkey-ai/gateway@$version into $scratch..." >&2
(cd "$scratch" && npm init -y >/dev/null && npm install --no-audit --no-fund "@portkey-ai/gateway@$version" >/dev/null 2>&1)
server="$scratch/node_modules/@portkey-ai/gateway/build/start-server.js"
# Its server call is serve({fetch, port}) in the minified build; give it the loopback address.
listen_call='e({fetch:Lu.fetch,port:Ku})'
grep -qF "$listen_call" "$server" || { echo "portkey.sh: the listen call was not found in $server (not version $version?)" >&2; exit 1; }
sed -i "s/e({fetch:Lu.fetch,port:Ku})/e({fetch:Lu.fetch,port:Ku,hostname:\"127.0.0.1\"})/" "$server"

start_simulator
start_background env NODE_ENV=production node "$server" --headless --port="$port" >"$scratch/portkey.log" 2>&1
portkey_pid=$last_pid
wait_for "http://127.0.0.1:$port/"

"${switchyard[@]}" bench --target "http://127.0.0.1:$port" --upstream "http://127.0.0.1:$sim_port" --pid "$portkey_pid" \
  --api-key sk-bench --mode non-streaming \
  --header "x-portkey-provider: openai" --header "x-portkey-custom-host: http://127.0.0.1:$sim_port/v1" "$@"

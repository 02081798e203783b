#!/usr/bin/env bash
# Measures bench/peers/MinimalProxy, a reverse proxy of Kestrel and HttpClient with nothing on top, in front
# of a `switchyard simulator` with `switchyard bench`: the floor for a .NET gateway on this machine
# (bench/RESULTS.md). Switchyard adds auth, routing, the request log and metrics to the same two hops.
#
#   bench/peers/dotnet-proxy.sh                        # the harness's default phases, streaming included
#   bench/peers/dotnet-proxy.sh --duration 5 --rates 320 --mode non-streaming
#
# Extra arguments go to `switchyard bench`. MINIMAL_PROXY_BUILD=native publishes it with Native AOT (needs
# clang or gcc, as SWITCHYARD_BUILD=native does) to compare with the native gateway; the default is the JIT.
set -euo pipefail
# shellcheck source=bench/peers/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
peer_setup minimal-proxy
port="${PROXY_PORT:-18090}"
project="$root/bench/peers/MinimalProxy/MinimalProxy.csproj"

case "${MINIMAL_PROXY_BUILD:-jit}" in
  jit)
    dotnet build "$project" -c Release -o "$scratch/out" --nologo -v quiet -clp:ErrorsOnly >&2
    proxy=(dotnet "$scratch/out/minimal-proxy.dll") ;;
  native)
    dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true -o "$scratch/out" --nologo -v quiet -clp:ErrorsOnly >&2
    proxy=("$scratch/out/minimal-proxy") ;;
  *) echo "MINIMAL_PROXY_BUILD must be jit or native" >&2; exit 2 ;;
esac

start_simulator
start_background "${proxy[@]}" --urls "http://127.0.0.1:$port" --upstream "http://127.0.0.1:$sim_port" >"$scratch/proxy.log" 2>&1
wait_for "http://127.0.0.1:$port/v1/models"

"${switchyard[@]}" bench --target "http://127.0.0.1:$port" --upstream "http://127.0.0.1:$sim_port" --pid "$last_pid" \
  --api-key sk-bench "$@"

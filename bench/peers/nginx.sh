#!/usr/bin/env bash
# Measures nginx as a reverse proxy in front of a `switchyard simulator` with `switchyard bench`: the floor
# for a two-hop proxy on this machine (bench/RESULTS.md, "the floor on this machine").
#
#   bench/peers/nginx.sh                        # the harness's default phases, streaming included
#   bench/peers/nginx.sh --duration 5 --rates 320
#
# Extra arguments go to `switchyard bench`. Needs nginx (`apt-get install -y nginx`). One worker process,
# keep-alive connections to the upstream, an access log buffered in memory; the measured pid is the worker.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# The Switchyard command: ./switchyard by default (SWITCHYARD_BUILD=native works as usual); the tests give
# their own build ("dotnet .../switchyard.dll").
if [ -n "${SWITCHYARD_CLI:-}" ]; then read -r -a switchyard <<<"$SWITCHYARD_CLI"; else switchyard=("$root/switchyard"); fi
port="${NGINX_PORT:-18080}"
sim_port="${SIMULATOR_PORT:-18401}"
command -v nginx >/dev/null || { echo "nginx.sh needs nginx: apt-get install -y nginx" >&2; exit 1; }
scratch="$(mktemp -d /tmp/switchyard-nginx-XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

cat >"$scratch/nginx.conf" <<CONF
worker_processes 1;
pid $scratch/nginx.pid;
error_log $scratch/error.log warn;
events { worker_connections 1024; }
http {
  access_log $scratch/access.log combined buffer=32k flush=1s;
  client_body_temp_path $scratch/body;
  proxy_temp_path $scratch/proxy;
  upstream simulator { server 127.0.0.1:$sim_port; keepalive 64; }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://simulator;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
CONF

"${switchyard[@]}" simulator --urls "http://127.0.0.1:$sim_port" >"$scratch/simulator.log" 2>&1 &
pids+=($!)
nginx -c "$scratch/nginx.conf" -g "daemon off;" >"$scratch/nginx.log" 2>&1 &
master=$!
pids+=("$master")

wait_for() { # url: until it answers at all (any status), at most 120 s (the first run builds Switchyard)
  for _ in $(seq 1 240); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done
  echo "nginx.sh: nothing answered at $1" >&2; return 1
}
wait_for "http://127.0.0.1:$sim_port/v1/models"
wait_for "http://127.0.0.1:$port/v1/models"
worker="$(pgrep -P "$master" | head -1)"
[ -n "$worker" ] || { echo "nginx.sh: no nginx worker process" >&2; exit 1; }

"${switchyard[@]}" bench --target "http://127.0.0.1:$port" --upstream "http://127.0.0.1:$sim_port" --pid "$worker" \
  --api-key sk-bench "$@"

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
# shellcheck source=bench/peers/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
command -v nginx >/dev/null || { echo "nginx.sh needs nginx: apt-get install -y nginx" >&2; exit 1; }
peer_setup nginx
port="${NGINX_PORT:-18080}"

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

start_simulator
start_background nginx -c "$scratch/nginx.conf" -g "daemon off;" >"$scratch/nginx.log" 2>&1
master=$last_pid
wait_for "http://127.0.0.1:$port/v1/models"
worker="$(pgrep -P "$master" | head -1)"
[ -n "$worker" ] || { echo "nginx.sh: no nginx worker process" >&2; exit 1; }

"${switchyard[@]}" bench --target "http://127.0.0.1:$port" --upstream "http://127.0.0.1:$sim_port" --pid "$worker" \
  --api-key sk-bench "$@"

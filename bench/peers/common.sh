# shellcheck shell=bash
# Shared by the peer scripts (source it; it is not run on its own): the Switchyard command, a scratch
# folder removed on exit with every process started through start_background, a simulator on loopback,
# and a wait for an address to answer.
#
#   peer_setup NAME         sets root, switchyard (the command, an array), sim_port, scratch; traps EXIT
#   start_background CMD... starts CMD in the background and stops it on exit; its pid in $last_pid
#   start_simulator         `switchyard simulator` on 127.0.0.1:$sim_port (SIMULATOR_PORT, default 18401)
#   wait_for URL            until URL answers at all (any status), at most 5 min (a first run builds Switchyard)

peer_setup() {
  peer_name="$1"
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  # ./switchyard by default (SWITCHYARD_BUILD=native works as usual); the tests give their own build
  # ("dotnet .../switchyard.dll").
  if [ -n "${SWITCHYARD_CLI:-}" ]; then read -r -a switchyard <<<"$SWITCHYARD_CLI"; else switchyard=("$root/switchyard"); fi
  sim_port="${SIMULATOR_PORT:-18401}"
  scratch="$(mktemp -d "/tmp/switchyard-$peer_name-XXXXXX")"
  background_pids=()
  trap peer_cleanup EXIT
}

peer_cleanup() {
  for pid in "${background_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$scratch"
}

start_background() {
  "$@" &
  last_pid=$!
  background_pids+=("$last_pid")
}

start_simulator() {
  start_background "${switchyard[@]}" simulator --urls "http://127.0.0.1:$sim_port" >"$scratch/simulator.log" 2>&1
  wait_for "http://127.0.0.1:$sim_port/v1/models"
}

wait_for() {
  for _ in $(seq 1 600); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done
  echo "$peer_name.sh: nothing answered at $1" >&2
  return 1
}

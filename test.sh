#!/usr/bin/env bash
# Runs every test of the solution (the README's test command; .ci/run calls it).
# Installs and starts what tests need on a fresh machine, then prints one summary line:
# "N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

log="$(mktemp)"

# Debian packages a test needs, installed only when missing (as root, or through sudo); a failed install
# shows later as the failing tests.
apt_install() {
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null) || true
  else
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null) || true
  fi
}

# PostgreSQL for the request log tests (tests/Switchyard.Storage.Tests, tests/Switchyard.Server.Tests/RequestLog):
# installed when missing, a throwaway cluster started on a free loopback port, its connection string
# exported as SWITCHYARD_TEST_POSTGRES, stopped and deleted at the end. Under CI=true the tests fail without it.
pg_data=""
pg_bin=""
start_postgres() {
  [ -n "${SWITCHYARD_TEST_POSTGRES:-}" ] && return 0
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$pg_bin" ]; then
    echo "test.sh: installing PostgreSQL for the request log tests..."
    apt_install postgresql
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  fi
  if [ -z "$pg_bin" ]; then echo "test.sh: PostgreSQL is not available; its tests will fail under CI=true."; return 1; fi
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  pg_data=$(mktemp -d /tmp/sy-pg.XXXXXX)
  local as=""
  if [ "$(id -u)" = 0 ]; then chown postgres "$pg_data"; as="su postgres -s /bin/sh -c"; else as="sh -c"; fi
  $as "'$pg_bin/initdb' -D '$pg_data/db' -U postgres -A trust -E UTF8 --no-sync >'$pg_data/initdb.log' 2>&1" \
    && $as "'$pg_bin/pg_ctl' -D '$pg_data/db' -l '$pg_data/server.log' -w -t 30 -o \"-p $port -k '$pg_data' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start >/dev/null" \
    || { echo "test.sh: PostgreSQL did not start (see $pg_data)"; return 1; }
  export SWITCHYARD_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "test.sh: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port for the request log tests"
}
stop_postgres() {
  [ -z "$pg_data" ] && return 0
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "'$pg_bin/pg_ctl' -D '$pg_data/db' -m immediate stop" >/dev/null 2>&1
  else "$pg_bin/pg_ctl" -D "$pg_data/db" -m immediate stop >/dev/null 2>&1; fi
  rm -rf "$pg_data"
}
trap 'rm -f "$log"; stop_postgres' EXIT
start_postgres

# The Native AOT executable that tests/Switchyard.Server.Tests/Cli/NativeBuildTests.cs runs, built here,
# before the test projects run side by side (the tests build it themselves when it is missing or stale).
# Linking it needs a C toolchain, installed when missing.
build_native() {
  if ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
    echo "test.sh: installing clang for the native build..."
    apt_install clang zlib1g-dev
  fi
  SWITCHYARD_BUILD=native ./switchyard --version >/dev/null \
    || echo "test.sh: the native build failed; NativeBuildTests will show why."
}
build_native

# nginx for tests/Switchyard.Server.Tests/Cli/PeerScriptTests.cs (bench/peers/nginx.sh measures it).
if ! command -v nginx >/dev/null; then
  echo "test.sh: installing nginx for the peer-script test..."
  apt_install nginx
  # Debian's package may start a system nginx (port 80) where services are allowed to start; the test runs its own.
  if [ -f /run/nginx.pid ]; then nginx -s quit 2>/dev/null || true; fi
fi

dotnet test Switchyard.slnx -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one "Passed!/Failed! - Failed: F, Passed: P, Skipped: S, Total: T" line per test project.
summary=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" \
  | awk -F'[:,]' '{f+=$2; p+=$4; s+=$6} END {printf "%d passed, %d failed, %d skipped", p, f, s}')
projects=$(grep -Ec 'Failed: +[0-9]+, Passed: +[0-9]+' "$log")
echo
echo "Test projects reported: $projects"
echo "$summary"
exit "$status"

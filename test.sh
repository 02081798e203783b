#!/usr/bin/env bash
# Runs every test of the solution (the README's test command; .ci/run calls it).
# Installs and starts what tests need on a fresh machine, then prints one summary line:
# "N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

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

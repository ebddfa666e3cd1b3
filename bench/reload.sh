#!/usr/bin/env bash
# Save-to-reload and cold start of `pcdocket serve`, measured from outside
# the process (see bench/reload/main.go): at 1,000 and 10,000 issues, SAVES
# saves per save style (in place, atomic rename), and COLD cold starts
# alternating with full builds.
#
#   bench/reload.sh [SAVES] [COLD]     (default 100 and 3)
#
# SIZES=1000,10000 (the default) sets the practice sizes in issues.
# Prints p50/p90/p99/max per size and style, the errors events seen before
# a reload, extra events after it (a second reload would mean the first
# showed a half-saved file), stale pages (the first reload not showing the
# edit), and the cold-start table.
set -euo pipefail
cd "$(dirname "$0")/.."

SAVES=${1:-100}
COLD=${2:-3}
OUT=bench/out/reload
mkdir -p "$OUT"
go build -o "$OUT/pcdocket" ./cmd/pcdocket
go build -o "$OUT/reload" ./bench/reload
. bench/scratchfs.sh
scratch_setup # the full builds write there, as in scale.sh
echo "$(nproc) cores; $(go version | cut -d' ' -f3)"
"$OUT/reload" -bin "$OUT/pcdocket" -sizes "${SIZES:-1000,10000}" -saves "$SAVES" -cold "$COLD" -work "$OUT" -buildout "$SCRATCH/out"

#!/usr/bin/env bash
# Build time and peak memory of `pcdocket build --no-documents` as the
# practice grows: 1,000 / 10,000 / 50,000 issues (20 issues per case, so 50 /
# 500 / 2,500 cases), each built RUNS times into a fresh output folder.
#
#   bench/scale.sh [RUNS [CASES...]]     (default 3 runs; 50 500 2500 cases)
#
# Prints, per size, the median wall time, CPU time (user + sys), peak RSS,
# the wall time per 1,000 issues, which stays flat when growth is linear,
# and how much peak RSS grew per 1,000 issues since the size before. pcdocket's own soft memory limit
# applies (512 MiB unless GOMEMLIMIT is set): run with GOMEMLIMIT=off to
# see the heap grow as Go's collector alone lets it.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-3}
shift || true
SIZES=${*:-50 500 2500}
ASOF=2026-11-27
OUT=bench/out/scale
mkdir -p "$OUT"
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package time)" >&2; exit 1; }
go build -o "$OUT/pcdocket" ./cmd/pcdocket
. bench/scratchfs.sh
scratch_setup

median() { sort -n | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "$(nproc) cores; $RUNS runs per size, medians"
printf '%8s %7s %8s %8s %8s %12s %14s %14s\n' issues cases files "wall s" "cpu s" "peak RSS MB" "wall ms/1k iss" "RSS MB/1k more"
for cases in $SIZES; do
	issues=$((cases * 20))
	src=$OUT/practice-$issues
	[ -f "$src/practice.yaml" ] || go run ./bench/gen -cases $cases -issues 20 -seed 1 -out "$src"
	"$OUT/pcdocket" check --source "$src" --as-of $ASOF >"$OUT/check.txt" 2>&1 || { cat "$OUT/check.txt"; exit 1; }
	rm -f "$OUT/runs.txt"
	for i in $(seq "$RUNS"); do
		rm -rf "$SCRATCH/out"
		/usr/bin/time -f '%e %U %S %M' -o "$OUT/time.tmp" \
			"$OUT/pcdocket" build --no-documents --as-of $ASOF --source "$src" --output "$SCRATCH/out" >/dev/null
		awk '{printf "%.2f %.2f %d\n", $1, $2 + $3, $4}' "$OUT/time.tmp" >>"$OUT/runs.txt"
	done
	files=$(find "$SCRATCH/out/private/" -type f | wc -l)
	wall=$(awk '{print $1}' "$OUT/runs.txt" | median)
	cpu=$(awk '{print $2}' "$OUT/runs.txt" | median)
	rss=$(awk '{print $3}' "$OUT/runs.txt" | median)
	printf '%8d %7d %8d %8s %8s %12d %14.0f %14.1f\n' $issues $cases "$files" "$wall" "$cpu" $((rss / 1024)) \
		"$(awk -v w="$wall" -v n=$issues 'BEGIN{print w * 1000 / (n / 1000)}')" \
		"$(awk -v r="$rss" -v n=$issues -v pr="${prev_rss:-0}" -v pn="${prev_issues:-0}" 'BEGIN{print (r - pr) / 1024 / ((n - pn) / 1000)}')"
	prev_rss=$rss prev_issues=$issues
done
rm -rf "$SCRATCH/out"

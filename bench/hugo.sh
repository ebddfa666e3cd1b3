#!/usr/bin/env bash
# Side-by-side build of the same synthetic practice with pcdocket (private
# site, no PDFs) and Hugo (a minimal single/list layout with the same pages).
#
#   bench/hugo.sh [CASES] [ISSUES_PER_CASE] [RUNS]     (default 500 20 5)
#
# Runs alternate (pcdocket first, then hugo first, ...) on a settled disk so
# that both tools share whatever else the machine is doing; each run writes into a fresh, empty
# output folder (the removal is not timed). Prints the median wall time, CPU
# time (user + sys) and peak RSS of each tool, and the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

CASES=${1:-500}
PER=${2:-20}
RUNS=${3:-5}
ASOF=2026-11-27
OUT=bench/out/hugo-$CASES-$PER
mkdir -p "$OUT"
. bench/scratchfs.sh
scratch_setup

if ! command -v hugo >/dev/null; then
	echo "hugo not found: installing Debian's hugo" >&2
	apt-get install -y hugo >/dev/null
fi
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package time)" >&2; exit 1; }

go build -o "$OUT/pcdocket" ./cmd/pcdocket
if [ ! -f "$OUT/practice/practice.yaml" ]; then
	go run ./bench/gen -cases "$CASES" -issues "$PER" -seed 1 -out "$OUT/practice"
fi
"$OUT/pcdocket" check --source "$OUT/practice" --as-of $ASOF >"$OUT/check.txt" 2>&1 || { cat "$OUT/check.txt"; exit 1; }
if [ ! -f "$OUT/hugo/hugo.toml" ]; then
	go run ./bench/tohugo -source "$OUT/practice" -out "$OUT/hugo"
fi

# run NAME CMD...: one timed run, appending "wall cpu rss_kb" to $OUT/NAME.txt
run() {
	local name=$1; shift
	/usr/bin/time -f '%e %U %S %M' -o "$OUT/time.tmp" "$@" >/dev/null
	awk '{printf "%.2f %.2f %d\n", $1, $2 + $3, $4}' "$OUT/time.tmp" >>"$OUT/$name.txt"
}
rm -f "$OUT/pcdocket.txt" "$OUT/hugo.txt"
# settle: removing ~40,000 files, or having just written 20,000, leaves the
# kernel flushing and discarding for seconds afterwards; whichever tool ran
# next would pay for it. Each run starts on a settled disk, and the order
# alternates so that neither tool always goes first.
settle() { sync; sleep 3; }
pc_run() { run pcdocket "$OUT/pcdocket" build --no-documents --as-of $ASOF --source "$OUT/practice" --output "$SCRATCH/pc-out"; }
hugo_run() { run hugo hugo --quiet --source "$OUT/hugo" -d "$(realpath "$SCRATCH")/hugo-out"; }
for i in $(seq "$RUNS"); do
	rm -rf "$SCRATCH/pc-out" "$SCRATCH/hugo-out"
	settle
	if [ $((i % 2)) = 1 ]; then
		pc_run; settle; hugo_run
	else
		hugo_run; settle; pc_run
	fi
done

median() { sort -n | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { awk -v c="$2" '{print $c}' "$OUT/$1.txt" | median; }

pc_pages=$(find "$SCRATCH/pc-out/private/" -type f | wc -l)
hugo_pages=$(find "$SCRATCH/hugo-out" -type f | wc -l)
pw=$(col pcdocket 1); hw=$(col hugo 1)
pc=$(col pcdocket 2); hc=$(col hugo 2)
pr=$(col pcdocket 3); hr=$(col hugo 3)
echo "practice: $CASES cases x $PER issues = $((CASES * PER)) issues; $RUNS runs each, medians; $(nproc) cores"
printf '%-10s %8s %10s %10s %12s\n' tool files "wall s" "cpu s" "peak RSS MB"
printf '%-10s %8d %10s %10s %12d\n' pcdocket "$pc_pages" "$pw" "$pc" $((pr / 1024))
printf '%-10s %8d %10s %10s %12d\n' hugo "$hugo_pages" "$hw" "$hc" $((hr / 1024))
awk -v a="$pw" -v b="$hw" -v c="$pc" -v d="$hc" 'BEGIN{printf "pcdocket/hugo: wall %.2f, cpu %.2f\n", a/b, c/d}'

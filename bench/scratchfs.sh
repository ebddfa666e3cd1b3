# Sourced by hugo.sh and scale.sh: picks the folder the timed builds write
# into, and sets SCRATCH to it.
#
# Why not simply bench/out: this VM's root file system is ext4 *without a
# journal*. There, ext4 checks every free inode it considers for a new file
# against the time it was deleted (fs/ext4/ialloc.c, recently_deleted), and
# skips the ones deleted in the last 5 minutes (the last 5 if their inode
# table block is clean, 305 if it is dirty, which it is while files are being
# created next to them). A benchmark that deletes 20,000 output files and
# builds them again makes every create scan past thousands of them: perf
# showed half of a build's system time in recently_deleted and
# find_get_block_common, and the same build's system time went from 1.5 s to
# 13 s within an hour. Journaled ext4 (mkfs.ext4's default, and every
# desktop distribution's) skips that check.
#
# So, when run as root where loop mounts work, the builds write into a fresh
# journaled ext4 image (4 GB, sparse) mounted under bench/out; both tools
# write to the same file system, so the comparison stays fair. Set
# BENCH_SCRATCH=DIR to write somewhere else (the root disk: BENCH_SCRATCH=bench/out).
#
# The image is unmounted on exit.
scratch_setup() {
	if [ -n "${BENCH_SCRATCH:-}" ]; then
		SCRATCH=$BENCH_SCRATCH
		mkdir -p "$SCRATCH"
		echo "output: $SCRATCH (BENCH_SCRATCH)" >&2
		return
	fi
	local img=bench/out/scratch.img mnt=bench/out/scratch
	mkdir -p "$mnt"
	mountpoint -q "$mnt" && umount "$mnt"
	rm -f "$img"
	if [ "$(id -u)" = 0 ] && truncate -s 4G "$img" && mkfs.ext4 -q -F "$img" 2>/dev/null &&
		mount -o loop "$img" "$mnt" 2>/dev/null; then
		SCRATCH=$mnt
		trap 'umount "'"$mnt"'" 2>/dev/null; rm -f "'"$img"'"' EXIT
		echo "output: $SCRATCH (a fresh journaled ext4 image; see bench/scratchfs.sh)" >&2
	else
		rm -f "$img"
		SCRATCH=bench/out
		echo "output: $SCRATCH (could not mount a scratch ext4 image: not root, or no loop devices)" >&2
	fi
}

#!/usr/bin/env bash
# A coordinator's first day, from an empty folder, with the built binary:
# init, new case, new issue, fill in the TODOs with sed, check, build,
# seal, verify. Prints each step and what it checks; exits non-zero on the
# first failure. Needs only Go, bash, sed and grep (a fresh Debian machine).
#
#   tests/first-day.sh          # from the repository root, or anywhere
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

step() { printf '\n== %s\n' "$*"; }
ok() { printf 'ok: %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
# expect CODE CMD...: run CMD, require exit status CODE, keep its output in $out.
expect() {
  local want=$1; shift
  set +e
  out=$("$@" 2>&1)
  local got=$?
  set -e
  printf '%s\n' "$out" | sed 's/^/    /'
  [ "$got" -eq "$want" ] || fail "$* exited $got, want $want"
}
has() { grep -qF -- "$1" <<<"$out" || fail "output lacks: $1"; }

step "build the command"
(cd "$repo" && go build -o "$tmp/bin/pcdocket" ./cmd/pcdocket)
pcd="$tmp/bin/pcdocket"
expect 0 "$pcd" --version
has "pcdocket "
ok "pcdocket --version: $out"

step "pcdocket init: a new practice in an empty folder"
mkdir "$tmp/work"
cd "$tmp/work"
expect 0 "$pcd" init --name "Harbor Family Solutions" --coordinator "Dana Q. Example" practice
for f in practice.yaml .gitignore content/public/index.md content/public/contact.md; do
  [ -f "practice/$f" ] || fail "init did not write $f"
done
[ -d practice/content/cases ] || fail "init did not make content/cases/"
grep -qx 'output/' practice/.gitignore || fail ".gitignore does not ignore output/"
grep -q '^name: "Harbor Family Solutions"$' practice/practice.yaml || fail "practice.yaml lacks the name"
ok "practice.yaml, .gitignore, the public pages and content/cases/ written"
expect 2 "$pcd" init practice
has "not empty"
ok "init refuses a folder that is not empty"

cd practice
case_id=2026-fam-0001-harbor-example
step "pcdocket new case $case_id"
expect 0 "$pcd" new case "$case_id"
case_md=content/cases/$case_id/case.md
[ -f "$case_md" ] || fail "no $case_md"
expect 1 "$pcd" new case "$case_id"
has "already exists"
ok "a second new case with the same id is refused"

step 'pcdocket new issue (from a subfolder: the practice is found upward)'
(cd content/cases && expect 0 "$pcd" new issue "$case_id" "Summer exchange time" && has "issues/01-summer-exchange-time.md")
issue_md=content/cases/$case_id/issues/01-summer-exchange-time.md
[ -f "$issue_md" ] || fail "no $issue_md"
today=$(sed -n 's/^raised_on: //p' "$issue_md")
[ -n "$today" ] || fail "the new issue has no raised_on"
ok "issue 1 written, raised on $today"

step "pcdocket check: a new case passes with its warnings"
expect 0 "$pcd" check
has "no safety screening on record"
has "0 errors"
ok "no errors; the safety screening warning is there"

step "fill in the required fields with sed"
sed -i \
  -e 's/^title: "TODO: Surname and Surname"/title: "Harbor and Example"/' \
  -e 's/^  title: "TODO: Parenting Plan"/  title: Stipulated Parenting Plan/' \
  -e 's/^court: "TODO:.*"/court: "Superior Court of Sample County, Family Division"/' \
  -e 's/^court_case_no: "TODO:.*"/court_case_no: "FC-2026-0001"/' \
  -e "s/^    name: \"TODO: Parent A's full name\"/    name: \"Alex Harbor\"/" \
  -e "s/^    name: \"TODO: Parent B's full name\"/    name: \"Sam Example\"/" \
  -e 's/^    # email: parent.a@example.com/    email: alex.harbor@example.com/' \
  -e 's/^    # email: parent.b@example.com/    email: sam.example@example.com/' \
  -e 's/^# safety:/safety:/' \
  -e 's/^#   screened_on:/  screened_on:/' \
  -e 's/^#   result: .*/  result: No indicators reported by either parent./' \
  -e 's/^    - ref: "1"  .*/    - ref: "4.1"/' \
  -e 's/^      title: "TODO: the clause.s heading"/      title: Summer exchanges/' \
  -e 's/^        TODO: the clause.s wording.*/        Summer exchanges take place at 5:00 p.m. at the public library./' \
  "$case_md"
cat > "$tmp/outcome.yaml" <<YAML
outcome:
  kind: agreement
  on: $today
  summary: Summer exchanges move to 6:00 p.m. at the library.
  directives:
    - From June 1, summer exchanges take place at 6:00 p.m. at the public library.
YAML
sed -i \
  -e 's/^category: other .*/category: exchanges/' \
  -e 's/^clauses: \[.*/clauses: ["4.1"]/' \
  -e 's/^  TODO: the question.*/  At what time do summer exchanges take place?/' \
  -e "/^# outcome:/,/^#   # amends: 1/{/^# outcome:/r $tmp/outcome.yaml" -e 'd}' \
  "$issue_md"
sed -i 's/^TODO: .*/Recorded on the first day./' "$issue_md"
# What is left of a TODO outside the comments is a field not filled in.
values() { sed -n '2,/^---$/p' "$1" | sed -e 's/^ *#.*//' -e 's/  *# .*//'; }
for f in "$case_md" "$issue_md"; do
  if values "$f" | grep -n TODO; then fail "$f still has a TODO value"; fi
done
if grep -n '^TODO' "$issue_md"; then fail "$issue_md still has a TODO section"; fi
ok "case.md and the issue filled in: no TODO left in a value"

step "pcdocket check: no problems"
expect 0 "$pcd" check
has "no problems found"
ok "the filled-in practice checks clean"

step "pcdocket build"
expect 0 "$pcd" build
pdf=output/private/documents/$case_id-agreement-1.pdf
[ -s "$pdf" ] || fail "no $pdf"
[ -f output/public/index.html ] || fail "no public site"
grep -q "Harbor Family Solutions" output/public/index.html || fail "the public site lacks the practice's name"
grep -q "Parenting coordination" output/public/index.html || fail "the public site lacks the starter text"
ok "private site, the agreement's PDF and the public site built"

step "pcdocket seal $case_id 1"
expect 0 "$pcd" seal "$case_id" 1
has "sealed Memorandum of Agreement No. 1"
expect 0 "$pcd" build
ok "sealed, and built again"

step "pcdocket verify"
expect 0 "$pcd" verify "$pdf"
has "verified: Memorandum of Agreement No. 1 of case $case_id"
ok "the published PDF verifies"
cp "$pdf" "$tmp/changed.pdf"
printf '%% a line added\n' >>"$tmp/changed.pdf"
expect 1 "$pcd" verify "$tmp/changed.pdf"
has "CHANGED"
ok "a changed copy is named as changed"
(cd "$tmp" && expect 2 "$pcd" verify "$tmp/work/practice/$pdf" && has "no practice.yaml found in")
ok "outside the practice, verify says it found no practice.yaml (not 'not sealed')"

printf '\nfirst day: every step passed\n'

#!/usr/bin/env bash
# pdf.sh XIANGLI — the PDFs read back (issue 13): pdftotext (poppler-utils) finds the Chinese
# text of the tenant guide, the convention and the handbook; pdftoppm + zbarimg decode the
# QR code on the tenant guide and on door posters and compare it with `xiangli qr payload N`;
# `qr --all --format pdf` has one page per building; the office's own copy of a document
# wins over the shipped one and its installation is audited; files are 0600.
# Prints "ok ..." / "FAIL ..." per check and ends with "N passed, N failed".
set -u
XL=$1
for tool in pdftotext pdftoppm pdfinfo zbarimg sqlite3; do
    command -v $tool >/dev/null || { echo "FAIL $tool not found"; exit 1; }
done
W=$(mktemp -d "${TMPDIR:-/tmp}/xiangli-pdf.XXXXXX")
trap 'rm -rf "$W"' EXIT
export HOME=$W XIANGLI_TODAY=${XIANGLI_TODAY:-2026-11-25} LANG=C.UTF-8
DB=$W/x.db
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
xl() { "$XL" --db "$DB" "$@"; }
has() { # NAME FILE TEXT
    if pdftotext -layout "$2" - 2>/dev/null | grep -qF -- "$3"; then ok "$1"; else bad "$1: '$3' not in $(basename "$2")"; fi
}
decode() { # NAME PDF PAGE BUILDING
    pdftoppm -r 150 -png -f "$3" -l "$3" -singlefile "$2" "$W/page" 2>/dev/null
    local got want
    got=$(zbarimg --raw -q "$W/page.png" 2>/dev/null)
    want=$(xl qr payload "$4")
    if [ -n "$want" ] && [ "$got" = "$want" ]; then ok "$1"; else bad "$1: read '$got', expected '$want'"; fi
}

xl init --demo --seed 1 >/dev/null || { echo "FAIL init"; exit 1; }
RESP=$(sqlite3 "$DB" "SELECT p.name FROM building b JOIN person p ON p.id = b.responsible_id WHERE b.number = 127")

xl print tenant-guide --building 127 -o "$W/guide.pdf" >/dev/null || bad "print tenant-guide"
has "tenant guide: title" "$W/guide.pdf" "租客入住须知"
has "tenant guide: building" "$W/guide.pdf" "127号楼"
has "tenant guide: first responsible person" "$W/guide.pdf" "第一责任人：$RESP"
has "tenant guide: e-bike charging" "$W/guide.pdf" "电动车不进楼"
has "tenant guide: version" "$W/guide.pdf" "第 1.0 版"
decode "tenant guide: QR code decodes" "$W/guide.pdf" 1 127
[ "$(stat -c %a "$W/guide.pdf")" = 600 ] && ok "tenant guide: 0600" || bad "tenant guide mode $(stat -c %a "$W/guide.pdf")"

xl print convention -o "$W/convention.pdf" >/dev/null || bad "print convention"
has "convention: title" "$W/convention.pdf" "杜巷小区居民公约"
has "convention: quiet hours" "$W/convention.pdf" "22:00"
xl print handbook -o "$W/handbook.pdf" >/dev/null || bad "print handbook"
has "handbook: title" "$W/handbook.pdf" "业主手册"
has "handbook: rental rules" "$W/handbook.pdf" "出租规范"

xl qr --all --format pdf -o "$W/posters.pdf" >/dev/null || bad "qr --all --format pdf"
pages=$(pdfinfo "$W/posters.pdf" | awk '/^Pages:/ {print $2}')
[ "$pages" = 326 ] && ok "posters: a page per building" || bad "posters: $pages pages"
has "posters: real type" "$W/posters.pdf" "扫码签进 / 扫码签出"
has "posters: building 326" "$W/posters.pdf" "326号楼"
decode "posters: first page decodes" "$W/posters.pdf" 1 1
decode "posters: page 215 decodes" "$W/posters.pdf" 215 215
xl qr poster 9 --format pdf -o "$W/one.pdf" >/dev/null || bad "qr poster 9 --format pdf"
decode "one poster decodes" "$W/one.pdf" 1 9
xl qr --all --lane 2 --format pdf -o "$W/lane.pdf" >/dev/null || bad "qr --all --lane --format pdf"
lane_pages=$(pdfinfo "$W/lane.pdf" | awk '/^Pages:/ {print $2}')
lane_count=$(sqlite3 "$DB" "SELECT count(*) FROM building WHERE lane_id = 2")
[ "$lane_pages" = "$lane_count" ] && ok "posters of one lane" || bad "lane: $lane_pages pages, $lane_count buildings"

# the office's own copy wins, and installing it is audited
sed -e 's/^version: 1.0/version: 1.1/' -e 's/请保持安静。/请保持安静，不在巷弄里大声喧哗。/' \
    "$(dirname "$0")/../../data/docs/tenant-guide.md" >"$W/mine.md"
xl docs install tenant-guide "$W/mine.md" >/dev/null || bad "docs install"
[ -f "$W/docs/tenant-guide.md" ] && ok "office copy next to the database" || bad "no $W/docs/tenant-guide.md"
xl print tenant-guide --building 127 -o "$W/guide2.pdf" >/dev/null
has "office copy printed" "$W/guide2.pdf" "不在巷弄里大声喧哗"
has "office copy's version" "$W/guide2.pdf" "第 1.1 版"
n=$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action = 'docs.install' AND detail LIKE '%1.1%'")
[ "$n" = 1 ] && ok "install audited" || bad "docs.install audit rows: $n"
sed -i 's/^version: 1.1/version: 1.2/' "$W/docs/tenant-guide.md"
xl docs list >/dev/null
n=$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action = 'docs.version' AND detail LIKE '%1.2%'")
[ "$n" = 1 ] && ok "a hand edit's new version is audited" || bad "docs.version audit rows: $n"
xl docs reset tenant-guide >/dev/null || bad "docs reset"
xl docs list | grep -q "tenant-guide.*第 1.0 版" && ok "reset: the shipped version again" || bad "reset"
sed 's/^version: .*//' "$W/mine.md" >"$W/nover.md"
if xl docs install tenant-guide "$W/nover.md" 2>"$W/err"; then bad "a copy without version accepted"
else grep -q "version" "$W/err" && ok "a copy without version refused" || bad "message: $(cat "$W/err")"; fi
if xl print tenant-guide --building 9999 -o "$W/x.pdf" 2>/dev/null || [ -e "$W/x.pdf" ]; then
    bad "unknown building printed"; else ok "unknown building refused, no file"; fi

echo "$passed passed, $failed failed"
[ $failed = 0 ]

#!/usr/bin/env bash
# decode.sh XIANGLI TXT2PNG — every output format of `xiangli qr` read back by zbarimg and
# compared with `xiangli qr payload N`: utf8 / utf8i / ansi text in the half-block, full-width
# and ascii styles (turned into images by txt2png), SVG (rasterised by rsvg-convert) and PNG,
# for several buildings at error-correction levels L, M, Q and H; a long url_template near
# the config's limit; posters; a rejected template; token rotation with its audit row.
# Prints "ok ..." / "FAIL ..." per check and ends with "N passed, N failed".
set -u

if [ $# -ne 2 ] || [ ! -x "$1" ] || [ ! -x "$2" ]; then
    echo "usage: $0 PATH/TO/xiangli PATH/TO/txt2png" >&2
    exit 2
fi
XL=$1
T2P=$2
for tool in zbarimg:zbar-tools rsvg-convert:librsvg2-bin sqlite3:sqlite3 script:bsdutils; do
    command -v "${tool%%:*}" >/dev/null ||
        { echo "FAIL ${tool%%:*} not found: apt-get install ${tool#*:}"; echo "0 passed, 1 failed"; exit 1; }
done

W=$(mktemp -d "${TMPDIR:-/tmp}/xiangli-qr-decode.XXXXXX")
trap 'rm -rf "$W"' EXIT
export HOME=$W XIANGLI_TODAY=${XIANGLI_TODAY:-2026-11-25} LANG=C.UTF-8
DB=$W/x.db
CFG=$W/x.ini
passed=0
failed=0

ok() { passed=$((passed + 1)); [ -n "${VERBOSE:-}" ] && echo "ok $*"; return 0; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }

write_config() { # TEMPLATE [EC]
    printf '[community]\nname = 杜巷小区\n[ui]\nlanguage = zh\n[signin]\nurl_template = %s\nec_level = %s\n' \
        "$1" "${2:-M}" >"$CFG"
}
xl() { "$XL" --config "$CFG" --db "$DB" "$@"; }

# decode NAME PNG EXPECTED
decode() {
    local got
    got=$(zbarimg --raw -q "$2" 2>"$W/zbar.err")
    if [ "$got" = "$3" ]; then ok "$1"; else bad "$1: zbarimg read '$got', expected '$3' ($(head -c 200 "$W/zbar.err"))"; fi
}

# check_text NAME EXPECTED TXT2PNG-OPTIONS... (text in $W/t.txt)
check_text() {
    local name=$1 want=$2
    shift 2
    if "$T2P" "$@" "$W/t.txt" "$W/t.png" 2>"$W/t2p.err"; then
        decode "$name" "$W/t.png" "$want"
    else
        bad "$name: txt2png: $(cat "$W/t2p.err")"
    fi
}

# all_formats BUILDING EC EXPECTED
all_formats() {
    local b=$1 ec=$2 want=$3 style
    for style in halfblock fullwidth ascii; do
        xl qr building "$b" --ec "$ec" --style "$style" --format utf8 >"$W/t.txt" &&
            check_text "b$b $ec $style utf8" "$want"
        xl qr building "$b" --ec "$ec" --style "$style" --format utf8i >"$W/t.txt" &&
            check_text "b$b $ec $style utf8i" "$want" --light
        xl qr building "$b" --ec "$ec" --style "$style" --format ansi >"$W/t.txt" &&
            check_text "b$b $ec $style ansi (dark terminal)" "$want" &&
            check_text "b$b $ec $style ansi (light terminal)" "$want" --light
    done
    if xl qr building "$b" --ec "$ec" --format svg -o "$W/c.svg" &&
        rsvg-convert --background-color=white -o "$W/svg.png" "$W/c.svg"; then
        decode "b$b $ec svg" "$W/svg.png" "$want"
    else
        bad "b$b $ec svg: not written"
    fi
    if xl qr building "$b" --ec "$ec" --format png --scale 6 -o "$W/c.png"; then
        decode "b$b $ec png" "$W/c.png" "$want"
    else
        bad "b$b $ec png: not written"
    fi
}

# ---- a demo community
write_config 'https://signin.example.org/s/{building}?t={token}'
if ! xl init --demo >"$W/init.log" 2>&1; then
    echo "FAIL init --demo: $(cat "$W/init.log")"
    echo "0 passed, 1 failed"
    exit 1
fi

# ---- every format, several buildings, every level
for b in 1 127 326; do
    want=$(xl qr payload "$b")
    case $want in https://signin.example.org/s/$b\?t=???????????) ok "payload $b" ;; *) bad "payload $b: '$want'" ;; esac
    for ec in L M Q H; do
        all_formats "$b" "$ec" "$want"
    done
done

# ---- a long template near the config's 511-character limit, at every level
pad=$(printf 'abcdefghijklmnopqrstuvwxyz%.0s' $(seq 1 20))
long="https://signin.example.org/s/{building}?t={token}&p=${pad:0:455}" # 507 of the 511 allowed
for ec in L M Q H; do
    write_config "$long" "$ec"
    want=$(xl qr payload 200)
    [ ${#want} -ge 500 ] && ok "long payload ${#want} bytes" || bad "long payload only ${#want} bytes"
    xl qr building 200 --format png --scale 4 -o "$W/long.png" && decode "long template $ec png" "$W/long.png" "$want"
    xl qr building 200 --format utf8 >"$W/t.txt" && check_text "long template $ec halfblock" "$want"
done
write_config 'https://signin.example.org/s/{building}?t={token}'

# ---- rejected input: clear messages, exit codes
write_config 'https://signin.example.org/s/{room}?t={token}'
msg=$(xl qr building 1 2>&1 >/dev/null); rc=$?
[ $rc -eq 1 ] && [[ $msg == *"“{room}”（第 30 个字符起）不认识"* ]] && ok "bad template refused" ||
    bad "bad template: rc=$rc msg='$msg'"
write_config 'https://signin.example.org/s/{building}?t={token}'
msg=$(xl qr building 9999 2>&1 >/dev/null); rc=$?
[ $rc -eq 1 ] && [[ $msg == *"没有9999号楼"* ]] && ok "unknown building" || bad "unknown building: rc=$rc '$msg'"
xl qr building 1 --format jpeg >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && ok "bad format is a usage error" || bad "bad format: rc=$rc"
script -qec "$XL --config $CFG --db $DB qr building 1 --format png" /dev/null >"$W/tty.out" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "PNG 是图片\|PNG is binary" "$W/tty.out" && ok "png to a terminal refused" ||
    bad "png to a terminal: rc=$rc $(head -c 200 "$W/tty.out")"

# ---- rotation: the old code stops matching, the new one decodes, an audit row exists
old=$(xl qr payload 127)
xl qr verify 127 "$old" >/dev/null && ok "verify current" || bad "verify current payload failed"
xl qr rotate 127 >/dev/null && ok "rotate" || bad "rotate failed"
new=$(xl qr payload 127)
[ "$old" != "$new" ] && ok "new payload" || bad "payload unchanged after rotate"
xl qr verify 127 "$old" >/dev/null 2>&1 && bad "old payload still matches after rotate" || ok "old payload refused"
xl qr building 127 --format png -o "$W/rot.png" && decode "rotated png" "$W/rot.png" "$new"
n=$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action = 'qr.rotate' AND entity = 'building' AND entity_id = '127'")
[ "$n" = 1 ] && ok "audit row" || bad "audit rows for qr.rotate 127: '$n'"

# ---- posters: one lane, and all (SVG and PNG), each decoded for a few buildings
lane=$(sqlite3 "$DB" "SELECT l.name FROM building b JOIN lane l ON l.id = b.lane_id WHERE b.number = 127")
inlane=$(sqlite3 "$DB" "SELECT count(*) FROM building b JOIN lane l ON l.id = b.lane_id WHERE l.name = '$lane'")
xl qr --all --lane "$lane" --format svg -o "$W/lane" >/dev/null &&
    [ "$(ls "$W/lane" | wc -l)" = "$inlane" ] && ok "lane posters ($inlane)" || bad "lane posters: $(ls "$W/lane" | wc -l) files, want $inlane"
start=$(date +%s%N)
xl qr --all -o "$W/all" >/dev/null || bad "posters --all failed"
ms=$((($(date +%s%N) - start) / 1000000))
count=$(ls "$W/all" | wc -l)
[ "$count" = 652 ] && ok "326 posters svg+png in $ms ms" || bad "posters: $count files"
echo "posters: 326 buildings, svg+png, ${ms} ms"
for b in 1 127 326; do
    f=$(printf '%s/all/poster-%03d' "$W" "$b")
    want=$(xl qr payload "$b")
    decode "poster $b png" "$f.png" "$want"
    rsvg-convert --background-color=white -w 1240 -o "$W/poster.png" "$f.svg" &&
        decode "poster $b svg" "$W/poster.png" "$want"
done

echo "decode: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

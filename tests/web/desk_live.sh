#!/usr/bin/env bash
# desk_live.sh XIANGLI OUTDIR — the loop closed end to end, with two desks' worth of processes
# on one database: the desk (in tmux) open on the register, filtered to building 127; the
# phone server; a real browser (browser.py: headless chromium at a phone's size) filling the
# form from the poster's URL; then `xiangli pending --json`, `xiangli pending confirm ID` and
# `xiangli lookup`. The desk's 待确认 badge appears and goes, and the new person appears in
# its register, without a key being pressed. Screenshots of the form and the receipt go to
# OUTDIR (the build directory: test artefacts). Prints ok/FAIL lines, then the totals.
set -u
if [ $# -ne 2 ] || [ ! -x "$1" ]; then
    echo "usage: $0 PATH/TO/xiangli OUTDIR" >&2
    exit 2
fi
WEB=$(cd "$(dirname "$0")" && pwd)
OUT=$(cd "$2" && pwd)
. "$WEB/../tui/lib.sh"
tui_args "$1"
for tool in curl zbarimg python3 /usr/bin/chromium /usr/bin/chromedriver; do
    command -v $tool >/dev/null || { echo "FAIL $tool not installed"; echo "0 passed, 1 failed"; exit 1; }
done
# Debian's python3-selenium belongs to Debian's python3 (another python3 may come first in PATH).
PY=/usr/bin/python3
[ -x $PY ] || PY=python3
$PY -c 'import selenium' 2>/dev/null || { echo "FAIL python3-selenium not installed"; exit 1; }
tui_init xl-live xl-live
TIMEOUT=${TUI_TIMEOUT:-20}
tui_pin_env
DB=$TMP/demo.db
CFG=$TMP/x.ini
LOG=$TMP/serve.log
SERVER=
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
    echo "$passed passed, $failed failed"
    [ $failed = 0 ]
    exit
}
export HOME=$TMP XIANGLI_TODAY=2026-11-25 TZ=Asia/Shanghai LANG=C.UTF-8
tui_setup "$DB"
printf '[community]\nname = 杜巷小区\n[ui]\nlanguage = zh\nmouse = no\n[serve]\nurl_template = http://127.0.0.1:1/s/{building}?t={token}\n' >"$CFG"
xl() { "$BIN" --config "$CFG" --db "$DB" "$@"; }

# ---- the server on a free port ----
"$BIN" --config "$CFG" --db "$DB" serve --listen 127.0.0.1:0 2>"$LOG" &
SERVER=$!
PORT=
for _ in $(seq 100); do
    PORT=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$LOG")
    [ -n "$PORT" ] && break
    sleep 0.1
done
[ -n "$PORT" ] || { bad "server did not start: $(cat "$LOG")"; finish; }
sed -i "s|127.0.0.1:1/|127.0.0.1:$PORT/|" "$CFG"
mkdir -p "$TMP/posters"
xl qr poster 127 --format png -o "$TMP/posters" >/dev/null 2>&1
URL=$(zbarimg -q --raw "$(ls "$TMP"/posters/*.png | head -n 1)" 2>/dev/null | head -n 1)
[ "${URL%%\?t=*}" = "http://127.0.0.1:$PORT/s/127" ] && ok "poster holds $URL" || bad "poster URL '$URL'"

# ---- the desk on the register, building 127 ----
start 100 30 "$CFG" "$DB" "$TMP"
step wait:楼栋地图 && step keys:2 && step wait:登记 && step keys:b && step text:127 &&
    step keys:Enter && step 'wait:楼栋 127号楼' || bad "desk did not open the register of 127"
before=$(capture)
[[ $before != *待确认* ]] && ok "no badge while nothing waits" || bad "badge before any submission"

# ---- the browser ----
NAME=扫码测试人
ID=$(python3 -c "
b='31011719960606123'; w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
print(b+'10X98765432'[sum(int(c)*x for c,x in zip(b,w))%11])")
if RECEIPT=$($PY "$WEB/browser.py" "$URL" "$OUT" "$NAME" "$ID" 17099998888 2>"$TMP/browser.err"); then
    ok "browser: form filled and sent at 390x844, receipt $RECEIPT"
else
    bad "browser: $(tail -n 5 "$TMP/browser.err")"
fi
[ -s "$OUT/form.png" ] && [ -s "$OUT/receipt.png" ] && ok "screenshots: $OUT/form.png $OUT/receipt.png" ||
    bad "screenshots missing"

# ---- the desk notices by itself: no key is sent from here on ----
poll 1 '待确认 1' && ok "desk: 待确认 1 badge appeared without a key" || bad "desk: no badge"
xl pending --json >"$TMP/p.json"
PID=$(python3 -c "
import json; rows=json.load(open('$TMP/p.json'))
r=[r for r in rows if r['name']=='$NAME'][0]
assert r['action']=='in' and r['building']==127 and r['phone_masked']=='170****8888', r
print(r['id'])") && ok "pending --json lists it (id $PID)" || bad "pending --json: $(cat "$TMP/p.json")"
xl pending confirm "$PID" >/dev/null && ok "pending confirm $PID" || bad "pending confirm failed"
poll 1 "$NAME" && ok "desk: the register shows $NAME without a key" || bad "desk: register not updated"
poll 0 '待确认 1' && ok "desk: the badge went" || bad "desk: badge still there"
capture >"$OUT/desk-after-confirm.txt"
xl lookup "$NAME" >"$TMP/lookup.txt"
grep -q "$NAME" "$TMP/lookup.txt" && grep -q '^127 ' "$TMP/lookup.txt" && ok "lookup finds $NAME in 127" ||
    bad "lookup: $(cat "$TMP/lookup.txt")"
[ "$(sqlite3 "$DB" "SELECT channel_in FROM residency r JOIN person p ON p.id = r.person_id WHERE p.name = '$NAME'")" = qr ] &&
    ok "residency channel is 扫码 (qr)" || bad "channel is not qr"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action = 'pending.confirm' AND operator <> ''")" = 1 ] &&
    ok "confirmation audited with the operator" || bad "no audit row"
finish

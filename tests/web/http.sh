#!/usr/bin/env bash
# http.sh XIANGLI — the phone sign-in server over real HTTP: `xiangli serve` started on a free
# local port; a generated door poster decoded with zbarimg and its URL asked for; a sign-in and
# a sign-out reaching the pending queue; every refusal (wrong, rotated token, unknown building,
# wrong method and path, forged form, bad fields); the rate limit (429); oversized bodies
# (413); 200 malformed requests with the server still answering; no personal data in its log;
# a clean stop on SIGTERM. Prints "ok ..." / "FAIL ..." and ends with "N passed, N failed".
set -u
if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 PATH/TO/xiangli" >&2
    exit 2
fi
XL=$1
HERE=$(cd "$(dirname "$0")" && pwd)
for tool in curl zbarimg sqlite3 python3; do
    command -v $tool >/dev/null || { echo "FAIL $tool not installed"; echo "0 passed, 1 failed"; exit 1; }
done
W=$(mktemp -d "${TMPDIR:-/tmp}/xiangli-web.XXXXXX")
SERVER=
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null
    rm -rf "$W"
}
trap cleanup EXIT
export HOME=$W XIANGLI_TODAY=2026-11-25 TZ=Asia/Shanghai LANG=C.UTF-8
DB=$W/x.db
CFG=$W/x.ini
LOG=$W/serve.log
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { # NAME CONDITION...
    local name=$1
    shift
    if "$@"; then ok "$name"; else bad "$name"; fi
}
xl() { "$XL" --config "$CFG" --db "$DB" "$@"; }

write_config() { # URL_TEMPLATE
    printf '[community]\nname = 杜巷小区\n[serve]\nurl_template = %s\nrate_limit = 6\nrate_window = 600\npending_days = 14\ncontact = 杜巷小区居委会 021-0000-0000\n' \
        "$1" >"$CFG"
}
write_config 'http://127.0.0.1:1/s/{building}?t={token}'
xl init --demo >/dev/null 2>&1 || { bad "init --demo"; echo "$passed passed, $failed failed"; exit 1; }

# ---- start on a free port chosen by the kernel; wait for it by polling its log ----
"$XL" --config "$CFG" --db "$DB" serve --listen 127.0.0.1:0 2>"$LOG" &
SERVER=$!
PORT=
for _ in $(seq 100); do
    PORT=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$LOG")
    [ -n "$PORT" ] && break
    kill -0 "$SERVER" 2>/dev/null || break
    sleep 0.1
done
[ -n "$PORT" ] || { bad "server did not start: $(cat "$LOG")"; echo "$passed passed, $failed failed"; exit 1; }
BASE=http://127.0.0.1:$PORT
ok "serve listening on port $PORT"

code() { curl -s -o "$W/body" -w '%{http_code}' "$@"; }
body_has() { grep -q -- "$1" "$W/body"; }

# ---- the poster's URL ----
write_config "$BASE/s/{building}?t={token}"
mkdir -p "$W/posters"
xl qr poster 127 --format png -o "$W/posters" >/dev/null 2>&1 || bad "qr poster 127"
POSTER=$(ls "$W"/posters/*.png 2>/dev/null | head -n 1)
URL=$(zbarimg -q --raw "$POSTER" 2>/dev/null | head -n 1)
check "poster decodes to this server's /s/127?t=TOKEN" [ "${URL%%\?t=*}" = "$BASE/s/127" ]
TOK=${URL##*t=}
check "form page for the poster's URL: 200" [ "$(code "$URL")" = 200 ]
for f in 'name="t"' 'name="action"' 'value="in"' 'value="out"' 'name="name"' 'name="id_number"' \
         'name="phone"' 'name="room"' 'name="date"' 'name="consent"' 'name="ts"' 'name="sig"' \
         '隐私说明' '021-0000-0000' 'lang="zh-CN"' 'width=device-width'; do
    body_has "$f" || bad "form page lacks $f"
done
ok "form page has every field, the privacy notice and the contact"
check "form page: no script, no outside resource" \
    bash -c "! grep -Eqi '<script|src=|<link|@import|url\\(' '$W/body'"
cp "$W/body" "$W/form.html"
code -H 'Accept-Language: en-GB,en;q=0.9,zh;q=0.5' "$URL" >/dev/null
check "English by Accept-Language" body_has 'Privacy notice'
code -H 'Accept-Language: zh-CN,zh;q=0.9,en;q=0.8' "$URL" >/dev/null
check "Chinese when preferred" body_has '隐私说明'

field() { sed -n "s/.*name=\"$1\" value=\"\\([^\"]*\\)\".*/\\1/p" "$W/form.html" | head -n 1; }
TS=$(field ts)
SIG=$(field sig)
ROOM=$(sed -n 's/.*<option value="\([0-9A-Za-z]\{1,8\}\)".*/\1/p' "$W/form.html" | head -n 1)
ROOM=$(grep -o '<option value="[0-9A-Za-z]*"' "$W/form.html" | sed -n '2s/.*="\(.*\)"/\1/p')
idnum() { python3 -c "
b='$1'; w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
print(b+'10X98765432'[sum(int(c)*x for c,x in zip(b,w))%11])"; }
NEWID=$(idnum 31011719950505213)
post() { # BUILDING ARGS... (form fields as name=value)
    local b=$1
    shift
    local args=()
    for kv in "$@"; do args+=(--data-urlencode "$kv"); done
    code "${args[@]}" "$BASE/s/$b"
}
signed() { echo "t=$TOK" "ts=$TS" "sig=$SIG"; }

# ---- a valid sign-in and a valid sign-out reach the pending queue ----
c=$(post 127 $(signed) action=in name=扫码新人 "id_number=$NEWID" phone=17055556666 "room=$ROOM" \
    date=2026-11-20 consent=yes)
check "valid sign-in: 200 with a receipt" [ "$c" = 200 ]
RECEIPT=$(sed -n 's/.*id="receipt">\([A-Z0-9]\{6\}\)<.*/\1/p' "$W/body")
check "receipt code of 6 characters" [ ${#RECEIPT} = 6 ]
OUTROW=$(sqlite3 "$DB" "SELECT p.id_number || '|' || r.room FROM residency r JOIN person p ON p.id = r.person_id
  WHERE r.building = 127 AND r.moved_out IS NULL AND r.role = 'tenant' AND p.id_number IS NOT NULL
  AND p.phone IS NOT NULL ORDER BY r.id LIMIT 1")
c=$(post 127 $(signed) action=out name=某租客 "id_number=${OUTROW%%|*}" phone=17011112222 \
    "room=${OUTROW##*|}" date=2026-11-24 consent=yes)
check "valid sign-out: 200 with a receipt" [ "$c" = 200 ]
xl pending --json >"$W/pending.json"
check "pending --json lists the sign-in and the sign-out" python3 -c "
import json,sys
rows=json.load(open('$W/pending.json'))
keys={'id','building','room','name','action','id_masked','phone_masked','submitted_at'}
assert all(set(r)==keys for r in rows), rows
assert sorted(r['action'] for r in rows)==['in','out'], rows
i=[r for r in rows if r['action']=='in'][0]
assert i['name']=='扫码新人' and i['building']==127 and i['room']=='$ROOM' and '*' in i['id_masked'], i
"
check "nothing entered the register before confirmation" \
    [ "$(sqlite3 "$DB" "SELECT count(*) FROM person WHERE name = '扫码新人'")" = 0 ]

# ---- refusals ----
c=$(post 127 $(signed) action=in name='<b>坏</b>' id_number=123 phone=1 room=ZZZ date=2099-01-01)
check "bad fields: 422" [ "$c" = 422 ]
check "bad fields: messages beside the fields" bash -c "grep -q 'id=\"id_number-err\"' '$W/body' &&
    grep -q 'id=\"phone-err\"' '$W/body' && grep -q 'id=\"room-err\"' '$W/body' &&
    grep -q 'id=\"consent-err\"' '$W/body' && grep -q 'id=\"date-err\"' '$W/body'"
check "bad fields: typed name kept and escaped, no raw markup" \
    bash -c "grep -q '&lt;b&gt;坏&lt;/b&gt;' '$W/body' && ! grep -q '<b>坏' '$W/body'"
check "bad fields: the ID number is not sent back" bash -c "! grep -q 'value=\"123\"' '$W/body'"
code "$BASE/s/127?t=AAAAAAAAAAA" >/dev/null
cp "$W/body" "$W/wrong.html"
check "wrong token: 404" [ "$(code "$BASE/s/127?t=AAAAAAAAAAA")" = 404 ]
check "unknown building: 404" [ "$(code "$BASE/s/9999?t=$TOK")" = 404 ]
check "unknown building and wrong token read the same" cmp -s "$W/body" "$W/wrong.html"
check "refusal names no building" bash -c "! grep -q '127\|9999' '$W/wrong.html'"
check "no token: 404" [ "$(code "$BASE/s/127")" = 404 ]
for p in / /s /s/ /s/127/ /s/0127 /s/abc /admin /s/127/x /favicon.ico; do
    [ "$(code "$BASE$p?t=$TOK")" = 404 ] || bad "path $p is not refused with 404"
done
ok "other paths: 404"
for m in PUT DELETE PATCH OPTIONS; do
    [ "$(code -X $m "$URL")" = 405 ] || bad "method $m is not refused with 405"
done
ok "other methods: 405"
c=$(post 127 "t=$TOK" "ts=$TS" sig=00000000000000000000000000000000 action=in name=甲 \
    "id_number=$NEWID" phone=17055556666 "room=$ROOM" consent=yes)
check "forged anti-forgery field: 403" [ "$c" = 403 ]
c=$(post 127 t=AAAAAAAAAAA "ts=$TS" "sig=$SIG" action=in name=甲 consent=yes)
check "POST with a wrong token: 404" [ "$c" = 404 ]
xl qr rotate 127 >/dev/null 2>&1
check "rotated token: the old poster's URL is refused (404)" [ "$(code "$URL")" = 404 ]
NEWURL=$(xl qr payload 127 2>/dev/null)
check "the new token opens the form" [ "$(code "$NEWURL")" = 200 ]

# ---- rate limit per client address and building ----
TOK126=$(xl qr payload 126 2>/dev/null)
code "$TOK126" >/dev/null
T126=${TOK126##*t=}
TS126=$(sed -n 's/.*name="ts" value="\([0-9]*\)".*/\1/p' "$W/body" | head -n 1)
SIG126=$(sed -n 's/.*name="sig" value="\([0-9a-f]*\)".*/\1/p' "$W/body" | head -n 1)
codes=
for i in 1 2 3 4 5 6 7; do
    codes="$codes $(post 126 "t=$T126" "ts=$TS126" "sig=$SIG126" action=in name=限流$i)"
done
check "rate limit: 6 answered, the 7th refused with 429 ($codes)" [ "$codes" = " 422 422 422 422 422 422 429" ]
check "429 page says to try later" body_has '稍后\|过一会'
TOK125=$(xl qr payload 125 2>/dev/null)
code "$TOK125" >/dev/null
T125=${TOK125##*t=}
TS125=$(sed -n 's/.*name="ts" value="\([0-9]*\)".*/\1/p' "$W/body" | head -n 1)
SIG125=$(sed -n 's/.*name="sig" value="\([0-9a-f]*\)".*/\1/p' "$W/body" | head -n 1)
check "another building is not limited" [ "$(post 125 "t=$T125" "ts=$TS125" "sig=$SIG125" action=in)" = 422 ]

# ---- oversized bodies ----
head -c 20000 /dev/zero | tr '\0' 'a' >"$W/big"
check "body over 16 KiB: 413" [ "$(code --data-binary @"$W/big" "$BASE/s/127")" = 413 ]
check "chunked body over 16 KiB: 413" \
    [ "$(code -H 'Transfer-Encoding: chunked' --data-binary @"$W/big" "$BASE/s/127")" = 413 ]

# ---- 200 malformed requests, then still answering ----
n=$(python3 "$HERE/malformed.py" 127.0.0.1 "$PORT" 200 "/s/127?t=${NEWURL##*t=}")
check "200 malformed requests sent ($n)" [ "$n" = 200 ]
check "server alive after them" kill -0 "$SERVER"
check "and still answering: 200" [ "$(code "$NEWURL")" = 200 ]

# ---- the log ----
check "log has a line per request" grep -q ' GET /s/127 200 ' "$LOG"
check "no personal data or token in the log" bash -c "! grep -q -e '扫码新人' -e '$NEWID' -e 17055556666 \
    -e '${OUTROW%%|*}' -e '$TOK' -e 't=' '$LOG'"

# ---- clean stop ----
kill -TERM "$SERVER"
stopped=
for _ in $(seq 50); do
    kill -0 "$SERVER" 2>/dev/null || { stopped=1; break; }
    sleep 0.1
done
wait "$SERVER"
rc=$?
SERVER=
check "SIGTERM: stops within 5 s with exit 0 (rc $rc)" [ -n "$stopped" ] && [ $rc = 0 ]
check "says it stopped" grep -q '已停止\|stopped' "$LOG"

# ---- HTTPS directly: [serve] cert and key ----
if command -v openssl >/dev/null; then
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$W/key.pem" -out "$W/cert.pem" -days 2 \
        -subj /CN=localhost >/dev/null 2>&1
    printf '[serve]\ncert = %s\nkey = %s\n' "$W/cert.pem" "$W/key.pem" >"$W/tls.ini"
    "$XL" --config "$W/tls.ini" --db "$DB" serve --listen 127.0.0.1:0 2>"$W/tls.log" &
    SERVER=$!
    TPORT=
    for _ in $(seq 100); do
        TPORT=$(sed -n 's|.*https://127.0.0.1:\([0-9]*\)/.*|\1|p' "$W/tls.log")
        [ -n "$TPORT" ] && break
        sleep 0.1
    done
    check "HTTPS directly: the form over TLS" \
        [ "$(code -k "https://127.0.0.1:$TPORT/s/127?t=${NEWURL##*t=}")" = 200 ]
    kill -TERM "$SERVER"
    wait "$SERVER"
    SERVER=
fi

echo "$passed passed, $failed failed"
[ $failed = 0 ]

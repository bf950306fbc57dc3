#!/usr/bin/env bash
# light.sh — the two executables (issue 14): the light xiangli links none of the heavy
# libraries, runs lookup/stats itself (strace sees no execve of xiangli-full), hands the heavy commands
# to xiangli-full beside it with the same arguments (one more execve, same output as running
# xiangli-full directly), and without xiangli-full says so in the officer's language.
#   light.sh PATH/TO/xiangli
set -u
if [ $# -lt 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 PATH/TO/xiangli" >&2
    exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
FULL=$(dirname "$BIN")/xiangli-full
TMP=$(mktemp -d "${TMPDIR:-/tmp}/xl-cli-light.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export LANG=C.UTF-8 TZ=Asia/Shanghai XIANGLI_TODAY=2026-11-25 HOME=$TMP
unset XIANGLI_DB XDG_CONFIG_HOME LC_ALL LC_MESSAGES XIANGLI_OPERATOR
FAILS=0
ok()  { echo "ok   $*"; }
bad() { FAILS=$((FAILS + 1)); echo "FAIL $*"; }

[ -x "$FULL" ] && ok "xiangli-full beside xiangli" || bad "no $FULL"
heavy=$(ldd "$BIN" | grep -Ei 'pango|cairo|harfbuzz|glib|microhttpd|gnutls|xlsxwriter|libzip|expat|freexl|ncurses|qrencode|png')
[ -z "$heavy" ] && ok "light xiangli links $(ldd "$BIN" | wc -l) libraries, none heavy" || bad "light xiangli links: $heavy"
ldd "$FULL" | grep -q pangocairo && ok "xiangli-full links pangocairo" || bad "xiangli-full lacks pangocairo"

DB=$TMP/x.db
"$BIN" --db "$DB" init --demo >/dev/null 2>&1 && [ -s "$DB" ] && ok "init --demo through xiangli-full" || bad "init --demo"
out=$("$BIN" --db "$DB" lookup 127) && [[ $out == *127号楼* ]] && ok "lookup 127" || bad "lookup 127: $out"

if command -v strace >/dev/null; then
    # -s 4096: strace cuts strings at 32 characters by default, and a checkout's path is longer.
    # Counted as "no execve of xiangli-full", not "one execve": a sanitizer runtime may re-exec.
    strace -f -s 4096 -e trace=execve -o "$TMP/tr" "$BIN" --db "$DB" lookup 127 >/dev/null 2>&1
    grep -q 'execve(' "$TMP/tr" && ! grep -q 'xiangli-full' "$TMP/tr" &&
        ok "lookup runs in the light executable (no execve of xiangli-full)" || bad "lookup: $(cat "$TMP/tr")"
    strace -f -s 4096 -e trace=execve -o "$TMP/tr" "$BIN" --db "$DB" docs list >/dev/null 2>&1
    n=$(grep -c 'execve("[^"]*xiangli-full"' "$TMP/tr")
    grep -qF "execve(\"$FULL\", [\"$BIN\", \"--db\", \"$DB\", \"docs\", \"list\"]" "$TMP/tr" && [ "$n" = 1 ] &&
        ok "docs list execs xiangli-full with the same argv" || bad "docs list: $(cat "$TMP/tr")"
fi
a=$("$BIN" --db "$DB" docs list 2>&1; echo "rc=$?")
b=$("$FULL" --db "$DB" docs list 2>&1; echo "rc=$?")
[ "$a" = "$b" ] && [[ $a == *rc=0 ]] && ok "docs list through xiangli = xiangli-full" || bad "docs list differs: $a / $b"
a=$("$BIN" --db "$DB" --lang en qr building 99999 2>&1; echo "rc=$?")
b=$("$FULL" --db "$DB" --lang en qr building 99999 2>&1; echo "rc=$?")
[ "$a" = "$b" ] && [[ $a != *rc=0 ]] && ok "a refusal of xiangli-full keeps its text and code" || bad "qr refusal differs: $a / $b"
"$BIN" --help | grep -q 'xiangli import' && ok "--help lists the heavy commands too" || bad "--help"

# Alone in a folder: the light commands still work, the others say what is missing.
mkdir "$TMP/alone" && cp "$BIN" "$TMP/alone/xiangli"
out=$("$TMP/alone/xiangli" --db "$DB" stats 2>&1) && ok "stats without xiangli-full" || bad "stats alone: $out"
out=$("$TMP/alone/xiangli" --db "$DB" --lang zh import residents x.csv 2>&1); rc=$?
[ $rc = 1 ] && [[ $out == *找不到完整程序“$TMP/alone/xiangli-full”* ]] && ok "zh: xiangli-full missing said" || bad "zh alone: rc=$rc $out"
out=$("$TMP/alone/xiangli" --db "$DB" --lang en 2>&1); rc=$?
[ $rc = 1 ] && [[ $out == *"full program '$TMP/alone/xiangli-full' is missing"* ]] && ok "en: the desk without xiangli-full said" || bad "en alone: rc=$rc $out"

[ $FAILS = 0 ] || { echo "$FAILS failed"; exit 1; }

# lib.sh — shared by the fault and hostile-input tests (issue 9). Sourced:
#   . "$(dirname "$0")/lib.sh"; safety_init "$@"
# Gives BIN (the program), TMP (a private directory removed on exit), a pinned environment,
# and small checks that count failures; `safety_done` prints the tally and exits.
safety_init() {
    if [ $# -lt 1 ] || [ ! -x "$1" ]; then
        echo "usage: $0 PATH/TO/xiangli" >&2
        exit 2
    fi
    BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
    HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    TMP=$(mktemp -d "${TMPDIR:-/tmp}/xl-safety.XXXXXX")
    trap 'rm -rf "$TMP"' EXIT
    export LANG=C.UTF-8 TZ=Asia/Shanghai XIANGLI_TODAY=2026-11-25 HOME=$TMP
    export XIANGLI_OPERATOR=${XIANGLI_OPERATOR:-测试员}
    unset XIANGLI_DB XDG_CONFIG_HOME
    FAILS=0
    PASSES=0
}
ok()   { PASSES=$((PASSES + 1)); echo "ok   $*"; }
bad()  { FAILS=$((FAILS + 1)); echo "FAIL $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
safety_done() {
    echo "$PASSES passed, $FAILS failed"
    [ "$FAILS" -eq 0 ]
    exit $?
}
# xl ARGS... — the program with the test config (no user config is read).
xl() { "$BIN" --config "$HERE/test.ini" "$@"; }
# demo_db PATH — the demo community at PATH (built once per script, then copied).
demo_db() {
    if [ ! -f "$TMP/.demo.db" ]; then
        xl --db "$TMP/.demo.db" init --demo >/dev/null || { bad "init --demo"; safety_done; }
    fi
    cp "$TMP/.demo.db" "$1"
}
mode_of() { stat -c %a "$1"; }
# within SECONDS CMD... — runs CMD with a hard time limit; fails when it has to be killed.
within() { local s=$1; shift; timeout -k 1 "$s" "$@"; local rc=$?; [ $rc -ne 124 ] && [ $rc -ne 137 ]; }

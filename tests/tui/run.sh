#!/usr/bin/env bash
# run.sh BINARY — screen tests for the terminal interface.
#
# Each scenario starts the real program in a detached tmux pane of a fixed size with a pinned
# environment (LANG, TERM, TZ, XIANGLI_TODAY), sends keys, waits (by polling capture-pane) for
# the text it expects, and compares the final screen with tests/tui/expected/NAME.txt.
# Prints "ok NAME" or "FAIL NAME" (with a diff) per scenario; exits 1 on any failure.
# UPDATE_EXPECTED=1 rewrites the expected screens (read them before committing!).
# Scenario steps:
#   wait:TEXT      poll until TEXT is on the screen (10 s at most)
#   gone:TEXT      poll until TEXT is no longer on the screen
#   keys:K1 K2 ..  tmux send-keys, one argument per key (Enter, Escape, Up, PageDown, ...)
#   raw:BYTES      bytes sent as typed (printf %b escapes, e.g. a mouse report)
#   resize:WxH     resize the pane
set -u

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 PATH/TO/xiangli" >&2
    exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
EXPECTED=$HERE/expected
TIMEOUT=${TUI_TIMEOUT:-10}
command -v tmux >/dev/null || { echo "FAIL tmux not installed"; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/xl-tui.XXXXXX")
SOCK=xl-test-$$
cleanup() {
    tmux -L "$SOCK" kill-server 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

tmx() { LANG=C.UTF-8 LC_ALL=C.UTF-8 tmux -u -L "$SOCK" -f "$TMP/tmux.conf" "$@"; }

PIN_ENV=(LANG=C.UTF-8 TERM=xterm-256color TZ=Asia/Shanghai XIANGLI_TODAY=2026-11-25)
for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS MSAN_OPTIONS; do
    [ -n "${!v:-}" ] && PIN_ENV+=("$v=${!v}")
done

# ---- set up: a demo database, a tmux server, the wrapper that reports how the program ended
setup() {
    printf 'set -g status off\nset -g remain-on-exit off\nset -g history-limit 0\n' >"$TMP/tmux.conf"
    if ! env -i PATH="$PATH" HOME="$TMP" "${PIN_ENV[@]}" "$BIN" --db "$TMP/demo.db" \
            init --demo --seed 1 >"$TMP/init.log" 2>&1; then
        echo "FAIL setup: $BIN init --demo failed:"
        cat "$TMP/init.log"
        exit 1
    fi
    cat >"$TMP/app.sh" <<'EOF'
trap : INT  # Ctrl-C is for the program; this wrapper lives on to report how it ended
"$XL_BIN" --db "$XL_DB" --config "$1"
rc=$?
printf '[exit %d]\n' "$rc"
if stty -a | tr ' ;' '\n\n' | grep -qx -e -icanon -e -echo; then
    echo '[tty not restored]'
else
    echo '[tty restored]'
fi
exec sleep 3600
EOF
    # A session that keeps the server alive between scenarios.
    tmx new-session -d -s keep -x 20 -y 5 'sleep 3600'
}

capture() { tmx capture-pane -p -t xl 2>/dev/null; }

# Polls until the screen contains (want=1) or lacks (want=0) the text; then until it is still.
poll() {
    local want=$1 text=$2 end=$((SECONDS + TIMEOUT)) screen has
    while :; do
        screen=$(capture)
        has=0
        [[ $screen == *"$text"* ]] && has=1
        [ "$has" = "$want" ] && break
        [ $SECONDS -ge $end ] && return 1
        sleep 0.05
    done
    local prev=
    while [ "$screen" != "$prev" ] && [ $SECONDS -lt $end ]; do
        prev=$screen
        sleep 0.1
        screen=$(capture)
    done
}

start() {
    local w=$1 h=$2 ini=$3
    tmx kill-session -t xl 2>/dev/null
    tmx new-session -d -s xl -x "$w" -y "$h" \
        "$(printf '%q ' env -i PATH="$PATH" HOME="$TMP" "${PIN_ENV[@]}" XL_BIN="$BIN" \
            XL_DB="$TMP/demo.db" sh "$TMP/app.sh" "$ini")"
}

step() {
    local s=$1 arg=${1#*:}
    case $s in
        wait:*) poll 1 "$arg" || { echo "  timed out waiting for: $arg"; return 1; } ;;
        gone:*) poll 0 "$arg" || { echo "  timed out waiting for the end of: $arg"; return 1; } ;;
        keys:*) read -r -a keys <<<"$arg"; tmx send-keys -t xl "${keys[@]}" ;;
        raw:*) tmx send-keys -t xl -l "$(printf '%b' "$arg")" ;;
        resize:*) tmx resize-window -t xl -x "${arg%x*}" -y "${arg#*x}" ;;
        *) echo "  bad step: $s"; return 1 ;;
    esac
}

failures=0
# scenario NAME WIDTH HEIGHT CONFIG STEP...
scenario() {
    local name=$1 w=$2 h=$3 ini=$HERE/$4 expected=$EXPECTED/$1.txt actual=$TMP/$1.txt
    shift 4
    local log=$TMP/$name.log ok=1
    start "$w" "$h" "$ini"
    for s in "$@"; do
        step "$s" >>"$log" 2>&1 || { ok=0; break; }
    done
    capture >"$actual"
    tmx kill-session -t xl 2>/dev/null
    if [ $ok = 1 ] && [ "${UPDATE_EXPECTED:-0}" = 1 ]; then
        mkdir -p "$EXPECTED"
        cp "$actual" "$expected"
        echo "ok $name (expected screen rewritten)"
    elif [ $ok = 1 ] && diff -u "$expected" "$actual" >"$log.diff" 2>&1; then
        echo "ok $name"
    else
        echo "FAIL $name"
        cat "$log" "$log.diff" 2>/dev/null | sed 's/^/  /'
        [ $ok = 1 ] || { echo "  screen:"; sed 's/^/  | /' "$actual"; }
        failures=$((failures + 1))
    fi
}

setup

MAP_ZH='wait:共 326 栋'
MAP_EN='wait:326 buildings'
CARD_127=(keys:g 'keys:1 2 7' 'wait:跳转到楼号：127' keys:Enter 'wait:127号楼  杜巷六弄  3层'
          'wait:第一责任人')
BACK_TO_MAP=(keys:q 'gone:> 127号楼' 'wait:127号楼  杜巷六弄  登记采集率')
QUIT=(keys:q 'wait:[exit 0]')

for size in 80x24 160x48; do
    w=${size%x*} h=${size#*x}
    scenario "map-$size" "$w" "$h" test.ini "$MAP_ZH"
    scenario "card127-$size" "$w" "$h" test.ini "$MAP_ZH" "${CARD_127[@]}"
    scenario "help-$size" "$w" "$h" test.ini "$MAP_ZH" 'keys:?' 'wait:按任意键关闭'
    scenario "help-card-$size" "$w" "$h" test.ini "$MAP_ZH" "${CARD_127[@]}" 'keys:?' \
        'wait:楼栋卡片'
    scenario "overlay-$size" "$w" "$h" test.ini "$MAP_ZH" keys:o 'wait:图层：先锋楼组' \
        keys:o 'wait:图层：党员家庭'
    scenario "quit-$size" "$w" "$h" test.ini "$MAP_ZH" "${CARD_127[@]}" "${BACK_TO_MAP[@]}" \
        "${QUIT[@]}"
done
scenario nobuilding-80x24 80 24 test.ini "$MAP_ZH" keys:g 'keys:9 9 9' keys:Enter \
    'wait:没有 999 号楼'
scenario goto-cancel-80x24 80 24 test.ini "$MAP_ZH" keys:g 'keys:4 2' 'wait:跳转到楼号：42' \
    keys:Escape 'gone:跳转到楼号' 'wait:q 退出'
scenario scroll-80x24 80 24 test.ini "$MAP_ZH" keys:End 'wait:326号楼  杜巷十四弄' \
    'keys:Up Up Left' 'wait:302号楼  杜巷十三弄'
scenario all-200x50 200 50 test.ini "$MAP_ZH" 'wait:杜巷一弄     1' 'wait:325! 326.'
scenario resize-80x24-200x50 80 24 test.ini "$MAP_ZH" resize:200x50 'wait:325! 326.'
# Ctrl-C ends the program as q does: terminal restored, exit status 0.
scenario ctrl-c-80x24 80 24 test.ini "$MAP_ZH" keys:C-c 'wait:[exit 0]'
scenario too-small-60x20 60 20 test.ini 'wait:请放大窗口'
scenario too-small-quit-60x20 60 20 test.ini 'wait:请放大窗口' keys:q 'wait:[exit 0]'
# A click on building 2 selects it; a second click opens its card (SGR mouse reports).
scenario mouse-80x24 80 24 test.ini "$MAP_ZH" 'raw:\e[<0;19;4M\e[<0;19;4m' \
    'wait:2号楼  杜巷一弄  登记' 'raw:\e[<0;19;4M\e[<0;19;4m' 'wait:> 2号楼' 'wait:第一责任人'
scenario english-100x30 100 30 test-en.ini "$MAP_EN" keys:g 'keys:1 2 7' keys:Enter \
    'wait:First responsible'
scenario english-help-100x30 100 30 test-en.ini "$MAP_EN" 'keys:?' 'wait:Press any key'

if [ $failures -gt 0 ]; then
    echo "$failures scenario(s) failed"
    exit 1
fi

# lib.sh — the harness shared by the screen tests (run.sh, register.sh, lists.sh; qr_view.sh
# uses only the tmux part). Sourced, not run: `. "$(dirname "$0")/lib.sh"`.
#
# The real program runs in a detached tmux pane of a fixed size on a private tmux server, with
# a pinned environment (LANG, TERM, TZ, XIANGLI_TODAY; sanitizer options passed through); the
# scripts poll capture-pane for the text they expect (never fixed sleeps) and compare the final
# screen with tests/tui/expected/NAME.txt.
#
# Scenario steps understood by `step`:
#   wait:TEXT      poll until TEXT is on the screen ($TUI_TIMEOUT, 10 s at most by default)
#   gone:TEXT      poll until TEXT is no longer on the screen
#   keys:K1 K2 ..  tmux send-keys, one argument per key (Enter, Escape, Up, Tab, C-u, ...)
#   text:TEXT      TEXT typed as it is (UTF-8: Chinese arrives as wide characters)
#   raw:BYTES      bytes sent as typed (printf %b escapes, e.g. a mouse report)
#   resize:WxH     resize the pane
# Any other step goes to `step_extra STEP ARG` (a script defines it for its own steps).
#
# Hooks a script may redefine (after sourcing):
#   scenario_start NAME W H INI   start the program for a scenario (default: $TMP/demo.db,
#                                 HOME=$TMP)
#   scenario_captured FILE        adjust the captured screen before it is compared
#   step_extra STEP ARG           the script's own step types
# A scenario without an expected screen fails (UPDATE_EXPECTED=1 writes it): nothing is skipped.

# tui_args "$@" — the one argument (the program), checked; sets BIN, HERE, EXPECTED, TIMEOUT.
tui_args() {
    if [ $# -ne 1 ] || [ ! -x "$1" ]; then
        echo "usage: $0 PATH/TO/xiangli" >&2
        exit 2
    fi
    BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
    HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    EXPECTED=$HERE/expected
    TIMEOUT=${TUI_TIMEOUT:-10}
    command -v tmux >/dev/null || { echo "FAIL tmux not installed"; exit 1; }
}

# tui_init TMP-PREFIX SOCKET-PREFIX — a temporary directory and a private tmux server, both
# removed on exit.
tui_init() {
    TMP=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
    SOCK=$2-$$
    trap tui_cleanup EXIT
    trap 'exit 1' INT TERM
}
tui_cleanup() {
    tmux -L "$SOCK" kill-server 2>/dev/null
    rm -rf "$TMP"
}

tmx() { LANG=C.UTF-8 LC_ALL=C.UTF-8 tmux -u -L "$SOCK" -f "$TMP/tmux.conf" "$@"; }

# tui_pin_env [NAME=VALUE...] — PIN_ENV: the pinned environment, the extra settings, and the
# sanitizer options of the caller's environment.
tui_pin_env() {
    PIN_ENV=(LANG=C.UTF-8 TERM=xterm-256color TZ=Asia/Shanghai XIANGLI_TODAY=2026-11-25
             XIANGLI_OPERATOR=tui-test "$@")
    tui_pass_env ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS MSAN_OPTIONS
}
# tui_pass_env NAME... — these variables of the caller's environment, when set, into PIN_ENV.
tui_pass_env() {
    local v
    for v in "$@"; do
        [ -n "${!v:-}" ] && PIN_ENV+=("$v=${!v}")
    done
}

# tui_setup DB — the tmux configuration, a demo database (seed 1) at DB, the wrapper that runs
# the program ($TMP/app.sh; a script may write its own), a tmux session that keeps the server
# alive between scenarios.
tui_setup() {
    local db=$1
    printf 'set -g status off\nset -g remain-on-exit off\nset -g history-limit 0\n' >"$TMP/tmux.conf"
    if ! env -i PATH="$PATH" HOME="$TMP" "${PIN_ENV[@]}" "$BIN" --db "$db" \
            init --demo --seed 1 >"$TMP/init.log" 2>&1; then
        echo "FAIL setup: $BIN init --demo failed:"
        cat "$TMP/init.log"
        exit 1
    fi
    cat >"$TMP/app.sh" <<'EOF'
trap : INT
"$XL_BIN" --db "$XL_DB" --config "$1"
printf '[exit %d]\n' "$?"
exec sleep 3600
EOF
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

# start WIDTH HEIGHT INI DB HOME — a fresh session "xl" running the program (through app.sh).
start() {
    local w=$1 h=$2 ini=$3 db=$4 home=$5
    tmx kill-session -t xl 2>/dev/null
    tmx new-session -d -s xl -x "$w" -y "$h" \
        "$(printf '%q ' env -i PATH="$PATH" HOME="$home" "${PIN_ENV[@]}" XL_BIN="$BIN" \
            XL_DB="$db" sh "$TMP/app.sh" "$ini")"
}

step() {
    local s=$1 arg=${1#*:}
    case $s in
        wait:*) poll 1 "$arg" || { echo "  timed out waiting for: $arg"; return 1; } ;;
        gone:*) poll 0 "$arg" || { echo "  timed out waiting for the end of: $arg"; return 1; } ;;
        keys:*) read -r -a keys <<<"$arg"; tmx send-keys -t xl "${keys[@]}" ;;
        text:*) tmx send-keys -t xl -l "$arg" ;;
        raw:*) tmx send-keys -t xl -l "$(printf '%b' "$arg")" ;;
        resize:*) tmx resize-window -t xl -x "${arg%x*}" -y "${arg#*x}" ;;
        *) step_extra "$s" "$arg" ;;
    esac
}

# ---- hooks (defaults)
step_extra() { echo "  bad step: $1"; return 1; }
scenario_start() { start "$2" "$3" "$4" "$TMP/demo.db" "$TMP"; }
scenario_captured() { :; }

failures=0
# scenario NAME WIDTH HEIGHT CONFIG STEP...
scenario() {
    local name=$1 w=$2 h=$3 ini=$HERE/$4 expected=$EXPECTED/$1.txt actual=$TMP/$1.txt
    shift 4
    local log=$TMP/$name.log ok=1
    scenario_start "$name" "$w" "$h" "$ini"
    for s in "$@"; do
        step "$s" >>"$log" 2>&1 || { ok=0; break; }
    done
    # The last keys may still be on their way to the desk: poll until the screen is the expected
    # one (or TIMEOUT passes); when writing expected screens, until two captures agree.
    local end=$((SECONDS + TIMEOUT)) prev=""
    while :; do
        capture >"$actual"
        scenario_captured "$actual"
        [ $ok = 1 ] || break
        if [ "${UPDATE_EXPECTED:-0}" = 1 ] || [ ! -f "$expected" ]; then
            [ -n "$prev" ] && [ "$prev" = "$(cat "$actual")" ] && break
            prev=$(cat "$actual")
            sleep 0.3
        else
            cmp -s "$expected" "$actual" && break
            sleep 0.05
        fi
        [ $SECONDS -ge $end ] && break
    done
    tmx kill-session -t xl 2>/dev/null
    if [ $ok = 1 ] && [ "${UPDATE_EXPECTED:-0}" = 1 ]; then
        mkdir -p "$EXPECTED"
        cp "$actual" "$expected"
        echo "ok $name (expected screen rewritten)"
    elif [ $ok = 1 ] && [ ! -f "$expected" ]; then
        echo "FAIL $name: no expected screen $expected (UPDATE_EXPECTED=1 writes it; read it first)"
        failures=$((failures + 1))
    elif [ $ok = 1 ] && diff -u "$expected" "$actual" >"$log.diff" 2>&1; then
        echo "ok $name"
    else
        echo "FAIL $name"
        cat "$log" "$log.diff" 2>/dev/null | sed 's/^/  /'
        [ $ok = 1 ] || { echo "  screen:"; sed 's/^/  | /' "$actual"; }
        failures=$((failures + 1))
    fi
}

# The end of a script: exit 1 when a scenario failed.
tui_finish() {
    if [ $failures -gt 0 ]; then
        echo "$failures scenario(s) failed"
        exit 1
    fi
}

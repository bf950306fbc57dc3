#!/usr/bin/env bash
# desk.sh BINARY — the officer's day (issue 12): one group of scenarios per item, each a class
# across the panes. Same harness as the other screen tests (lib.sh: pinned LANG, TERM, TZ,
# XIANGLI_TODAY, fixed sizes, polling capture-pane), every scenario on its own copy of the
# demo database (seed 1). Extra steps:
#   snap:NAME   keep the screen as it is now under NAME
#   same:NAME   the screen now must be identical to the one kept under NAME
#   same-body:NAME  the same, the status line aside
#   mask:SED    a sed expression applied to the captured screen before the comparison
#   signal:SIG  send SIG to the program (found through the tmux pane's process)
# UPDATE_EXPECTED=1 rewrites the expected screens (read them before committing!).
set -u
. "$(dirname "$0")/lib.sh"

tui_args "$@"
tui_init xl-desk xl-desk
tui_pin_env XIANGLI_FROZEN_CLOCK=1

setup() { tui_setup "$TMP/pristine.db"; }

scenario_start() {
    MASKS=()
    cp "$TMP/pristine.db" "$TMP/$1.db"
    mkdir -p "$TMP/home-$1"
    start "$2" "$3" "$4" "$TMP/$1.db" "$TMP/home-$1"
}

# The program's pid: the child of the pane's shell (app.sh) that runs the binary.
program_pid() {
    local sh
    sh=$(tmx display-message -p -t xl '#{pane_pid}')
    pgrep -P "$sh" -f "$BIN" | head -n 1
}

MASKS=()
step_extra() {
    local s=$1 arg=$2
    case $s in
        snap:*) capture >"$TMP/snap-$arg.txt" ;;
        same:*) capture >"$TMP/now-$arg.txt"
                diff -u "$TMP/snap-$arg.txt" "$TMP/now-$arg.txt" || {
                    echo "  the screen changed after the overlay closed ($arg)"; return 1; } ;;
        same-body:*) capture | sed '$d' >"$TMP/now-$arg.txt"
                sed '$d' "$TMP/snap-$arg.txt" | diff -u - "$TMP/now-$arg.txt" || {
                    echo "  the screen changed after the overlay closed ($arg)"; return 1; } ;;
        mask:*) MASKS+=("$arg") ;;
        signal:*) local pid; pid=$(program_pid)
                  [ -n "$pid" ] || { echo "  no program to signal"; return 1; }
                  kill -s "$arg" "$pid" ;;
        *) echo "  bad step: $s"; return 1 ;;
    esac
}

scenario_captured() {
    local m
    for m in "${MASKS[@]}"; do
        sed -i -E "$m" "$1"
    done
}

setup

MAP=('wait:共 326 栋')
CARD_127=(keys:g text:127 'wait:跳转到楼号：127' keys:Enter 'wait:第一责任人')
REGISTER=(keys:2 'wait:第 1 / 7203 条')
STALE=("${REGISTER[@]}" keys:S 'wait:超过 180 天未核实')
PERSON=("${REGISTER[@]}" keys:Enter 'wait:居住记录')
LISTS=(keys:3 'wait:问题 49')
ITEM=("${LISTS[@]}" keys:Enter 'wait:问题：')
MEETINGS=(keys:4 'wait:待召开 8')
MEETING=("${MEETINGS[@]}" keys:Enter 'wait:议程')
PRESENT=("${MEETINGS[@]}" keys:p 'wait:并投屏？' keys:y 'wait:用时 00:00')
QR=("${CARD_127[@]}" keys:c 'wait:s 样式' keys:C-l 'wait:? 帮助' 'mask:s/^ *[█▀▄ ]+$/(QR)/')
SIGNIN=("${REGISTER[@]}" keys:a 'wait:签进：登记新入住的人')

# ---- 1. an overlay (help, prompt) that closes leaves the screen exactly as it was
overlay_closes() { # PANE-NAME STEPS... — ? then Esc on the pane the steps reach
    local name=$1 size same=${SAME:-same}
    shift
    for size in 80x24 200x50; do
        scenario "repaint-$name-$size" "${size%x*}" "${size#*x}" test.ini "$@" snap:before \
            'keys:?' 'wait:按任意键关闭' keys:Escape 'gone:按任意键关闭' "$same:before"
    done
}
overlay_closes map "${MAP[@]}"
overlay_closes card "${MAP[@]}" "${CARD_127[@]}"
overlay_closes register "${REGISTER[@]}"
overlay_closes stale "${STALE[@]}"
overlay_closes person "${PERSON[@]}"
overlay_closes lists "${LISTS[@]}"
overlay_closes item "${ITEM[@]}"
overlay_closes meetings "${MEETINGS[@]}"
overlay_closes meeting "${MEETING[@]}"
overlay_closes present "${PRESENT[@]}"
overlay_closes qr "${QR[@]}"
# the go-to prompt over the map, Esc: the status line and the map as before
scenario repaint-map-prompt-80x24 80 24 test.ini "${MAP[@]}" snap:before keys:g text:12 \
    'wait:跳转到楼号：12' keys:Escape 'gone:跳转到楼号' same:before

# ---- 2. typed work is never lost: the form survives a too-small spell; q there, Ctrl+C and
# SIGTERM ask before quitting when the form has input (n goes back to it, y quits)
TYPED=("${SIGNIN[@]}" text:王小梅 'wait:王小梅')
ASKED='wait:表单里有未保存的内容'
scenario work-small-keeps-form-80x24 80 24 test.ini "${TYPED[@]}" resize:60x20 'wait:请放大窗口' \
    resize:80x24 'gone:请放大窗口' 'wait:王小梅'
scenario work-small-q-asks-80x24 80 24 test.ini "${TYPED[@]}" resize:60x20 'wait:请放大窗口' \
    keys:q "$ASKED" keys:n 'gone:表单里有未保存的内容' resize:80x24 'gone:请放大窗口' 'wait:王小梅'
scenario work-small-q-yes-60x20 80 24 test.ini "${TYPED[@]}" resize:60x20 'wait:请放大窗口' \
    keys:q "$ASKED" keys:y 'wait:[exit 0]'
scenario work-ctrl-c-asks-80x24 80 24 test.ini "${TYPED[@]}" keys:C-c "$ASKED" keys:Escape \
    'gone:表单里有未保存的内容' text:丽 'wait:王小梅丽'
scenario work-ctrl-c-twice-80x24 80 24 test.ini "${TYPED[@]}" keys:C-c "$ASKED" keys:C-c \
    'wait:[exit 0]'
scenario work-sigterm-asks-80x24 80 24 test.ini "${TYPED[@]}" signal:TERM "$ASKED" keys:y \
    'wait:[exit 0]'
# an empty form holds no work: Ctrl+C ends the program at once
scenario work-ctrl-c-empty-form-80x24 80 24 test.ini "${SIGNIN[@]}" keys:C-c 'wait:[exit 0]'

# ---- 3. a closed meeting is read-only: no edit keys in the hints or the help, and a refusal
# in the UI's language; the CLI's refusals too (--lang zh / en)
CLOSED=("${MEETINGS[@]}" keys:End 'wait:已结束' keys:Enter 'wait:议程')
scenario closed-meeting-80x24 80 24 test.ini "${CLOSED[@]}" 'gone:a 添加' keys:a \
    'wait:会议已结束，只能查看'
scenario closed-meeting-help-80x24 80 24 test.ini "${CLOSED[@]}" 'keys:?' 'wait:按任意键关闭'
scenario closed-meeting-en-100x30 100 30 test-en.ini keys:4 'wait:closed 842' keys:End keys:Enter \
    'wait:Agenda' keys:f 'wait:The meeting is closed'
scenario closed-list-present-80x24 80 24 test.ini "${MEETINGS[@]}" keys:End 'gone:p 投屏' \
    keys:p 'wait:会议已结束，只能查看'
cli_says() { # LANG EXPECTED ARGS... — the CLI's error (stderr) in that language
    local lang=$1 want=$2 got
    shift 2
    got=$(env -i PATH="$PATH" HOME="$TMP" "${PIN_ENV[@]}" "$BIN" --db "$TMP/pristine.db" \
        --lang "$lang" "$@" 2>&1 >/dev/null)
    if [ "$got" = "$want" ]; then
        echo "ok cli-$lang: $*"
    else
        echo "FAIL cli-$lang: $*: got '$got', want '$want'"
        failures=$((failures + 1))
    fi
}
cli_says zh 'xiangli lookup：127号楼没有999室' lookup 127-999
cli_says en 'xiangli lookup: building 127 has no room 999' lookup 127-999
cli_says zh 'xiangli lookup：没有999号楼' lookup 999

# ---- 4. F1 in a form lists exactly the form's keys (no pane switching, no q)
scenario form-help-80x24 80 24 test.ini "${SIGNIN[@]}" keys:F1 'wait:按任意键关闭'
scenario form-help-en-100x30 100 30 test-en.ini keys:2 'wait:1 of 7203' keys:a 'wait:Sign in' \
    keys:F1 'wait:Press any key'

tui_finish

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
# (The harness and these steps: lib.sh.)
set -u
. "$(dirname "$0")/lib.sh"

tui_args "$@"
tui_init xl-tui xl-test
tui_pin_env

# ---- set up: a demo database, a tmux server, the wrapper that reports how the program ended
setup() {
    tui_setup "$TMP/demo.db"
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
        keys:o 'wait:图层：党员户'
    scenario "quit-$size" "$w" "$h" test.ini "$MAP_ZH" "${CARD_127[@]}" "${BACK_TO_MAP[@]}" \
        "${QUIT[@]}"
done
scenario nobuilding-80x24 80 24 test.ini "$MAP_ZH" keys:g 'keys:9 9 9' keys:Enter \
    'wait:没有999号楼'
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

tui_finish

#!/usr/bin/env bash
# flow.sh BINARY — the officer's day, part two (issue 12, items 5-19): one group of scenarios
# per item, each a class across the forms and panes. Same harness and steps as desk.sh (every
# scenario on its own copy of the demo database, seed 1). ONLY=REGEX runs the scenarios whose
# names match. UPDATE_EXPECTED=1 rewrites the expected screens (read them before committing!).
set -u
. "$(dirname "$0")/lib.sh"

tui_args "$@"
tui_init xl-desk xl-desk
tui_pin_env XIANGLI_FROZEN_CLOCK=1

setup() { tui_setup "$TMP/pristine.db"; }

scenario_start() {
    MASKS=()
    CUR=$1
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

# seen:TEXT — as wait:, without waiting for the screen to settle (a progress count that
# changes until the job ends).
seen() {
    local end=$((SECONDS + TIMEOUT))
    until [[ $(capture) == *"$1"* ]]; do
        [ $SECONDS -ge $end ] && return 1
        sleep 0.05
    done
}

# kept:DIR — the files the message says were written are in $HOME/DIR, fewer than all.
kept_files() {
    local said have
    said=$(capture | grep -o '（[0-9]* 个文件）' | grep -o '[0-9]*')
    have=$(find "$TMP/home-$CUR/$1" -type f 2>/dev/null | wc -l)
    [ -n "$said" ] && [ "$said" = "$have" ] && [ "$have" -lt 652 ] || {
        echo "  the message says ${said:-?} files, $1 holds $have (652 = all)"; return 1; }
}

# bigcsv:N — a residents sheet of N rows at ~/big.csv (the scenario's home).
big_csv() {
    { echo "姓名,性别,身份证号,手机号,楼栋,房间,身份,入住日期,户籍省份,工作单位"
      awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "王小梅,女,,,%d,101,租客,2026-11-01,上海,\n", 1 + i % 300 }'
    } >"$TMP/home-$CUR/big.csv"
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
        bigcsv:*) big_csv "$arg" ;;
        kept:*) kept_files "$arg" || return 1 ;;
        seen:*) seen "$arg" || { echo "  never saw: $arg"; return 1; } ;;
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


# only NAME ... — scenario, unless ONLY (a regular expression) leaves it out.
only() {
    [[ -z ${ONLY:-} || $1 =~ $ONLY ]] || return 0
    scenario "$@"
}

TAB9=(keys:Tab keys:Tab keys:Tab keys:Tab keys:Tab keys:Tab keys:Tab keys:Tab keys:Tab)

# ---- 8. typing into a filled field replaces it; dates read the ways people write them, and a
# date that cannot be read says so in Chinese with an example
only date-replaces-80x24 80 24 test.ini "${SIGNIN[@]}" "${TAB9[@]}" 'wait:2026-11-25' \
    text:2026.11.2 'wait:2026.11.2 ' keys:Up keys:Down 'wait:2026-11-02'
only date-compact-80x24 80 24 test.ini "${SIGNIN[@]}" "${TAB9[@]}" text:20261120 keys:Tab \
    'wait:2026-11-20'
only date-slashes-80x24 80 24 test.ini "${SIGNIN[@]}" "${TAB9[@]}" text:2026/11/3 keys:Tab \
    'wait:2026-11-03'
only date-bad-80x24 80 24 test.ini "${SIGNIN[@]}" text:王小梅 "${TAB9[@]}" text:2026-11 \
    keys:Enter 'wait:请按 2026-12-06 的格式填写'
only date-unreal-en-100x30 100 30 test-en.ini keys:2 'wait:1 of 7203' keys:a 'wait:Sign in' \
    "${TAB9[@]}" text:2026.2.30 keys:Enter 'wait:no such day'
# the same in the sign-out form and the item editor's due date
only date-signout-80x24 80 24 test.ini "${STALE[@]}" keys:o 'wait:搬离日期' text:2026.11.1 \
    keys:Tab 'wait:2026-11-01'

# ---- 5. a presentation resumes at the item where it was left; Tab, S-Tab and 1-9 do
# nothing while it is on (only its own keys, q/Esc, ? and Ctrl+L act)
MEETINGS=(keys:4 'wait:待召开 8')
PRESENT=("${MEETINGS[@]}" keys:p 'wait:并投屏？' keys:y 'wait:用时 00:00')
only present-resumes-80x24 80 24 test.ini "${PRESENT[@]}" keys:Right 'wait:第 2/2 项' keys:q \
    'wait:待召开' keys:p 'wait:用时 00:00' 'wait:第 2/2 项'
only present-tab-stays-80x24 80 24 test.ini "${PRESENT[@]}" snap:before keys:Tab keys:BTab \
    keys:2 keys:Right 'wait:第 2/2 项'

# ---- 6. big type at 80x24 for titles longer than four characters (quarter blocks), over
# balanced lines at 200x50 (no character alone on a line); the key footer stays after a note
only big-80x24 80 24 test.ini "${PRESENT[@]}" keys:Right 'wait:第 2/2 项' 'gone:新租客相互认识'
only big-200x50 200 50 test.ini "${PRESENT[@]}" keys:Right 'wait:第 2/2 项' 'gone:新租客相互认识'
only big-footer-after-note-80x24 80 24 test.ini "${PRESENT[@]}" keys:n text:大家同意 keys:Enter \
    'wait:大家同意' 'wait:q 退出投屏'

# ---- 7. sign-in from a building card's room row: the form opens with the building and the
# room of the selected row filled; the name is all there is left to type
only signin-from-card-80x24 80 24 test.ini "${MAP[@]}" "${CARD_127[@]}" keys:Down keys:Down \
    keys:a 'wait:签进：登记新入住的人' 'wait:楼栋      127'
only signin-from-card-done-80x24 80 24 test.ini "${MAP[@]}" "${CARD_127[@]}" keys:a \
    'wait:签进：登记新入住的人' text:王小梅 keys:Enter 'wait:已签进：王小梅，127-'

# the same from a search: who lives in 127-302 (2 / 127-302 Enter: 10 keys), then a, the
# name and Enter (5 keys with a three-character name): 15 keys for the whole sign-in
WHO_302=(keys:2 'wait:第 1 / 7203 条' keys:/ text:127-302 'wait:127-302' keys:Enter)
only who-lives-127-302-80x24 80 24 test.ini "${WHO_302[@]}" 'wait:没有找到'
only signin-127-302-80x24 80 24 test.ini "${WHO_302[@]}" 'wait:没有找到' keys:a \
    'wait:房间      302' text:王小梅 keys:Enter 'wait:已签进：王小梅，127-302'

# ---- 11. the owner picker: Down leaves it for the next field (the due date takes what is
# typed next); PgDn moves in the hits
LISTS=(keys:3 'wait:问题 49')
NEW_ACTION=("${LISTS[@]}" keys:n 'wait:新建事项' 'keys:Up Left Down' text:清运楼道杂物 keys:Enter
            'wait:行动须有负责人')
only owner-down-next-field-80x24 80 24 test.ini "${NEW_ACTION[@]}" text:物业 \
    'wait:> 杜巷物业服务站' keys:Down text:2026.12.1 keys:Enter 'gone:新建事项'
only owner-pgdn-80x24 80 24 test.ini "${NEW_ACTION[@]}" text:九里亭 'wait:> 九里亭' keys:NPage \
    'wait:> 松江区城管执法局九里亭中队'

# ---- 12. signing out from the stale view proposes the last confirmed date (editable):
# 2 S o Enter, 4 keys, signs the first stale tenant out at the day last seen
only stale-signout-proposes-80x24 80 24 test.ini "${STALE[@]}" keys:o 'wait:最近核实日期；可改'
only stale-signout-done-80x24 80 24 test.ini "${STALE[@]}" keys:o 'wait:最近核实日期；可改' \
    keys:Enter 'wait:已签出：'

# ---- 13. the stale view acts on the chase: only the selected building (b) or the selected
# first responsible person's buildings (r); the whole building confirmed (Y) or signed out
# (O) after calling the landlord; the person's chase list written (P: names and rooms, no
# numbers); the building card says when it was last chased
only stale-by-building-80x24 80 24 test.ini "${STALE[@]}" keys:b 'wait:只看1号楼'
only stale-by-resp-80x24 80 24 test.ini "${STALE[@]}" keys:r 'wait:只看第一责任人'
only stale-by-resp-off-80x24 80 24 test.ini "${STALE[@]}" keys:r 'wait:只看第一责任人' keys:r \
    'gone:只看第一责任人'
only stale-confirm-building-80x24 80 24 test.ini "${STALE[@]}" keys:Y 'wait:都仍在住' keys:y \
    'wait:已核实1号楼'
only stale-signout-building-80x24 80 24 test.ini "${STALE[@]}" keys:O 'wait:都已搬离' keys:y \
    'wait:已签出1号楼'
only stale-chase-list-80x24 80 24 test.ini "${STALE[@]}" keys:P 'wait:催办单已写好'
only stale-card-chased-80x24 80 24 test.ini "${STALE[@]}" keys:Y 'wait:都仍在住' keys:y \
    'wait:已核实1号楼' keys:1 'wait:共 326 栋' keys:g text:1 keys:Enter 'wait:上次催办：2026-11-25'

# ---- 9. a name is letters: ? is refused beside the field; a foreign tenant's Latin name
# with a space, and a name with the middle dot, are taken
only name-question-80x24 80 24 test.ini "${SIGNIN[@]}" text:? keys:Enter 'wait:姓名请写汉字'
only name-latin-80x24 80 24 test.ini "${SIGNIN[@]}" 'text:Anna Maria' keys:Enter \
    'wait:项需要修改' 'gone:姓名请写汉字'
only name-dot-80x24 80 24 test.ini "${SIGNIN[@]}" text:阿依古丽·买买提 keys:Enter \
    'wait:项需要修改' 'gone:姓名请写汉字'

# ---- 9b. ID numbers: the first two digits must be a province; a six-digit region in no
# current division list (310227, the former Songjiang county) is taken with a warning to
# check the card; the home province is filled from the code; born in 1890 is implausible
TO_ID=(keys:Tab keys:Tab)
only id-retired-region-80x24 80 24 test.ini "${SIGNIN[@]}" text:王小梅 "${TO_ID[@]}" \
    text:310227196503141237 'wait:请核对证件' 'wait:户籍省份  上海'
only id-no-province-80x24 80 24 test.ini "${SIGNIN[@]}" text:王小梅 "${TO_ID[@]}" \
    text:990101199503141238 keys:Enter 'wait:前两位不是省份代码'
only id-born-1890-80x24 80 24 test.ini "${SIGNIN[@]}" text:王小梅 "${TO_ID[@]}" \
    text:310117189003141237 keys:Enter 'wait:出生年份 1890 不合常理'
only id-retired-signed-in-80x24 80 24 test.ini "${SIGNIN[@]}" text:王小梅 "${TO_ID[@]}" \
    text:310227196503141237 "${TAB9[@]:0:4}" text:127 keys:Tab text:302 keys:Enter \
    'wait:提醒：地区代码 310227'

# ---- 10. the summary under the form follows the fields as they are corrected
only summary-live-80x24 80 24 test.ini "${SIGNIN[@]}" text:王小梅 keys:Enter \
    'wait:有 2 项需要修改' text:127 'wait:有 1 项需要修改' keys:Tab text:302 \
    'gone:项需要修改'

# ---- 15. the chain view: each item right under the item it is linked to, one step deeper
# (the action under the demand it answers: 4 columns in, not 6 by its kind); the status
# column does not move with the status's width (the steps are lists.sh's)
L_LISTS=(keys:3 'wait:[问题 49]')
# (1) a problem of building 127 (a safety hazard), a demand linked to it with the link
# picker, an action (owner and due date) linked to the demand.
L_NEW_PROBLEM=(keys:n 'wait:新建事项' text:楼道堆物 'keys:Tab Tab Left Left Left Left Tab' text:127
             keys:Enter 'wait:已新建问题 #471：楼道堆物')
L_NEW_DEMAND=(keys:n 'wait:新建事项' 'keys:Up Right Down' text:清理楼道杂物 'keys:Tab Tab Tab'
            text:127 keys:Enter 'wait:已新建需求 #472：清理楼道杂物')
L_LINK_DEMAND=(keys:L 'wait:问题（此项接在它之后）' keys:Enter 'wait:已关联：#471 → #472')
L_NEW_ACTION=(keys:n 'wait:新建事项' 'keys:Up Right Right Down' text:清运楼道杂物 'keys:Tab Tab Tab'
            text:127 keys:Tab text:物业 'wait:> 杜巷物业服务站' keys:Tab text:2026-12-05
            keys:Enter 'wait:已新建行动 #473：清运楼道杂物')
L_LINK_ACTION=(keys:L 'wait:需求（此项接在它之后）' keys:Down keys:Enter 'wait:已关联：#472 → #473')
L_CHAIN=("${L_LISTS[@]}" "${L_NEW_PROBLEM[@]}" "${L_NEW_DEMAND[@]}" "${L_LINK_DEMAND[@]}"
       "${L_NEW_ACTION[@]}" "${L_LINK_ACTION[@]}")
L_OPEN_PROBLEM=('keys:]' 'wait:[问题 50]' keys:Enter 'wait:#471 问题：楼道堆物' 'wait:行动  #473')
only chain-indent-80x24 80 24 test.ini "${L_CHAIN[@]}" "${L_OPEN_PROBLEM[@]}" \
    'mask:s/2026-11-25 [0-9]{2}:[0-9]{2}/2026-11-25 HH:MM/g'

# ---- 17. one invalid byte as a key: dropped alone; what is typed next arrives
only decoder-bad-byte-80x24 80 24 test.ini "${SIGNIN[@]}" 'raw:\xff' text:王小梅 'wait:王小梅'
only decoder-cut-char-80x24 80 24 test.ini "${SIGNIN[@]}" 'raw:\xe7\x8e' text:Anna 'wait:Anna' \
    'raw:\x80' text:丽 'wait:Anna丽'

# ---- 16. English at 80x24: help descriptions wrap instead of being cut; a field's problem
# too long for the line wraps under the field; a choice whose options do not fit shows the
# chosen one between ‹ › and ←/→ still go through them
EN_SIGNIN=(keys:2 'wait:1 of 7203' keys:a 'wait:Sign in: someone moving in')
only help-wrap-en-80x24 80 24 test-en.ini 'wait:Building 1 ' 'keys:?' 'wait:Keys'
only error-wrap-en-80x24 80 24 test-en.ini "${EN_SIGNIN[@]}" text:? keys:Enter \
    'wait:with · or a space' 'gone:…'
only choice-one-en-80x24 80 24 test-en.ini keys:3 'wait:Problem' keys:n 'wait:New item' \
    'keys:Tab Tab' 'wait:‹' 'wait:6/6' 'keys:Right Right' 'wait:2/6'

# ---- 14. posters for every building show their progress in the status line; Esc stops
# between two buildings, the files written stay and the message says how many
only posters-cancel-80x24 80 24 test.ini "${MAP[@]}" "${QR[@]}" keys:a 'wait:为全部楼栋生成海报' \
    keys:y 'seen:/326，按 Esc 取消' keys:Escape 'wait:已取消：已生成' \
    kept:xiangli-posters \
    'mask:s/已生成 [0-9]+ 栋的海报（[0-9]+ 个文件），在 .*$/已生成 N 栋的海报（M 个文件），在 DIR/'

# ... and a large import checks its rows with the count in the status line; Esc stops it
# before anything is written (the path stays, to check again)
only import-cancel-80x24 80 24 test.ini "${REGISTER[@]}" keys:I 'wait:导入人员' bigcsv:20000 \
    'text:~/big.csv' 'keys:Enter Escape' 'wait:已取消导入：什么都没有写入'

# ---- 18. every subcommand answers --help (exit 0, its usage on stdout); the pointers in
# xiangli --help work; usage errors in Chinese under --lang zh
cli_check() { # NAME COMMAND... — the command must succeed
    local name=$1
    shift
    if "$@" >"$TMP/cli.out" 2>&1; then
        echo "ok cli $name"
    else
        echo "FAIL cli $name"; sed 's/^/  | /' "$TMP/cli.out"; failures=$((failures + 1))
    fi
}
xl() { env -i PATH="$PATH" HOME="$TMP" "${PIN_ENV[@]}" "$BIN" --db "$TMP/pristine.db" "$@"; }
if [[ -z ${ONLY:-} || cli =~ $ONLY ]]; then
    cmds=$(xl --help | sed -n 's/^  xiangli \([a-z]*\).*/\1/p' | sort -u)
    [ "$(echo "$cmds" | wc -l)" -ge 14 ] || { echo "FAIL cli: only $(echo "$cmds" | wc -l) commands in --help"; failures=$((failures + 1)); }
    for c in $cmds; do
        cli_check "$c-help" bash -c "$(declare -f xl); $(declare -p PIN_ENV TMP BIN); xl --lang en $c --help | grep -q '^usage: xiangli \[OPTIONS\] $c'"
    done
    for p in $(xl --help | grep -o 'xiangli [a-z]* --help' | awk '{print $2}'); do
        cli_check "pointer-$p" bash -c "$(declare -f xl); $(declare -p PIN_ENV TMP BIN); xl $p --help >/dev/null"
    done
    zh_err=$(xl --lang zh init --bogus 2>&1 >/dev/null)
    want='xiangli init：不认识的选项“--bogus”
用法：xiangli [选项] init [--demo] [--seed N] [--scale K] [--force]
详见 xiangli init --help'
    if [ "$zh_err" = "$want" ]; then echo "ok cli usage-zh"; else
        echo "FAIL cli usage-zh: got '$zh_err'"; failures=$((failures + 1)); fi
    zh_err=$(xl --lang zh frob 2>&1 >/dev/null)
    [ "$zh_err" = 'xiangli：没有“frob”这个命令（见 xiangli --help）' ] && echo "ok cli unknown-zh" || {
        echo "FAIL cli unknown-zh: got '$zh_err'"; failures=$((failures + 1)); }
fi

# ---- 19. the README's claims match the program: the demo's phone blocks, the QR styles'
# names, the agenda's m (checked against the demo database and messages.def)
if [[ -z ${ONLY:-} || readme =~ $ONLY ]]; then
    SRC=$(cd "$HERE/../.." && pwd)
    blocks=$(sqlite3 "$TMP/pristine.db" "SELECT DISTINCT substr(phone, 1, 3) FROM person WHERE phone IS NOT NULL ORDER BY 1" 2>/dev/null)
    claim=$(grep -o 'virtual-operator blocks [0-9, and]*' "$SRC/README.md")
    ok=1
    [ -n "$blocks" ] || ok=0
    for b in $blocks; do [[ $claim == *"$b"* ]] || ok=0; done
    grep -q '半格块、全宽、反显' "$SRC/README.md" && grep -q 'ACT_QR_STYLE, "换二维码样式（半格块、全宽、反显）"' \
        "$SRC/include/xiangli/messages.def" || ok=0
    grep -q "\`m\` an item's length in minutes" "$SRC/README.md" && grep -q \
        'ACT_AGENDA_MINUTES, "设定议题时长（分钟）"' "$SRC/include/xiangli/messages.def" || ok=0
    if [ $ok = 1 ]; then echo "ok readme-claims"; else
        echo "FAIL readme-claims (phone blocks: $blocks; README: $claim)"; failures=$((failures + 1)); fi
fi

tui_finish

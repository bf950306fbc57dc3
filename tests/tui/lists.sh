#!/usr/bin/env bash
# lists.sh BINARY — screen tests for the four lists (清单) and the roundtable (小圆桌): the
# item editor and the link picker along the chain, planning a building roundtable with its
# agenda and attendance, the presentation at 80x24 and at 200x50 (big block-character type),
# a decision turned into an action, closing the meeting into its minutes file, the map
# overlays, the building card's open items.
#
# The same harness as run.sh and register.sh (a detached tmux pane of a fixed size, pinned
# LANG, TERM, TZ and XIANGLI_TODAY, polling capture-pane, never fixed sleeps); every scenario
# starts on its own fresh copy of the demo database (seed 1) with its own HOME (where the
# minutes go). XIANGLI_FROZEN_CLOCK=1 keeps the presentation's timer at 00:00.
# Prints "ok NAME" / "FAIL NAME" (with a diff) per scenario; exits 1 on any failure.
# UPDATE_EXPECTED=1 rewrites the expected screens (read them before committing!).
# Scenario steps:
#   wait:TEXT      poll until TEXT is on the screen (10 s at most)
#   gone:TEXT      poll until TEXT is no longer on the screen
#   keys:K1 K2 ..  tmux send-keys, one argument per key (Enter, Escape, Tab, Space, C-u, ...)
#   text:TEXT      TEXT typed as it is (UTF-8: Chinese arrives as wide characters)
#   file:PATH|TEXT poll until the file PATH (under the scenario's HOME) holds TEXT
#   mask:SED       a sed expression applied to the final screen before it is compared
#                  (for clock times in the audit history)
#   resize:WxH     resize the pane
# (The harness and the other steps: lib.sh.)
set -u
. "$(dirname "$0")/lib.sh"

tui_args "$@"
tui_init xl-lists xl-lists
tui_pin_env XIANGLI_FROZEN_CLOCK=1
tui_pass_env XIANGLI_UNIFONT

# ---- set up: one pristine demo database (copied for each scenario), a tmux server
setup() { tui_setup "$TMP/pristine.db"; }

# Polls until the file (relative to the scenario's HOME) exists and holds the text.
poll_file() {
    local path=$HOME_DIR/${1%%|*} text=${1#*|} end=$((SECONDS + TIMEOUT))
    until [ -f "$path" ] && grep -qF -- "$text" "$path"; do
        [ $SECONDS -ge $end ] && return 1
        sleep 0.05
    done
}

# Every scenario on its own copy of the pristine database, with its own HOME.
scenario_start() {
    HOME_DIR=$TMP/home-$1
    MASKS=()
    cp "$TMP/pristine.db" "$TMP/$1.db"
    mkdir -p "$HOME_DIR"
    start "$2" "$3" "$4" "$TMP/$1.db" "$HOME_DIR"
}

MASKS=()
step_extra() {
    local s=$1 arg=$2
    case $s in
        file:*) poll_file "$arg" || { echo "  timed out waiting for the file: $arg";
                                      cat "$HOME_DIR/${arg%%|*}" 2>/dev/null; return 1; } ;;
        mask:*) MASKS+=("$arg") ;;
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

# ---- the steps, as arrays to share between scenarios
LISTS=(keys:3 'wait:[问题 49]')
# (1) a problem of building 127 (a safety hazard), a demand linked to it with the link
# picker, an action (owner and due date) linked to the demand.
NEW_PROBLEM=(keys:n 'wait:新建事项' text:楼道堆物 'keys:Tab Tab Left Left Left Left Tab' text:127
             keys:Enter 'wait:已新建问题 #471：楼道堆物')
NEW_DEMAND=(keys:n 'wait:新建事项' 'keys:Up Right Down' text:清理楼道杂物 'keys:Tab Tab Tab'
            text:127 keys:Enter 'wait:已新建需求 #472：清理楼道杂物')
LINK_DEMAND=(keys:L 'wait:问题（此项接在它之后）' keys:Enter 'wait:已关联：#471 → #472')
NEW_ACTION=(keys:n 'wait:新建事项' 'keys:Up Right Right Down' text:清运楼道杂物 'keys:Tab Tab Tab'
            text:127 keys:Tab text:物业 'wait:> 杜巷物业服务站' keys:Tab text:2026-12-05
            keys:Enter 'wait:已新建行动 #473：清运楼道杂物')
LINK_ACTION=(keys:L 'wait:需求（此项接在它之后）' keys:Down keys:Enter 'wait:已关联：#472 → #473')
CHAIN=("${LISTS[@]}" "${NEW_PROBLEM[@]}" "${NEW_DEMAND[@]}" "${LINK_DEMAND[@]}"
       "${NEW_ACTION[@]}" "${LINK_ACTION[@]}")
OPEN_PROBLEM=('keys:]' 'wait:[问题 50]' keys:Enter 'wait:#471 问题：楼道堆物' 'wait:行动  #473')
HISTORY_TIMES='s/2026-11-25 [0-9]{2}:[0-9]{2}/2026-11-25 HH:MM/g'
# (2) a roundtable of building 127: the problem and the demand from the lists, a free item,
# reordered there and back; attendance: the owner, a tenant and a deputies' office.
MEETING=(keys:4 'wait:待召开 8' keys:n 'wait:安排会议' keys:Tab text:127
         'wait:不填则由第一责任人 朱雪丽 主持' keys:Enter 'wait:已安排会议 #851')
AGENDA=(keys:a 'wait:添加议题：127号楼小圆桌' keys:Enter 'wait:已加入议程：问题  楼道堆物'
        keys:Down keys:Enter 'wait:已加入议程：需求  清理楼道杂物' keys:Escape 'wait:议程：2 项'
        keys:f 'wait:添加临时议题' text:邻里节安排 'keys:Tab C-u' text:15 keys:Enter
        'wait:议程：3 项，共 35 分钟' keys:K 'wait:2.  临时议题' keys:J 'wait:3.  临时议题')
ATTEND=(keys:A 'wait:出席：127号楼小圆桌' keys:Space 'wait:出席 1 人' text:杨丽 'wait:104'
        keys:Space 'wait:出席 2 人' keys:C-u text:人大 'wait:区人大代表九里亭联络站' keys:Space
        'wait:出席 3 人' keys:Enter 'wait:出席 3 人：业主 1 · 租客 1 · 两代表一委员 1')
PLANNED=("${CHAIN[@]}" "${MEETING[@]}" "${AGENDA[@]}" "${ATTEND[@]}")
# (3) the presentation: the meeting starts, the first item in big type.
PRESENT=(keys:p 'wait:开始“127号楼小圆桌”并投屏？' keys:y 'wait:第 1/3 项' 'wait:用时 00:00 / 10 分钟')
# (4) a note, the decision, the decision made an action (owner by typing, due: a week on).
DECIDE=(keys:n 'wait:Enter 确定' text:居民反映三楼楼道堆满纸箱 keys:Enter 'wait:记录已保存'
        keys:d 'wait:Enter 确定' text:本周六统一清运，物业负责 keys:Enter 'wait:议定事项已保存'
        keys:a 'wait:行动负责人：' text:物业 'wait:> 杜巷物业服务站' keys:Enter
        'wait:行动期限：2026-12-02' keys:Enter 'wait:已转为行动 #474')
# (5) closing: minutes in the database and in ~/xiangli-minutes.
MINUTES=xiangli-minutes/minutes-2026-11-25-851.md
CLOSE=(keys:q 'wait:已转行动 1' keys:C 'wait:并生成纪要？按 y 确认，n 取消' keys:y
       'wait:纪要已导出：~/xiangli-minutes/minutes-2026-11-25-851.md')

# ---- the lists
scenario lists-80x24 80 24 test.ini "${LISTS[@]}"
scenario lists-actions-100x30 100 30 test.ini "${LISTS[@]}" 'keys:[' 'wait:[行动 48（逾期 39）]'
scenario lists-200x50 200 50 test.ini keys:3 'wait:行动 48（逾期 39）' 'wait:问题 49'
scenario lists-filters-80x24 80 24 test.ini "${LISTS[@]}" keys:c keys:c 'wait:类别 安全隐患' \
    keys:t 'wait:状态 全部' keys:b text:4 keys:Enter 'wait:楼栋 4号楼' 'keys:[' 'wait:[行动'
scenario lists-overdue-80x24 80 24 test.ini "${LISTS[@]}" 'keys:!' 'wait:逾期 只看逾期' \
    'wait:[行动 39（逾期 39）]'
scenario lists-help-80x24 80 24 test.ini "${LISTS[@]}" 'keys:?' 'wait:按任意键关闭'
scenario lists-en-100x30 100 30 test-en.ini keys:3 'wait:[Problem 49]'
# A rejected form writes nothing: the action needs an owner and a due date.
scenario lists-rejected-80x24 80 24 test.ini "${LISTS[@]}" keys:n 'wait:新建事项' \
    'keys:Up Left Down' text:清运楼道杂物 keys:Enter 'wait:行动须有负责人' 'wait:行动须有期限'
scenario lists-rejected-nothing-80x24 80 24 test.ini "${LISTS[@]}" keys:n 'wait:新建事项' \
    'keys:Up Left Down' text:清运楼道杂物 keys:Enter 'wait:行动须有期限' keys:Escape \
    'wait:放弃已填写的内容？' keys:y 'wait:[问题 49]' 'wait:行动 48（逾期 39）'
scenario lists-chain-80x24 80 24 test.ini "${CHAIN[@]}" "${OPEN_PROBLEM[@]}" "mask:$HISTORY_TIMES"
scenario lists-chain-jump-80x24 80 24 test.ini "${CHAIN[@]}" "${OPEN_PROBLEM[@]}" \
    keys:Down keys:Down keys:Enter 'wait:#473 行动：清运楼道杂物' "mask:$HISTORY_TIMES"
scenario lists-link-picker-80x24 80 24 test.ini "${LISTS[@]}" "${NEW_PROBLEM[@]}" \
    "${NEW_DEMAND[@]}" keys:L 'wait:问题（此项接在它之后）'

# ---- the roundtable
scenario rt-meetings-80x24 80 24 test.ini keys:4 'wait:待召开 8'
scenario rt-meetings-200x50 200 50 test.ini keys:4 'wait:待召开 8'
scenario rt-plan-form-80x24 80 24 test.ini keys:4 'wait:待召开 8' keys:n 'wait:安排会议' \
    keys:Tab text:127 'wait:不填则由第一责任人 朱雪丽 主持'
scenario rt-agenda-80x24 80 24 test.ini "${PLANNED[@]}"
scenario rt-stale-80x24 80 24 test.ini keys:4 'wait:待召开 8' keys:w 'wait:没开小圆桌的楼栋'
scenario rt-present-80x24 80 24 test.ini "${PLANNED[@]}" "${PRESENT[@]}"
# Planned at 80x24 (the lists are tabs there), presented on the big screen.
scenario rt-present-200x50 80 24 test.ini "${PLANNED[@]}" resize:200x50 'wait:出席 3 人' \
    "${PRESENT[@]}"
scenario rt-present-next-80x24 80 24 test.ini "${PLANNED[@]}" "${PRESENT[@]}" keys:Space \
    'wait:第 2/3 项' keys:Right 'wait:第 3/3 项' 'wait:用时 00:00 / 15 分钟'
scenario rt-decision-80x24 80 24 test.ini "${PLANNED[@]}" "${PRESENT[@]}" "${DECIDE[@]}"
scenario rt-action-in-lists-80x24 80 24 test.ini "${PLANNED[@]}" "${PRESENT[@]}" "${DECIDE[@]}" \
    keys:q 'wait:已转行动 1' keys:3 'wait:[行动 50（逾期 39）]' keys:b text:127 keys:Enter \
    'wait:楼栋 127号楼' 'wait:[行动 2]' 'wait:本周六统一清运，物业负责'
scenario rt-close-80x24 80 24 test.ini "${PLANNED[@]}" "${PRESENT[@]}" "${DECIDE[@]}" \
    "${CLOSE[@]}" "file:$MINUTES|## 出席（3）" "file:$MINUTES|**议定事项：**本周六统一清运，物业负责" \
    "file:$MINUTES|- #474 本周六统一清运，物业负责 — 负责人：杜巷物业服务站，期限：2026-12-02" \
    "file:$MINUTES|**记录：**居民反映三楼楼道堆满纸箱"
# (issue 12 item 14) the minutes file's path stays in sight on the closed meeting once the
# status line has moved on
scenario rt-closed-minutes-path-80x24 80 24 test.ini "${PLANNED[@]}" "${PRESENT[@]}" \
    "${DECIDE[@]}" "${CLOSE[@]}" keys:Down 'gone:纪要已导出' \
    "wait:纪要文件：~/$MINUTES"

# ---- the map and the building card
scenario map-items-80x24 80 24 test.ini 'wait:共 326 栋' keys:o keys:o keys:o \
    'wait:图层：未办结问题'
scenario map-roundtable-80x24 80 24 test.ini 'wait:共 326 栋' keys:o keys:o keys:o keys:o \
    'wait:图层：小圆桌'
scenario map-roundtable-200x50 200 50 test.ini 'wait:共 326 栋' keys:o keys:o keys:o keys:o \
    'wait:图层：小圆桌'
scenario card-open-items-80x24 80 24 test.ini 'wait:共 326 栋' keys:g text:78 keys:Enter \
    'wait:未办结事项 5 项'

tui_finish

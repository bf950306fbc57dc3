#!/usr/bin/env bash
# report.sh BINARY — screen tests for the monthly side (issue 13): the statistics pane (5 统计)
# at 80x24 and 200x50, a month's rows behind its bar, a building's card from its line; a
# document (6 文档) at 80x24 and 200x50 and switching documents; an assessment entry (a lane
# scored in the form, its total and rank in the table after); the first responsible
# persons' record and its changes; writing the workbook from the desk.
# The same harness as the other screen tests (lib.sh): pinned size, LANG, TERM, TZ and
# XIANGLI_TODAY, polling capture-pane; every scenario on its own fresh copy of the demo
# database (seed 1) with its own HOME. UPDATE_EXPECTED=1 rewrites the expected screens.
set -u
. "$(dirname "$0")/lib.sh"

tui_args "$@"
tui_init xl-report xl-report
tui_pin_env
tui_pass_env XIANGLI_DATA_DIR
tui_setup "$TMP/pristine.db"

scenario_start() {
    HOME_DIR=$TMP/home-$1
    cp "$TMP/pristine.db" "$TMP/$1.db"
    mkdir -p "$HOME_DIR"
    start "$2" "$3" "$4" "$TMP/$1.db" "$HOME_DIR"
}

# The workbook's path names the scenario's temporary HOME: masked before comparing.
scenario_captured() { sed -i -E 's#/tmp/xl-report\.[A-Za-z0-9]+/#TMP/#' "$1"; }

# Polls until the file (relative to the scenario's HOME) exists.
step_extra() {
    local s=$1 arg=$2 end=$((SECONDS + TIMEOUT))
    case $s in
        file:*) until [ -s "$HOME_DIR/$arg" ]; do
                    [ $SECONDS -ge $end ] && { echo "  no file $arg"; return 1; }
                    sleep 0.05
                done ;;
        *) echo "  bad step: $s"; return 1 ;;
    esac
}

STATS=(keys:5 'wait:在住人员（按身份）')
# the bars are reverse-video spaces in colour; the monochrome theme (test-mono.ini) draws #
scenario stats-80x24 80 24 test.ini "${STATS[@]}"
scenario stats-200x50 200 50 test-mono.ini "${STATS[@]}" 'wait:户籍省份'
# the end of the page: roundtable coverage by lane and pioneer group
scenario stats-end-80x24 80 24 test-mono.ini "${STATS[@]}" 'keys:End' 'wait:先锋楼组第3组'
# down past the roles and the worst buildings to the months
MONTH=(keys:Down keys:Down keys:Down keys:Down keys:Down keys:Down keys:Down keys:Down
       keys:Down keys:Down keys:Down keys:Down keys:Down keys:Down keys:Down keys:Down)
scenario stats-behind-80x24 80 24 test.ini "${STATS[@]}" "${MONTH[@]}" keys:Enter 'wait:明细'
scenario stats-card-80x24 80 24 test.ini "${STATS[@]}" keys:Down keys:Down keys:Down keys:Down \
    keys:Enter 'wait:徐浩坤'
scenario docs-80x24 80 24 test.ini keys:6 'wait:租客入住须知' 'wait:第 1.0 版'
scenario docs-200x50 200 50 test.ini keys:6 'wait:第 1.0 版' 'keys:]' 'wait:杜巷小区居民公约'
scenario docs-scroll-80x24 80 24 test.ini keys:6 'wait:第 1.0 版' 'keys:[' 'wait:本手册写给' keys:PgDn \
    'wait:四、小圆桌'
# an assessment entry: the first lane scored, then the table shows its total and rank
scenario assess-form-80x24 80 24 test.ini "${STATS[@]}" keys:a 'wait:物业服务管理考核' keys:Enter \
    'wait:考核评分' text:90 keys:Down text:巷弄干净 keys:Down text:70 keys:Down \
    text:楼道有电动车
scenario assess-entry-80x24 80 24 test.ini "${STATS[@]}" keys:a 'wait:物业服务管理考核' keys:Enter \
    'wait:考核评分' text:90 keys:Down text:巷弄干净 keys:Down text:70 keys:Down \
    text:楼道有电动车 keys:Enter 'wait:的评分已保存' 'wait:78.89'
scenario resp-record-80x24 80 24 test.ini "${STATS[@]}" keys:r 'wait:做得好的在前'
scenario resp-record-200x50 200 50 test.ini "${STATS[@]}" keys:r 'wait:做得好的在前'
scenario resp-changes-80x24 80 24 test.ini "${STATS[@]}" keys:r 'wait:做得好的在前' keys:H \
    'wait:第一责任人的变更记录'
scenario report-write-80x24 80 24 test.ini "${STATS[@]}" keys:w 'wait:写出街道报表的月份' \
    keys:Enter 'wait:已写好街道报表' 'file:xiangli-reports/街道报表-2026-11.xlsx'

tui_finish

#!/usr/bin/env bash
# structure.sh BINARY — screen tests for the community set-up at the desk (issue 10): the
# first-run screen of an empty database (and the template written and imported from it), the
# building card's edits (the building, a room's declared headcount, refusals beside the
# fields), and the 社区结构 tab (adding a party member). After a write, the CLI
# (`stats --json`) shows that the database holds what the screen said.
#
# The same harness as register.sh (lib.sh: a detached tmux pane of a fixed size, pinned
# LANG, TERM, TZ and XIANGLI_TODAY, polling capture-pane, never fixed sleeps); every
# scenario on its own copy of a database: the demo (seed 1) or an empty one (init).
# UPDATE_EXPECTED=1 rewrites the expected screens (read them before committing!).
# Extra steps:
#   fill:          fills ~/xiangli-社区模板.xlsx as an office would (tests/e2e/fill_community.py)
#   json:B:KEY:V   `stats --json`: building B's KEY is V
set -u
. "$(dirname "$0")/lib.sh"

tui_args "$@"
tui_init xl-struct xl-struct
tui_pin_env
PY=/usr/bin/python3 # the system Python: python3-openpyxl is a Debian package

tui_setup "$TMP/pristine.db"
if ! env -i PATH="$PATH" HOME="$TMP" "${PIN_ENV[@]}" "$BIN" --db "$TMP/empty.db" init \
        >"$TMP/init-empty.log" 2>&1; then
    echo "FAIL setup: init (empty) failed:"; cat "$TMP/init-empty.log"; exit 1
fi

# SCENARIO_DB: which database a scenario starts from (pristine = the demo, or empty).
SCENARIO_DB=pristine
scenario_start() {
    rm -f "$TMP/xiangli-社区模板.xlsx"
    cp "$TMP/$SCENARIO_DB.db" "$TMP/$1.db"
    CUR_DB=$TMP/$1.db
    start "$2" "$3" "$4" "$CUR_DB" "$TMP"
}

step_extra() {
    case $1 in
        fill:*)
            "$PY" "$HERE/../e2e/fill_community.py" "$TMP/xiangli-社区模板.xlsx" "$TMP/filled.xlsx" &&
                mv "$TMP/filled.xlsx" "$TMP/xiangli-社区模板.xlsx" ;;
        json:*)
            local b k v got
            IFS=: read -r b k v <<<"$2"
            got=$(env -i PATH="$PATH" HOME="$TMP" "${PIN_ENV[@]}" "$BIN" --db "$CUR_DB" stats --json |
                  grep "\"building\": $b," | grep -o "\"$k\": [^,}]*")
            [ "$got" = "\"$k\": $v" ] || { echo "  stats --json building $b: want \"$k\": $v, got $got"; return 1; } ;;
        *) echo "  bad step: $1"; return 1 ;;
    esac
}

# ---- the first-run screen (an empty database)
SCENARIO_DB=empty
FIRST=('wait:欢迎使用巷里' 'wait:t 生成模板')
scenario firstrun-80x24 80 24 test.ini "${FIRST[@]}"
scenario firstrun-200x50 200 50 test.ini "${FIRST[@]}"
scenario firstrun-help-80x24 80 24 test.ini "${FIRST[@]}" 'keys:?' 'wait:按任意键关闭'
# t writes the template, an office fills it in (python3-openpyxl, installed by .ci/setup), i
# imports it: the map appears
scenario firstrun-import-80x24 80 24 test.ini "${FIRST[@]}" keys:t 'wait:模板已写好' fill: \
    keys:i 'wait:导入社区工作簿' keys:Enter 'wait:预检没有发现错误' keys:y 'wait:已导入' \
    'json:127:declared:5'

# ---- the building card: the building and a room
SCENARIO_DB=pristine
CARD=('wait:共 326 栋' keys:g text:127 keys:Enter 'wait:127号楼  杜巷六弄  3层')
EDIT=("${CARD[@]}" keys:e 'wait:修改127号楼' keys:Down keys:Down keys:C-u)
scenario card-edit-rejected-80x24 80 24 test.ini "${EDIT[@]}" text:30 keys:Down keys:Down \
    keys:Down keys:Right keys:Enter 'wait:请填 1～20 的整数'
scenario card-edit-200x50 200 50 test.ini "${EDIT[@]}" text:5 keys:Down keys:Down keys:Down \
    keys:Right 'wait:第3组' keys:Enter 'wait:已保存' 'wait:5层' \
    'json:127:pioneer_group:3'
scenario card-room-80x24 80 24 test.ini "${CARD[@]}" keys:r 'wait:房间号' text:302 keys:Enter \
    'wait:修改房间 127-302' keys:C-u text:4 keys:Enter 'wait:已保存' 'json:127:declared:29'
scenario card-room-form-80x24 80 24 test.ini "${CARD[@]}" keys:r 'wait:房间号' text:302 \
    keys:Enter 'wait:修改房间 127-302' keys:Down keys:Down keys:C-u text:0 keys:Enter \
    'wait:请填 1～99 的整数'
scenario card-room-remove-80x24 80 24 test.ini "${CARD[@]}" keys:D 'wait:删除房间' text:303 \
    keys:Enter 'wait:删除 127-303？' keys:y 'wait:还有在住人员'

# ---- the structure tab: a party member added
STRUCT=('wait:共 326 栋' keys:7 'wait:组织 13' keys:Right 'wait:党员户')
scenario structure-80x24 80 24 test.ini "${STRUCT[@]}"
scenario structure-party-80x24 80 24 test.ini "${STRUCT[@]}" keys:n 'wait:新增党员' text:单梅 \
    keys:Down keys:Down text:127 keys:Down text:103 keys:Down text:第一党支部 keys:Enter \
    'wait:已保存' 'wait:127-103' 'json:127:party_households:1'
scenario structure-party-rejected-80x24 80 24 test.ini "${STRUCT[@]}" keys:n 'wait:新增党员' \
    text:无此人 keys:Enter 'wait:找不到这个人员'

tui_finish

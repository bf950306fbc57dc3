#!/usr/bin/env bash
# register.sh BINARY — screen tests for the register (登记): search, the sign-in form,
# sign-out, the history on the person's card, the stale view, the change of the first
# responsible person.
#
# The same harness as run.sh (a detached tmux pane of a fixed size, pinned LANG, TERM, TZ and
# XIANGLI_TODAY, polling capture-pane, never fixed sleeps), except that every scenario starts
# on its own fresh copy of the demo database (seed 1): these scenarios write.
# Prints "ok NAME" / "FAIL NAME" (with a diff) per scenario; exits 1 on any failure.
# UPDATE_EXPECTED=1 rewrites the expected screens (read them before committing!). A scenario
# whose expected screen does not exist fails.
# Scenario steps:
#   wait:TEXT      poll until TEXT is on the screen (10 s at most)
#   gone:TEXT      poll until TEXT is no longer on the screen
#   keys:K1 K2 ..  tmux send-keys, one argument per key (Enter, Escape, Tab, BSpace, C-u, ...)
#   text:TEXT      TEXT typed as it is (UTF-8: Chinese arrives as wide characters)
# (The harness and these steps: lib.sh.)
set -u
. "$(dirname "$0")/lib.sh"

tui_args "$@"
tui_init xl-reg xl-reg
tui_pin_env

# ---- set up: one pristine demo database (copied for each scenario), a tmux server
setup() {
    tui_setup "$TMP/pristine.db"
    # Sheets to import ($HOME is $TMP: the screens show ~/bad.csv, the same on every machine)
    printf '%s\n' '姓名,身份证号,手机号,楼栋,房间,身份,入住日期,备注' \
        '李四,341225199503121240,13912345678,127,302,租客,2026-03-01,' \
        '王五,,1391234,127,999,租客,2026-03-01,' '赵六,,,999,101,房客,2026/3/1,' >"$TMP/bad.csv"
    printf '%s\n' '姓名,身份证号,手机号,楼栋,房间,身份,入住日期' \
        '王小梅,341225199503121241,13912345678,127,302,租客,2026-03-01' \
        '李四,341225199503121284,13812345678,128,101,租客,2026-04-01' >"$TMP/good.csv"
}

# Every scenario on its own copy of the pristine database.
scenario_start() {
    cp "$TMP/pristine.db" "$TMP/$1.db"
    start "$2" "$3" "$4" "$TMP/$1.db" "$TMP"
}

setup

# ---- the steps, as arrays to share between scenarios
REGISTER=(keys:2 'wait:第 1 / 7203 条')
REGISTER_EN=(keys:2 'wait:1 of 7203')
# The sign-in form, filled for a new tenant of 127-302 who moved in on 2026-03-01, with an
# ID number whose check character is wrong (…1240; the right one is 1).
FORM=(keys:a 'wait:签进：登记新入住的人' text:王小梅 keys:Tab keys:Tab
      text:341225199503121240 keys:Tab text:13912345678 keys:Tab text:安徽 keys:Tab
      text:松江某服装厂 keys:Tab text:127 keys:Tab text:302 keys:Tab keys:Tab keys:C-u
      text:2026-03-01 'wait:2026-03-01')
REJECTED=(keys:Enter 'wait:身份证号校验位不对，请逐位核对')
# Fix the check character (the cursor is at its end: the ID field has the focus), submit.
SIGNED_IN=(keys:BSpace text:1 'wait:341225199503121241' keys:Enter
           'wait:已签进：王小梅，127-302（租客）')
FIND=(keys:/ text:王小梅 'wait:找到 1 人' keys:Enter 'wait:Esc 清除搜索')
CARD=(keys:Enter 'wait:居住记录 1 条')
SIGNED_OUT=(keys:o 'wait:签出：王小梅' keys:Enter 'wait:已签出：王小梅，127-302，搬离日期 2026-11-25')
BUILDING_127=(keys:1 'wait:共 326 栋' keys:g text:127 'wait:跳转到楼号：127' keys:Enter
              'wait:127号楼  杜巷六弄  3层')

# ---- the register itself
scenario reg-register-80x24 80 24 test.ini "${REGISTER[@]}"
scenario reg-register-200x50 200 50 test.ini "${REGISTER[@]}"
scenario reg-register-en-100x30 100 30 test-en.ini "${REGISTER_EN[@]}"
scenario reg-help-80x24 80 24 test.ini "${REGISTER[@]}" 'keys:?' 'wait:按任意键关闭'
scenario reg-filters-80x24 80 24 test.ini "${REGISTER[@]}" keys:b text:127 keys:Enter \
    'wait:楼栋 127号楼' keys:r keys:r keys:r 'wait:身份 租客' keys:H 'wait:已搬离 显示'
scenario reg-end-80x24 80 24 test.ini "${REGISTER[@]}" keys:End 'wait:第 7203 / 7203 条'
# (1) search by pinyin initials: every hit's name reads z… s…
scenario reg-search-zs-80x24 80 24 test.ini "${REGISTER[@]}" keys:/ text:zs 'wait:第 1 / '
scenario reg-search-full-80x24 80 24 test.ini "${REGISTER[@]}" keys:/ 'text:zhang wen' \
    'wait:第 1 / '
scenario reg-search-room-80x24 80 24 test.ini "${REGISTER[@]}" keys:/ text:127-101 \
    'wait:找到 4 人'

# ---- (5) the form fits at 80x24; (2) a rejected field first, then the sign-in
scenario reg-form-80x24 80 24 test.ini "${REGISTER[@]}" keys:a 'wait:[租客]'
scenario reg-form-rejected-80x24 80 24 test.ini "${REGISTER[@]}" "${FORM[@]}" "${REJECTED[@]}"
scenario reg-signin-80x24 80 24 test.ini "${REGISTER[@]}" "${FORM[@]}" "${REJECTED[@]}" \
    "${SIGNED_IN[@]}" 'wait:第 1 / 7204 条' "${FIND[@]}"
scenario reg-signin-card127-80x24 80 24 test.ini "${REGISTER[@]}" "${FORM[@]}" \
    "${REJECTED[@]}" "${SIGNED_IN[@]}" "${BUILDING_127[@]}" 'wait:王小梅' 'wait:14/27人'
# The new tenant is found by pinyin too.
scenario reg-signin-pinyin-80x24 80 24 test.ini "${REGISTER[@]}" "${FORM[@]}" "${REJECTED[@]}" \
    "${SIGNED_IN[@]}" keys:/ 'text:wang xiao mei' 'wait:王小梅'
# The same ID number again: recognised, offered as a move instead of a duplicate.
scenario reg-duplicate-80x24 80 24 test.ini "${REGISTER[@]}" "${FORM[@]}" "${REJECTED[@]}" \
    "${SIGNED_IN[@]}" keys:a 'wait:签进：登记新入住的人' text:王晓梅 keys:Tab keys:Tab \
    text:341225199503121241 keys:Tab keys:Tab keys:Tab keys:Tab text:128 keys:Tab text:101 \
    keys:Enter 'wait:此身份证号已登记：王小梅，现住 127-302' 'wait:按 y'
scenario reg-moved-80x24 80 24 test.ini "${REGISTER[@]}" "${FORM[@]}" "${REJECTED[@]}" \
    "${SIGNED_IN[@]}" keys:a 'wait:签进：登记新入住的人' text:王晓梅 keys:Tab keys:Tab \
    text:341225199503121241 keys:Tab keys:Tab keys:Tab keys:Tab text:128 keys:Tab text:101 \
    keys:Enter 'wait:按 y' keys:y 'wait:已换房：王小梅，128-101（租客）' "${FIND[@]}" keys:Enter \
    'wait:居住记录 2 条'

# ---- (3) sign-out: the building's card no longer lists them; (4) the history
scenario reg-signout-card127-80x24 80 24 test.ini "${REGISTER[@]}" "${FORM[@]}" \
    "${REJECTED[@]}" "${SIGNED_IN[@]}" "${FIND[@]}" "${CARD[@]}" "${SIGNED_OUT[@]}" \
    'wait:2026-03-01 ~ 2026-11-25' "${BUILDING_127[@]}" 'wait:13/27人'
scenario reg-history-80x24 80 24 test.ini "${REGISTER[@]}" "${FORM[@]}" "${REJECTED[@]}" \
    "${SIGNED_IN[@]}" "${FIND[@]}" "${CARD[@]}" "${SIGNED_OUT[@]}" keys:q 'gone:> 王小梅' \
    keys:Escape 'wait:按 / 搜索' "${FIND[@]}" 'wait:2026-11-25' keys:Enter \
    'wait:2026-03-01 ~ 2026-11-25' 'wait:签出 窗口'

# ---- reveal, stale tenancies, first responsible person
scenario reg-reveal-80x24 80 24 test.ini "${REGISTER[@]}" keys:Enter 'wait:居住记录' keys:v \
    'wait:查看完整号码：李波' keys:Enter 'wait:须填写理由' text:派出所核查 keys:Enter \
    'wait:完整号码，按任意键隐藏'
scenario reg-stale-80x24 80 24 test.ini "${REGISTER[@]}" keys:S 'wait:超过 180 天未核实' \
    keys:y 'wait:已核实：陈梦月 仍住 1-202' 'wait:769 人'
scenario reg-responsible-80x24 80 24 test.ini "${BUILDING_127[@]}" keys:R \
    'wait:更换第一责任人：127号楼' keys:Down keys:Down keys:Down keys:Down keys:Down keys:Down \
    keys:Down 'wait:[二房东]' keys:Enter 'wait:127号楼第一责任人改为 汤磊（二房东）' \
    'wait:汤磊（二房东）  162****4146'

# ---- import: the problems of a bad sheet (nothing imported), then a good one for real
scenario reg-import-problems-80x24 80 24 test.ini "${REGISTER[@]}" keys:I 'wait:导入人员' \
    'text:~/bad.csv' keys:Enter 'wait:错误 5 个，提醒 1 个'
scenario reg-import-80x24 80 24 test.ini "${REGISTER[@]}" keys:I 'wait:导入人员' \
    'text:~/good.csv' keys:Enter 'wait:按 y 正式导入' keys:y 'wait:已导入 ~/good.csv' \
    'wait:第 1 / 7205 条' keys:/ text:王小梅 'wait:找到 1 人'

tui_finish

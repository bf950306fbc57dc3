#!/usr/bin/env bash
# onduty.sh BINARY — who is on duty (issue 9): with neither --operator nor XIANGLI_OPERATOR
# the desk opens on the on-duty pick (recent names, most recent first); a new name typed and
# chosen names the audit rows; the next start offers it first. With XIANGLI_OPERATOR set
# (every other screen test) the desk does not ask.
set -u
. "$(dirname "$0")/lib.sh"

tui_args "$@"
tui_init xl-onduty xl-onduty
tui_pin_env
tui_setup "$TMP/demo.db"

# test.ini names an operator (every other screen test); here a copy that does not
grep -v '^operator' "$HERE/test.ini" >"$TMP/unnamed.ini"
scenario_start() { start "$2" "$3" "$TMP/unnamed.ini" "$TMP/demo.db" "$TMP"; }
ok() { echo "ok $*"; }
bad() { echo "FAIL $*"; failures=$((failures + 1)); }

# named in the environment: no question (the expected screen is the map, no pick over it)
tui_pin_env XIANGLI_OPERATOR=李强 # (what the desk writes is his: opening the documents writes
# the tenant guide's first version; the desk builds a tab when it is first shown)
scenario onduty-named-80x24 80 24 test.ini 'wait:楼栋地图' keys:6 'wait:第 1.0 版' keys:1 'gone:第 1.0 版'
tui_pin_env XIANGLI_OPERATOR=   # nobody named: the desk asks
# the demo was built under tui-test; a new name typed and chosen
scenario onduty-pick-80x24 80 24 test.ini 'wait:谁在值班' text:王芳 'wait:新值班员' keys:Enter \
    'wait:值班员：王芳'
n=$(sqlite3 -cmd ".timeout 5000" "$TMP/demo.db" "SELECT count(*) FROM audit WHERE operator = '王芳' AND action = 'operator.on_duty'")
[ "$n" = 1 ] && ok "the choice is audited under the name" || bad "operator.on_duty by 王芳: $n rows"
# next start: 王芳 first; Enter takes her
scenario onduty-recent-80x24 80 24 test.ini 'wait:谁在值班' 'wait:王芳'
n=$(sqlite3 -cmd ".timeout 5000" "$TMP/demo.db" "SELECT group_concat(login, ',') FROM (SELECT login FROM operator ORDER BY last_seen DESC)")
[ "${n%%,*}" = 王芳 ] && ok "most recent first: $n" || bad "operators: $n"
tui_finish

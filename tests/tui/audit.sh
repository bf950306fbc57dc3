#!/usr/bin/env bash
# audit.sh BINARY — the desk's audit log (操作留痕, issue 9), opened from the register with L:
# who did what to whom, when, newest first; a number revealed at the desk and an unmasked
# export made with the CLI are marked "!" and drawn in the warning colour (checked in the
# colours tmux keeps, not only in the text), under the names of the officers who did them;
# o keeps one officer, d refuses a date that is not one, x clears.
#
# The same harness as register.sh (lib.sh: a detached tmux pane of a fixed size, pinned
# LANG, TERM, TZ and XIANGLI_TODAY, polling capture-pane, never fixed sleeps); every scenario
# on its own copy of the demo database, on which 李强 made an unmasked export with the CLI.
# The desk runs as 张三. Audit times are the clock's: masked as hh:mm before comparing; so is
# what the desk notes at its start about the shipped documents (their version and path).
# Extra steps:
#   warn:TEXT      the screen line holding TEXT is drawn in the warning colour (red)
#   plain:TEXT     the screen line holding TEXT has no red in it
set -u
. "$(dirname "$0")/lib.sh"

tui_args "$@"
tui_init xl-audit xl-audit
tui_pin_env
tui_setup "$TMP/pristine.db"
# The export as 李强, from $TMP so that the audit's detail names the file the same everywhere
if ! (cd "$TMP" && env -i PATH="$PATH" HOME="$TMP" "${PIN_ENV[@]}" "$BIN" --db pristine.db \
        --operator 李强 export residents out.csv --unmasked --reason 派出所协查 \
        >"$TMP/export.log" 2>&1); then
    echo "FAIL setup: export --unmasked failed:"; cat "$TMP/export.log"; exit 1
fi
# The shipped documents through a path of the same length in every checkout: the desk's note
# of their version names the file, and the screen wraps that line by its length.
ln -s "$(cd "$(dirname "$0")/../../data" && pwd)" "$TMP/data"
tui_pin_env XIANGLI_OPERATOR=张三 XIANGLI_DATA_DIR="$TMP/data"

scenario_start() {
    cp "$TMP/pristine.db" "$TMP/$1.db"
    start "$2" "$3" "$4" "$TMP/$1.db" "$TMP"
}
scenario_captured() {
    sed -i -E -e 's/(2026-11-25) [0-9]{2}:[0-9]{2}/\1 hh:mm/g' -e 's/- (->|→) [0-9].*/- \1 …/' "$1"
}

# The screen line holding TEXT, with its colours (SGR sequences).
line_with() { tmx capture-pane -p -e -t xl | grep -F -- "$1" | head -n 1; }
is_red() { [[ $1 == *$'\e[1m\e[31m'* || $1 == *$'\e[31;1m'* || $1 == *$'\e[1;31m'* ]]; }
# Polls (as lib.sh's poll) until the line holding TEXT is red (want=1) or shown without red.
poll_red() {
    local want=$1 text=$2 end=$((SECONDS + TIMEOUT)) line
    while :; do
        line=$(line_with "$text")
        if [ "$want" = 1 ]; then is_red "$line" && return 0
        else [ -n "$line" ] && [[ $line != *'31m'* ]] && return 0; fi
        [ $SECONDS -ge $end ] && { printf '  %q\n' "$line"; return 1; }
        sleep 0.05
    done
}
step_extra() {
    local s=$1 arg=$2
    case $s in
        warn:*) poll_red 1 "$arg" || { echo "  not in the warning colour: $arg"; return 1; } ;;
        plain:*) poll_red 0 "$arg" || { echo "  missing or red: $arg"; return 1; } ;;
        *) echo "  bad step: $s"; return 1 ;;
    esac
}

# ---- the steps
# The documents tab first: opening it writes the tenant guide's first version (an audit row),
# which the desk used to do at start when it built every tab before its first frame.
DOCS=(keys:6 'wait:第 1.0 版')
REGISTER=("${DOCS[@]}" keys:2 'wait:第 1 / 7203 条')
# 李波's ID number revealed on his card (the first row of the register), then hidden again
REVEAL=(keys:Enter 'wait:居住记录' keys:v 'wait:查看完整号码：李波' keys:Enter 'wait:须填写理由'
        text:派出所核查 keys:Enter 'wait:完整号码，按任意键隐藏' keys:x 'gone:完整号码，按任意键隐藏'
        keys:q 'gone:> 李波')
AUDIT=(keys:L 'wait:> 操作留痕')
# The reveal is the newest (selected); the export is red, the demo's entry is not; one line
# down the reveal is red too; back up (selected: no longer red). The details read in the
# officer's words (xl_audit_words): 文件：out.csv, not file=out.csv.
COLOURS=(warn:文件：out.csv plain:随机数种子：1 keys:Down warn:李波 keys:Up plain:李波
         'wait:理由：派出所核查')

scenario audit-80x24 80 24 test.ini "${REGISTER[@]}" "${REVEAL[@]}" "${AUDIT[@]}" \
    'wait:共 4 条' "${COLOURS[@]}"
scenario audit-en-100x30 100 30 test-en.ini keys:6 'wait:1.0' keys:2 'wait:1 of 7203' keys:Enter 'wait:Residencies' \
    keys:v 'wait:Show a whole number: 李波' keys:Enter 'wait:needs a reason' text:police-check \
    keys:Enter 'wait:any key hides it' keys:x 'gone:any key hides it' keys:q 'gone:> 李波' \
    keys:L 'wait:> Audit log' 'wait:4 entries' warn:file=out.csv plain:seed=1 \
    keys:Down warn:李波 keys:Up plain:李波 'wait:reason=police-check'
# One officer: only 李强's export; a date that is not one is refused, the filter kept
scenario audit-filter-80x24 80 24 test.ini "${REGISTER[@]}" "${AUDIT[@]}" keys:o \
    'wait:只看值班员' text:李强 keys:Enter 'wait:共 1 条' keys:d 'wait:从哪天起' \
    text:2026-13-01 keys:Enter 'wait:“2026-13-01”不是日期'
# A date after everything: nothing; x clears both filters
scenario audit-cleared-80x24 80 24 test.ini "${REGISTER[@]}" "${AUDIT[@]}" keys:o \
    'wait:只看值班员' text:李强 keys:Enter 'wait:共 1 条' keys:d 'wait:从哪天起' \
    text:2026-11-26 keys:Enter 'wait:没有符合筛选条件的记录' keys:x 'wait:已清除筛选' 'wait:共 3 条'

tui_finish

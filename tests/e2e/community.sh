#!/usr/bin/env bash
# community.sh BINARY — from `xiangli init` to a working community with only the template
# and imports (issue 10): write the template, fill it with a script (openpyxl, as an office
# fills it in Excel), dry-run and import it, then stats --json, lookup 127 --json and the
# map data show it; the same file again changes nothing (the database file is byte-identical);
# one changed row changes exactly that row. Also: an ID stored as a number is refused naming
# FILE:SHEET:ROW and the column, and nothing is written.
set -u
XL=${1:?usage: community.sh BINARY}
XL=$(cd "$(dirname "$XL")" && pwd)/$(basename "$XL")
HERE=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3
if ! "$PY" -c 'import openpyxl' 2>/dev/null; then
    echo "FAIL: python3-openpyxl is not installed (.ci/setup installs it)"
    exit 1
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/xl-community.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
export XIANGLI_TODAY=2026-11-25 TZ=Asia/Shanghai LANG=C.UTF-8
cd "$TMP" || exit 1
fails=0
ok() { echo "ok $1"; }
fail() { echo "FAIL $1"; fails=$((fails + 1)); }
check() { # NAME COMMAND... : passes when the command succeeds
    local name=$1; shift
    if "$@"; then ok "$name"; else fail "$name"; fi
}
json() { "$PY" -c "import json,sys; d=json.load(open('$1')); sys.exit(0 if ($2) else 1)"; }

DB=$TMP/c.db
"$XL" --db "$DB" init >/dev/null || { echo "FAIL init"; exit 1; }
check "template written" "$XL" --db "$DB" template community -o template.xlsx
check "template refuses to overwrite" bash -c "! '$XL' --db '$DB' template community -o template.xlsx 2>/dev/null"
# the template is the office's: the same Chinese sheets, heads and choices under --lang en
# (only the notes on the heads follow the UI language)
"$XL" --db "$DB" --lang en template community -o template-en.xlsx >/dev/null
check "template under --lang en: the same sheets, heads and choices" "$PY" -c 'import sys, zipfile
a, b = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
parts = [n for n in a.namelist() if n == "xl/workbook.xml" or n == "xl/sharedStrings.xml" or n.startswith("xl/worksheets/sheet")]
sys.exit(0 if len(parts) == 8 and all(a.read(n) == b.read(n) for n in parts) and "人员".encode() in a.read("xl/workbook.xml") else 1)' template.xlsx template-en.xlsx
"$PY" "$HERE/fill_community.py" template.xlsx filled.xlsx || { echo "FAIL fill"; exit 1; }

cp "$DB" before.db
"$XL" --db "$DB" import community filled.xlsx --dry-run >dry.txt 2>dry.err
check "dry run succeeds" test $? -eq 0
check "dry run lists added rows" grep -q '楼栋：3 行，新增 3，修改 0，未变 0' dry.txt
check "dry run writes nothing" cmp -s before.db "$DB"

"$XL" --db "$DB" import community filled.xlsx >imp.txt 2>imp.err
check "import succeeds" test $? -eq 0
check "import applies what the dry run said" cmp -s dry.txt <(sed '$a 预检：没有写入任何内容' imp.txt)

"$XL" --db "$DB" stats --json >stats.json
check "stats: 3 buildings, 4 residents" json stats.json 'd["buildings"]==3 and d["residents"]==4 and d["declared"]==7'
check "stats: no headcount -> null rate" json stats.json '[b for b in d["per_building"] if b["building"]==215][0]["registration_rate"] is None'
check "stats: party-member household on the map" json stats.json '[b for b in d["per_building"] if b["building"]==128][0]["party_households"]==1'
check "stats: pioneer group and lane" json stats.json '[b for b in d["per_building"] if b["building"]==127][0]["pioneer_group"]==1 and d["per_building"][0]["lane"]=="1弄"'
"$XL" --db "$DB" lookup 127 --json >lookup.json
check "lookup 127 shows its residents" json lookup.json 'sorted(p["name"] for p in d)==["张三","李四","王建国"]'
# one kind from a CSV: buildings without any declared headcount show "—", not 100%
printf '\xef\xbb\xbf楼栋号,弄,层数\n5,3弄,2\n6,3弄,2\n' >buildings.csv
"$XL" --db "$TMP/b.db" init >/dev/null
check "import buildings from CSV" "$XL" --db "$TMP/b.db" import buildings buildings.csv
"$XL" --db "$TMP/b.db" --lang zh stats >b-stats.txt
check "stats text: rate — where nothing declared" grep -q '登记采集率：—' b-stats.txt
"$XL" --db "$TMP/b.db" stats --json >b-stats.json
check "stats json: rate null where nothing declared" json b-stats.json 'd["registration_rate"] is None and d["buildings"]==2'

# the same file again: nothing changes, not one byte
cp "$DB" once.db
"$XL" --db "$DB" import community filled.xlsx >again.txt 2>&1
check "re-import: all unchanged" grep -q '楼栋：3 行，新增 0，修改 0，未变 3' again.txt
check "re-import: database byte-identical" cmp -s once.db "$DB"

# one changed row: exactly that changes
"$PY" "$HERE/fill_community.py" template.xlsx changed.xlsx --change
"$XL" --db "$DB" import community changed.xlsx >change.txt 2>&1
check "one row changed: reported" grep -q '房间：4 行，新增 0，修改 1，未变 3' change.txt
check "one row changed: which row" grep -q '修改：第 3 行' change.txt
check "one row changed: nothing else" bash -c "[ \$(grep -c '修改 0' change.txt) -eq 5 ]"
"$XL" --db "$DB" stats --json >stats2.json
check "one row changed: headcount 3 -> 4" json stats2.json 'd["declared"]==8'

# an ID typed as a number: refused, naming the cell; nothing written
"$PY" - <<'PYEOF'
import openpyxl
wb = openpyxl.load_workbook("filled.xlsx")
ws = wb["人员"]
ws.cell(row=3, column=3, value=340101199204078522)
wb.save("number_id.xlsx")
PYEOF
cp "$DB" pre.db
"$XL" --db "$DB" import community number_id.xlsx >bad.txt 2>bad.err
check "ID as number refused (exit 1)" test $? -eq 1
check "ID as number names the file, sheet, row and column" grep -q 'number_id.xlsx “人员”表 第 3 行 · 身份证号：号码存成了数字' bad.err
check "refused import writes nothing" cmp -s pre.db "$DB"

if [ $fails -gt 0 ]; then
    echo "$fails failed"; cat imp.err bad.err 2>/dev/null | head -20
    exit 1
fi
echo "all passed"

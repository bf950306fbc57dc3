#!/usr/bin/env bash
# lang.sh — the command line speaks the officer's language (issue 15): on a fresh demo database,
# under --lang zh, `xiangli --help`, every subcommand's --help, a usage error and typical
# refusals of every subcommand hold no English sentence (check_lang.py says exactly what that
# is); the same runs under --lang en hold English and no Chinese sentence, so the check is not
# vacuous. The subcommands come from `xiangli --help`: a new one without refusal cases here
# fails the test.
#   lang.sh PATH/TO/xiangli PATH/TO/messages.def
set -u
if [ $# -lt 2 ] || [ ! -x "$1" ]; then
    echo "usage: $0 PATH/TO/xiangli PATH/TO/messages.def" >&2
    exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
MSGDEF=$2
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/xl-cli-lang.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export LANG=C.UTF-8 TZ=Asia/Shanghai XIANGLI_TODAY=2026-11-25 HOME=$TMP XIANGLI_OPERATOR=测试员
unset XIANGLI_DB XDG_CONFIG_HOME LC_ALL LC_MESSAGES
FAILS=0
PASSES=0
ok()  { PASSES=$((PASSES + 1)); echo "ok   $*"; }
bad() { FAILS=$((FAILS + 1)); echo "FAIL $*"; }

INI=$TMP/xiangli.ini
cat >"$INI" <<EOF
[community]
name = 杜巷小区
database = $TMP/nonexistent/xiangli.db
[ui]
language = zh
[backup]
directory = $TMP/backups
EOF
printf '[serve]\ncert = %s/cert.pem\n' "$TMP" >"$TMP/cert-only.ini"
printf '[ui]\ncolour = red\n' >"$TMP/bad.ini"
printf '[community]\nname = 杜巷小区\n[db]\nbusy_timeout_ms = 200\n' >"$TMP/busy.ini"
# url_template refusals, each a core error the administrator causes in config/xiangli.ini
for t in 'room|https://x.org/{room}?t={token}' 'cjk|https://x.org/巷/{token}' \
         'space|https://x.org/ {token}' 'open|https://x.org/{token' 'stray|https://x.org/}{token}' \
         'notoken|https://x.org/{building}' 'empty|'; do
    printf '[serve]\nurl_template = %s\n' "${t#*|}" >"$TMP/tpl-${t%%|*}.ini"
done
printf '[signin]\nurl_template = https://x.org/{room}?t={token}\n' >"$TMP/tpl-old-section.ini"
echo 'hello, not a font' >"$TMP/notfont.hex"

DB=$TMP/demo.db
"$BIN" --config "$INI" --db "$DB" init --demo >/dev/null 2>&1 || { echo "FAIL init --demo"; exit 1; }
cp "$DB" "$TMP/pristine.db"
cp "$DB" "$TMP/badcode.db" # building 127's stored code damaged by hand
python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE building SET signin_token = ? WHERE number = 127", ("bad code!",))
c.commit()' "$TMP/badcode.db"
echo "this is not a database" >"$TMP/notadb.db"
cp "$DB" "$TMP/damaged.db" # pages in the middle overwritten: SQLite finds it corrupt
head -c 204800 /dev/zero | tr '\0' 'x' | dd of="$TMP/damaged.db" bs=4096 seek=600 conv=notrunc 2>/dev/null
: >"$TMP/a-file"
mkdir -p "$TMP/cwd"

# run LANG NAME EXPECT ARGS... — one run, output (stdout and stderr) into the transcript of
# LANG; EXPECT: the exit code wanted (0, 2) or "fail" (1 or 2).
run() {
    local lang=$1 name=$2 expect=$3
    shift 3
    local out=$TMP/out.$lang rc
    [ -n "${KEEP_DB:-}" ] || cp "$TMP/pristine.db" "$DB" # every run on a fresh demo database
    (cd "$TMP/cwd" && timeout -k 1 20 "$BIN" --config "$INI" --db "$DB" --lang "$lang" "$@") >"$out" 2>&1
    rc=$?
    { echo "### $name"; cat "$out"; } >>"$TMP/transcript.$lang"
    case $expect in
    fail) [ $rc = 1 ] || [ $rc = 2 ] || bad "[$lang] $name: exit $rc, wanted a refusal" ;;
    *) [ $rc = "$expect" ] || bad "[$lang] $name: exit $rc, wanted $expect" ;;
    esac
    [ -s "$out" ] || bad "[$lang] $name: says nothing"
}

# locked_run LANG NAME ARGS... — run while another program holds the database's write lock.
locked_run() {
    local lang=$1 name=$2
    shift 2
    cp "$TMP/pristine.db" "$DB"
    python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
print("held", flush=True)
time.sleep(30)' "$DB" >"$TMP/holder.out" &
    local holder=$!
    # up to 30 s for the holder to start: on a loaded machine python takes its time, and a run
    # before the lock is held would not be refused
    for _ in $(seq 300); do grep -q held "$TMP/holder.out" && break; sleep 0.1; done
    grep -q held "$TMP/holder.out" || bad "[$lang] $name: the lock holder did not start"
    KEEP_DB=1 run "$lang" "$name" fail "$@"
    kill "$holder" 2>/dev/null
    wait "$holder" 2>/dev/null
}

# Typical refusals, per subcommand (each entry: arguments, separated by ";" between runs).
declare -A REFUSE=(
    [init]="init;init --seed 5"
    [lookup]="lookup 999;lookup 127-9999;--db $TMP/damaged.db lookup 张"
    [stats]="--db $TMP/missing.db stats;--db $TMP/notadb.db stats"
    [import]="import residents $TMP/missing.csv;import community $TMP/missing.xlsx;import rooms"
    [template]="template community -o $TMP/no-dir/t.xlsx;template community"
    [export]="export residents $TMP/no-dir/x.csv;export residents $TMP/x.csv --unmasked;export residents"
    [qr]="qr building 999;qr rotate 999;qr verify 127 bogus;qr building 127 --format bogus;qr poster 127;qr building x;qr;--config $TMP/tpl-room.ini qr building 127;--config $TMP/tpl-cjk.ini qr payload 127;--config $TMP/tpl-space.ini qr building 127;--config $TMP/tpl-open.ini qr building 127;--config $TMP/tpl-stray.ini qr building 127;--config $TMP/tpl-notoken.ini qr building 127;--config $TMP/tpl-empty.ini qr building 127;--config $TMP/tpl-old-section.ini qr payload 127;--config $TMP/tpl-room.ini qr poster 127 -o $TMP/posters;--db $TMP/badcode.db qr building 127;--db $TMP/badcode.db qr payload 127"
    [pending]="pending confirm 99999;pending reject 99999 --reason 测试;pending confirm x"
    [serve]="serve --listen bogus;serve --listen 1.2.3:99;--config $TMP/cert-only.ini serve"
    [report]="report --month 2026-13 -o $TMP/r.xlsx;report -o $TMP/no-dir/r.xlsx;report;--db $TMP/damaged.db report -o $TMP/r.xlsx"
    [assess]="assess score 没有的弄 a=1;assess show --quarter bogus;assess"
    [responsible]="--db $TMP/missing.db responsible"
    [docs]="docs show nonexistent;docs install convention $TMP/missing.md;docs bogus"
    [print]="print nothing -o $TMP/x.pdf;print convention -o $TMP/no-dir/x.pdf;print convention"
    [audit]="audit --since bad-date;audit --since"
    [backup]="backup -o /proc/xl-backup.db;backup -o $TMP/a-file/x.db"
    [check]="--db $TMP/notadb.db check;check extra;--db $TMP/damaged.db check"
    [purge]="--db $TMP/missing.db purge;purge now"
)

# The subcommands and the words of the usage lines (interfaces), from the program itself.
"$BIN" --config "$INI" --lang zh --help >"$TMP/help.txt" 2>&1
mapfile -t COMMANDS < <(sed -n 's/^  xiangli \([a-z][a-z-]*\).*/\1/p' "$TMP/help.txt")
[ ${#COMMANDS[@]} -ge 10 ] && ok "${#COMMANDS[@]} subcommands listed by xiangli --help" ||
    bad "xiangli --help lists ${#COMMANDS[@]} subcommands"
for c in "${COMMANDS[@]}"; do
    "$BIN" --config "$INI" --lang zh "$c" --help
done >"$TMP/subhelp.txt" 2>&1
{ grep -h '^  xiangli ' "$TMP/help.txt"; sed -n 's/^用法：xiangli \[选项\] //p; s/^  \(qr .*\)/\1/p' "$TMP/subhelp.txt"; } |
    grep -o '[a-z][a-z0-9-]*' | sort -u >"$TMP/keywords.txt"

for lang in zh en; do
    : >"$TMP/transcript.$lang"
    run "$lang" "xiangli --help" 0 --help
    run "$lang" "xiangli -h (after the command line's language)" 0 -h
    run "$lang" "xiangli --bogus" 2 --bogus
    run "$lang" "xiangli frob" 2 frob
    run "$lang" "xiangli --operator '  ' stats" 2 --operator "  " stats
    run "$lang" "xiangli --config missing" 1 --config "$TMP/missing.ini" stats
    run "$lang" "xiangli --config bad.ini" 1 --config "$TMP/bad.ini" stats
    locked_run "$lang" "qr rotate 127 (database busy)" --config "$TMP/busy.ini" qr rotate 127
    for c in "${COMMANDS[@]}"; do
        run "$lang" "$c --help" 0 "$c" --help
        run "$lang" "$c --bogus" 2 "$c" --bogus
        if [ -z "${REFUSE[$c]+x}" ]; then
            [ $lang = zh ] && bad "no refusal case for the subcommand '$c' in tests/cli/lang.sh"
            continue
        fi
        IFS=';' read -r -a cases <<<"${REFUSE[$c]}"
        for args in "${cases[@]}"; do
            read -r -a argv <<<"$args"
            run "$lang" "$args" fail "${argv[@]}"
        done
    done
done

# Results of typical runs, under zh only (under en they carry the register's Chinese names):
# into transcript.zh with the rest.
RESULTS=(
    "--db $TMP/new.db init" "stats" "lookup 127" "check" "backup -o $TMP/copy.db" "purge --dry-run"
    "qr rotate 127" "docs list" "pending" "assess show" "responsible history 127"
    "export residents $TMP/out.csv" "report -o $TMP/out.xlsx" "print convention -o $TMP/out.pdf"
    "audit"
)
for args in "${RESULTS[@]}"; do
    read -r -a argv <<<"$args"
    run zh "$args" 0 "${argv[@]}"
done
# PNG posters without a usable Unifont: written, with a note that says what to install
for font in "$TMP/missing.hex" "$TMP/notfont.hex"; do
    XIANGLI_UNIFONT=$font run zh "qr poster 127 --format png (Unifont $(basename "$font"))" 0 \
        qr poster 127 --format png -o "$TMP/png-posters"
done

# --lang itself refused: in the locale's language (Chinese under C.UTF-8).
"$BIN" --config "$INI" --lang xx stats >"$TMP/out.lang" 2>&1
rc=$?
{ echo "### --lang xx"; cat "$TMP/out.lang"; } >>"$TMP/transcript.zh"
[ $rc = 2 ] && ok "--lang xx: usage error" || bad "--lang xx: exit $rc"

# The default is Chinese: no --lang, no language in the config, the locale C.UTF-8.
printf '[community]\nname = 杜巷小区\n' >"$TMP/plain.ini"
"$BIN" --config "$TMP/plain.ini" --db "$DB" lookup 999 >"$TMP/out.default" 2>&1
grep -q '没有999号楼' "$TMP/out.default" && ok "Chinese by default" ||
    bad "default language: $(cat "$TMP/out.default")"

# The checker itself can fail: today's English refusal under zh, a Chinese one under en.
printf '### probe\nxiangli lookup: no building 999\n' >"$TMP/probe.zh"
printf '### probe\nxiangli lookup：没有999号楼\n' >"$TMP/probe.en"
for lang in zh en; do
    python3 "$HERE/check_lang.py" "$lang" "$TMP/probe.$lang" "$MSGDEF" "$TMP/keywords.txt" >/dev/null &&
        bad "check_lang.py $lang passes a line in the other language" || ok "check_lang.py $lang can fail"
done

for lang in zh en; do
    if python3 "$HERE/check_lang.py" "$lang" "$TMP/transcript.$lang" "$MSGDEF" "$TMP/keywords.txt" >"$TMP/check.$lang"; then
        ok "--lang $lang: $(tail -1 "$TMP/check.$lang")"
    else
        cat "$TMP/check.$lang"
        bad "--lang $lang: lines in the wrong language (above)"
    fi
done
[ -n "${KEEP_TRANSCRIPT:-}" ] && cp "$TMP"/transcript.* "$KEEP_TRANSCRIPT"/

echo "$PASSES passed, $FAILS failed"
[ "$FAILS" -eq 0 ]

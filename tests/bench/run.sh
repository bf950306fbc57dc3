#!/bin/bash
# run.sh — the desk's speed at three sizes, in one table (issue 14). Not a test: it asserts
# nothing about speed; it fails only when something could not be measured.
#
#   tests/bench/run.sh BUILD_DIR [OUT]
#
# BUILD_DIR is a meson build directory (its xiangli and tests/bench programs); OUT a file for
# the table and the query plans (default: standard output). The demo databases of scales 1,
# 14 and 140 (~7,200, ~100,000 and ~1,000,000 residents) are built once per binary and kept
# in $XIANGLI_BENCH_DIR/<hash of xiangli> (default ~/.cache/xiangli-bench/<hash>).
# XIANGLI_BENCH_SCALES="1 14" measures fewer sizes.
#
# Rows: median and p99 in ms (RSS in MB) per size, and "×" the ratio of the median to the
# baseline measured in the same run at the same size: for whole processes (first frame,
# lookup 127) the sqlite3 shell answering `select 1` as a process; for calls inside one
# process the bare SELECT of one building's residents through the SQLite C API.
set -u
if [ $# -lt 1 ] || [ ! -x "$1/xiangli" ]; then
    echo "usage: $0 BUILD_DIR [OUT]" >&2
    exit 2
fi
BUILD=$(cd "$1" && pwd)
OUT=${2:-/dev/stdout}
BIN=$BUILD/xiangli
B=$BUILD/tests/bench
for p in bench_desk bench_exec bench_frame bench_import; do
    [ -x "$B/$p" ] || { echo "run.sh: $B/$p missing (ninja -C $BUILD)" >&2; exit 1; }
done
command -v sqlite3 >/dev/null || { echo "run.sh: the sqlite3 shell is needed" >&2; exit 1; }
command -v tmux >/dev/null || { echo "run.sh: tmux is needed" >&2; exit 1; }

# The light xiangli hands `init --demo` and the desk to xiangli-full beside it: both make the key.
SHA=$(cat "$BIN" "$BUILD/xiangli-full" | sha256sum | cut -c1-16)
CACHE=${XIANGLI_BENCH_DIR:-$HOME/.cache/xiangli-bench}/$SHA
SCALES=${XIANGLI_BENCH_SCALES:-1 14 140}
TODAY=2026-12-06
mkdir -p "$CACHE/home"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/xiangli-bench.XXXXXX")
SOCK=xlbench-$$
cleanup() {
    tmux -L "$SOCK" kill-server 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# The pinned environment of every program run here: no config of the user's (HOME is the
# cache's), no on-duty question, a fixed day.
PIN=(env -i PATH="$PATH" HOME="$CACHE/home" LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
     TZ=Asia/Shanghai XIANGLI_TODAY=$TODAY XIANGLI_OPERATOR=bench)

log() { echo "run.sh: $*" >&2; }

# ---- the databases, once per binary ----
for k in $SCALES; do
    db=$CACHE/scale-$k.db
    [ -f "$db.done" ] && continue
    log "building the scale-$k demo database (once for this binary) ..."
    rm -f "$db" "$db-wal" "$db-shm"
    t0=$(date +%s.%N)
    "${PIN[@]}" "$BIN" --db "$db" init --demo --scale "$k" >"$CACHE/scale-$k.log" 2>&1 ||
        { log "init --demo --scale $k failed:"; cat "$CACHE/scale-$k.log" >&2; exit 1; }
    echo "$t0 $(date +%s.%N)" >"$db.done"
done

declare -A MED P99 N
FIGS=()
# fig SIZE NAME MEDIAN P99 [SAMPLES]
fig() {
    local key="$2"
    case " ${FIGS[*]:-} " in *"|$key|"*) ;; *) FIGS+=("|$key|") ;; esac
    MED[$1,$key]=$3
    P99[$1,$key]=$4
    N[$1,$key]=${5:-}
}
# exec_fig SIZE NAME RUNS CMD... — a whole process, timed by bench_exec
exec_fig() {
    local size=$1 name=$2 runs=$3 out
    shift 3
    out=$("${PIN[@]}" "$B/bench_exec" "$runs" "$@") || { log "$name failed"; return 1; }
    fig "$size" "$name" $out
}

printf 'set -g status off\nset -g remain-on-exit off\nset -g history-limit 0\n' >"$WORK/tmux.conf"
"${PIN[@]}" tmux -u -L "$SOCK" -f "$WORK/tmux.conf" new-session -d -s keep -x 80 -y 24 "sleep 100000"
printf '#!/bin/sh\necho ready\nexec sleep 100000\n' >"$WORK/floor.sh"
chmod +x "$WORK/floor.sh"

SIZES=()
PLANS=""
for k in $SCALES; do
    db=$CACHE/scale-$k.db
    residents=$(sqlite3 "$db" "SELECT count(*) FROM residency WHERE moved_out IS NULL")
    if [ "$residents" -ge 1000000 ]; then size=$(awk "BEGIN{printf \"%.1fM\", $residents/1e6}")
    else size=$(awk "BEGIN{printf \"%.1fk\", $residents/1e3}"); fi
    size=${size/.0/}
    SIZES+=("$size")
    case $k in 1) runs=20 ;; 14) runs=10 ;; *) runs=5 ;; esac
    log "scale $k ($residents residents): processes ..."
    exec_fig "$size" "sqlite3 shell 'select 1' (process)" 50 sqlite3 "$db" "select 1"
    # The same shell answering a trivial query OF THE DATABASE: any statement that names a table
    # makes SQLite read and parse the whole schema first ('select 1' never does), as lookup must.
    exec_fig "$size" "sqlite3 shell: building 127's row (process)" 50 sqlite3 "$db" \
        "select number, lane_id from building where number = 127"
    exec_fig "$size" "lookup 127 (process)" 50 "$BIN" --db "$db" lookup 127
    log "scale $k: first frame in tmux ..."
    rm -rf "$CACHE/home/.local/share/xiangli/backups"
    out=$("${PIN[@]}" "$B/bench_frame" "$SOCK" "$WORK/tmux.conf" 120 40 "$runs" "exec $WORK/floor.sh") ||
        { log "tmux floor failed"; exit 1; }
    fig "$size" "tmux floor (a script that prints one line)" $(echo "$out" | awk -F'\t' '$2=="first frame"{print $3, $4, $5}')
    out=$("${PIN[@]}" "$B/bench_frame" "$SOCK" "$WORK/tmux.conf" 120 40 "$runs" \
          "exec env HOME=$CACHE/home $BIN --db $db") || { log "first frame failed"; exit 1; }
    while IFS=$'\t' read -r tag name med p99 n; do
        [ "$tag" = FIG ] && fig "$size" "desk $name" "$med" "$p99" "$n"
    done <<<"$out"
    log "scale $k: calls (card, map, register, search) ..."
    "${PIN[@]}" "$B/bench_desk" "$db" "$runs" >"$WORK/desk-$k.txt" || { log "bench_desk failed"; exit 1; }
    while IFS=$'\t' read -r tag name med p99 n; do
        [ "$tag" = FIG ] && fig "$size" "$name" "$med" "$p99" "$n"
    done <"$WORK/desk-$k.txt"
    PLANS="$WORK/desk-$k.txt"
    if [ "$k" = 1 ]; then
        log "scale 1: init --demo, import, posters ..."
        exec_fig "$size" "init --demo (process)" 3 sh -c "rm -f '$WORK/init.db'* && exec '$BIN' --db '$WORK/init.db' init --demo"
        imp=$("${PIN[@]}" "$B/bench_import" 10000 | sed -nE 's/^import +[0-9.]+ ms +([0-9]+) rows\/s.*/\1/p')
        [ -n "$imp" ] && fig "$size" "import rows/s (bench_import, 10,000 rows)" "$imp" "$imp" 1
        mkdir -p "$WORK/posters"
        exec_fig "$size" "326 PNG posters (process: qr --all --format png)" 3 "$BIN" --db "$db" qr --all --format png -o "$WORK/posters"
    fi
done

# ---- the table ----
{
    echo "# xiangli benchmark  $(date -u '+%Y-%m-%d %H:%M UTC')  $(uname -m), $(nproc) cores"
    echo "# binary $BIN (sha256 $SHA…), $(git -C "$(dirname "$0")" describe --always --dirty 2>/dev/null)"
    echo "# ms unless named; median / p99; × = median over the baseline of the same size"
    echo "#   (processes: the sqlite3 shell's 'select 1'; calls: a bare SELECT of one building)"
    echo "#   'select 1' reads no schema; the shell's query of building 127 reads it, as every query of the database does"
    hdr=$(printf '%-52s' "figure")
    for s in "${SIZES[@]}"; do hdr+=$(printf ' | %10s %10s %7s' "$s med" "p99" "×"); done
    echo "$hdr"
    echo "$hdr" | sed 's/[^|]/-/g'
    for f in "${FIGS[@]}"; do
        name=${f#|}
        name=${name%|}
        line=$(printf '%-52s' "$name")
        for s in "${SIZES[@]}"; do
            med=${MED[$s,$name]:-}
            if [ -z "$med" ]; then line+=$(printf ' | %10s %10s %7s' "" "" ""); continue; fi
            case $name in
                *process*|desk\ first*|tmux*) base=${MED[$s,sqlite3 shell \'select 1\' (process)]:-} ;;
                *RSS*|*rows/s*|baseline*) base="" ;;
                *) base=${MED[$s,baseline select]:-} ;;
            esac
            ratio=""
            [ -n "$base" ] && ratio=$(awk "BEGIN{printf \"%.2f\", $med/$base}")
            line+=$(printf ' | %10s %10s %7s' "$med" "${P99[$s,$name]}" "$ratio")
        done
        echo "$line"
    done
    echo
    for s in "${SIZES[@]}"; do
        a=${MED[$s,lookup 127 (process)]:-}
        b=${MED[$s,sqlite3 shell: building 127\'s row (process)]:-}
        [ -n "$a" ] && [ -n "$b" ] &&
            echo "# $s: lookup 127 over the shell's query of building 127 (both read the schema): $(awk "BEGIN{printf \"%.2f\", $a/$b}")×"
    done
    echo
    echo "# query plans at the largest size: EXPLAIN QUERY PLAN of every statement core ran while"
    echo "# measuring (each listed once, under the first figure that ran it; SQL as prepared, ?N unbound)"
    [ -n "$PLANS" ] && grep -v '^FIG' "$PLANS"
} >"$OUT"

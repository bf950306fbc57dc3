#!/bin/sh
# Runs every libFuzzer target for a bounded time on a scratch copy of its checked-in corpus
# (so the corpus in git never grows), and fails on any crash, leak, timeout or sanitizer
# report.   usage: tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
# BUILD_DIR must be configured with -Dfuzz=true (CC=clang). Crash inputs are kept in
# BUILD_DIR/fuzz-artifacts/ ; reproduce with BUILD_DIR/tests/fuzz/fuzz_X FILE.
set -u
if [ $# -lt 2 ]; then
    echo "usage: $0 BUILD_DIR SECONDS [TARGET...]" >&2
    exit 2
fi
build=$1
secs=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
targets=${*:-"csv idcard pinyin config xlsx form"}
case $secs in ''|*[!0-9]*) echo "$0: SECONDS must be a number" >&2; exit 2 ;; esac

scratch=$(mktemp -d "${TMPDIR:-/tmp}/xiangli-fuzz.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT INT TERM
artifacts=$build/fuzz-artifacts
mkdir -p "$artifacts" || exit 1

status=0
for t in $targets; do
    exe=$build/tests/fuzz/fuzz_$t
    if [ ! -x "$exe" ]; then
        echo "FAIL fuzz_$t: $exe not built (configure with CC=clang -Dfuzz=true)"
        status=1
        continue
    fi
    corpus=$scratch/$t
    mkdir -p "$corpus" && cp "$here/corpus/$t/"* "$corpus/" 2>/dev/null
    dict=
    [ -f "$here/fuzz_$t.dict" ] && dict=-dict=$here/fuzz_$t.dict
    log=$scratch/$t.log
    XIANGLI_TODAY=2026-11-25 TZ=Asia/Shanghai "$exe" -max_total_time="$secs" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$artifacts/fuzz_$t-" $dict "$corpus" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    if [ $rc -eq 0 ] && [ -n "$runs" ]; then
        echo "ok fuzz_$t (${runs} runs in ${secs} s)"
    else
        echo "FAIL fuzz_$t (exit $rc)"
        grep -E 'ERROR|SUMMARY|runtime error|Test unit written|^    #[0-9]' "$log" | head -n 30
        cp "$log" "$artifacts/fuzz_$t.log"
        echo "  full log: $artifacts/fuzz_$t.log"
        status=1
    fi
done
exit $status

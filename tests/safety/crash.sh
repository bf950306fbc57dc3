#!/bin/bash
# Crash harness (issue 9): kill -9 at random moments of a CLI import (3,000 rows) and of a
# sign-in loop (one sign-in per transaction), N times each; after every kill the database
# passes PRAGMA integrity_check and holds all or nothing: the import's rows all present or
# none; each sign-in's person, residency and audit row all present or none.
# CRASH_N (default 15) kills of each; CRASH_SEED makes the moments repeatable.
. "$(dirname "$0")/lib.sh"
safety_init "$@"
N=${CRASH_N:-15}
RANDOM=${CRASH_SEED:-$$}
echo "seed ${CRASH_SEED:-$$}"
demo_db "$TMP/base.db"
python3 "$HERE/mksheet.py" 3000 "$TMP/rows.csv"
q() { sqlite3 -cmd ".timeout 5000" "$1" "$2"; }
base_people=$(q "$TMP/base.db" "SELECT count(*) FROM person")
base_max=$(q "$TMP/base.db" "SELECT max(id) FROM person")

# how long a whole import takes here, so the kills fall inside it
cp "$TMP/base.db" "$TMP/t.db"
t0=$(date +%s%N)
xl --db "$TMP/t.db" import residents "$TMP/rows.csv" >/dev/null || bad "import without a kill"
span=$((($(date +%s%N) - t0) / 1000000))
echo "an import takes ${span} ms"

# kill_after MS CMD... — runs CMD in its own process group, kills the group with SIGKILL
# after MS milliseconds (or lets it end sooner); returns 0 when it was killed.
kill_after() {
    local ms=$1; shift
    setsid "$@" >/dev/null 2>&1 &
    local pid=$! end=$(($(date +%s%N) / 1000000 + ms))
    while kill -0 $pid 2>/dev/null && [ $(($(date +%s%N) / 1000000)) -lt $end ]; do sleep 0.01; done
    if kill -0 $pid 2>/dev/null; then
        kill -KILL -- -$pid 2>/dev/null
        wait $pid 2>/dev/null
        return 0
    fi
    wait $pid 2>/dev/null
    return 1
}

killed=0 bad_import=0
for i in $(seq 1 $N); do
    cp "$TMP/base.db" "$TMP/c.db"; rm -f "$TMP/c.db-wal" "$TMP/c.db-shm"
    ms=$((RANDOM % (span + span / 5 + 1)))
    kill_after $ms "$BIN" --config "$HERE/test.ini" --db "$TMP/c.db" import residents "$TMP/rows.csv" && killed=$((killed + 1))
    ic=$(q "$TMP/c.db" "PRAGMA integrity_check")
    added=$(( $(q "$TMP/c.db" "SELECT count(*) FROM person") - base_people ))
    audits=$(q "$TMP/c.db" "SELECT count(*) FROM audit WHERE action = 'import.residents'")
    if [ "$ic" != ok ] || { [ $added -ne 0 ] && [ $added -ne 3000 ]; } || \
       { [ $added -eq 3000 ] && [ "$audits" -ne 1 ]; } || { [ $added -eq 0 ] && [ "$audits" -ne 0 ]; }; then
        bad "import killed after ${ms} ms: integrity '$ic', $added rows, $audits summary rows"
        bad_import=$((bad_import + 1))
    fi
done
check "import: $N kills ($killed during the run), every time integrity ok and all or nothing" [ $bad_import -eq 0 ]
check "import: most kills fell inside the import" [ $killed -ge $((N / 2)) ]

# the sign-in loop: one-row sheets, one sign-in transaction each
for k in $(seq 1 40); do python3 "$HERE/mksheet.py" 1 "$TMP/one-$k.csv" --start $((20500 + k)) --building 127; done
cat >"$TMP/loop.sh" <<LOOP
for k in \$(seq 1 40); do "$BIN" --config "$HERE/test.ini" --db "$TMP/s.db" import residents "$TMP/one-\$k.csv"; done
LOOP
bad_signin=0 killed=0
for i in $(seq 1 $N); do
    cp "$TMP/base.db" "$TMP/s.db"; rm -f "$TMP/s.db-wal" "$TMP/s.db-shm"
    ms=$((50 + RANDOM % 1500))
    kill_after $ms bash "$TMP/loop.sh" && killed=$((killed + 1))
    ic=$(q "$TMP/s.db" "PRAGMA integrity_check")
    # every new person has an open residency and a sign-in audit row; none of these without the others
    loose=$(q "$TMP/s.db" "SELECT count(*) FROM person p WHERE p.id > $base_max AND (
        NOT EXISTS (SELECT 1 FROM residency r WHERE r.person_id = p.id AND r.building = 127)
        OR NOT EXISTS (SELECT 1 FROM audit a WHERE a.action = 'resident.signin' AND a.entity_id = CAST(p.id AS TEXT)))")
    people=$(( $(q "$TMP/s.db" "SELECT count(*) FROM person") - base_people ))
    summaries=$(q "$TMP/s.db" "SELECT count(*) FROM audit WHERE action = 'import.residents'")
    orphans=$(q "$TMP/s.db" "SELECT count(*) FROM audit a WHERE a.action = 'resident.signin'
        AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id = CAST(a.entity_id AS INTEGER))")
    if [ "$ic" != ok ] || [ "$loose" -ne 0 ] || [ "$orphans" -ne 0 ] || [ "$people" -ne "$summaries" ]; then
        bad "sign-in loop killed after ${ms} ms: integrity '$ic', $loose half-made people, $orphans orphan audit rows, $people people for $summaries sign-ins"
        bad_signin=$((bad_signin + 1))
    fi
done
check "sign-in: $N kills ($killed during the loop), every time integrity ok and all or nothing" [ $bad_signin -eq 0 ]
safety_done

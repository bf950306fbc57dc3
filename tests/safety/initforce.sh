#!/bin/bash
# initforce.sh — class 1 of issue 9: `init --force` never loses a commit. With another
# connection open (holding a read snapshot, so 500 just-imported people stay in the WAL) it
# refuses and changes nothing; after that connection dies (kill -9, WAL left behind) it keeps
# a verified copy holding the 500, and the new database is empty and Xiangli's.
. "$(dirname "$0")/lib.sh"
safety_init "$@"
DB=$TMP/d.db
demo_db "$DB"
python3 "$HERE/mksheet.py" 500 "$TMP/s.csv" --start 900000
people() { sqlite3 "$1" "SELECT count(*) FROM person WHERE phone BETWEEN '17100900001' AND '17100900500'"; }

# A "desk": an open connection holding a read snapshot, so no checkpoint can move the
# import's commits out of the WAL.
mkfifo "$TMP/go"
python3 - "$DB" "$TMP/go" <<'PY' &
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN"); c.execute("SELECT count(*) FROM person").fetchone()
open(sys.argv[2], "w").write("ready\n")
import time
while True: time.sleep(1)
PY
HOLDER=$!
read -r _ < "$TMP/go"
xl --db "$DB" import residents "$TMP/s.csv" >/dev/null || bad "import of 500"
check "the 500 were imported" test "$(people "$DB")" = 500
check "the 500 are in the WAL" test "$(stat -c %s "$DB-wal")" -gt 100000
before=$(md5sum "$DB" "$DB-wal" | cut -c1-32)
out=$(xl --db "$DB" init --force 2>&1); rc=$?
check "refused while another connection is open (exit 1)" test $rc = 1
check "message says another program is using it" grep -q "正在使用" <<<"$out"
check "database and WAL unchanged after the refusal" test "$before" = "$(md5sum "$DB" "$DB-wal" | cut -c1-32)"
check "no copy left behind after the refusal" test -z "$(ls "$TMP" | grep before-init)"

kill -9 $HOLDER; wait $HOLDER 2>/dev/null
check "WAL still holds uncheckpointed commits" test -s "$DB-wal"
out=$(xl --db "$DB" init --force 2>&1); rc=$?
check "init --force succeeds once alone (exit 0)" test $rc = 0
bak=$(ls "$TMP"/d.db.before-init-* 2>/dev/null | head -1)
check "the old database was kept" test -f "$bak"
check "the kept copy holds the 500 just imported" test "$(people "$bak")" = 500
check "the kept copy passes integrity_check" test "$(sqlite3 "$bak" 'PRAGMA integrity_check')" = ok
check "the kept copy is private (0600)" test "$(mode_of "$bak")" = 600
check "the new database is empty" test "$(sqlite3 "$DB" 'SELECT count(*) FROM person')" = 0
check "the new database is Xiangli's" test "$(sqlite3 "$DB" 'PRAGMA application_id')" = 1481067593
out=$(xl --db "$bak" lookup 127 2>&1); check "the copy opens in Xiangli" test $? = 0; echo "$out" | tail -2
safety_done

#!/bin/bash
# Backup and restore (issue 9): `xiangli backup` while a reader is open, then data changed,
# then the README's restore steps (stop desks, copy the backup over the database, remove
# -wal and -shm, `xiangli check`): the data is as it was at the backup. `xiangli check`
# fails with a clear message on a damaged file.
. "$(dirname "$0")/lib.sh"
safety_init "$@"
DB=$TMP/office.db
demo_db "$DB"
q() { sqlite3 -cmd ".timeout 5000" "$DB" "$1"; }
people=$(q "SELECT count(*) FROM person")
token=$(q "SELECT signin_token FROM building WHERE number = 127")

xl --db "$DB" backup -o "$TMP/bak/office-copy.db" >"$TMP/b.out" 2>&1
check "backup exits 0" [ $? -eq 0 ]
check "backup says where and that it was checked" grep -q "已备份到 .*office-copy.db（已核对）" "$TMP/b.out"
check "backup is owner-only (0600)" [ "$(mode_of "$TMP/bak/office-copy.db")" = 600 ]
check "default name: [backup] directory with the date" \
    sh -c "'$BIN' --config '$HERE/test.ini' --db '$DB' backup | grep -q 'xiangli-backup/xiangli-2026-11-25.db'"

# change data after the backup: a sign-in and a rotated token
python3 "$HERE/mksheet.py" 3 "$TMP/three.csv" --start 20700 --building 127
xl --db "$DB" import residents "$TMP/three.csv" >/dev/null
xl --db "$DB" qr rotate 127 >/dev/null
check "data changed after the backup" [ "$(q "SELECT count(*) FROM person")" -eq $((people + 3)) ]

# restore per the README
cp "$TMP/bak/office-copy.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
xl --db "$DB" check >"$TMP/c.out" 2>&1
check "check after restore exits 0" [ $? -eq 0 ]
check "check says both checks passed" grep -q "完整性和外键检查都通过" "$TMP/c.out"
check "people as at the backup" [ "$(q "SELECT count(*) FROM person")" -eq "$people" ]
check "token as at the backup" [ "$(q "SELECT signin_token FROM building WHERE number = 127")" = "$token" ]

# a damaged copy: check exits 1 with a message in Chinese
cp "$TMP/bak/office-copy.db" "$TMP/broken.db"
sqlite3 "$TMP/broken.db" "PRAGMA foreign_keys=OFF; INSERT INTO residency(person_id, building, room, role, moved_in) VALUES (999999, 127, '101', 'tenant', '2026-01-01')"
xl --db "$TMP/broken.db" check >"$TMP/k.out" 2>&1
check "check of a dangling reference exits 1" [ $? -eq 1 ]
check "and says what to do" grep -q "请按 README“恢复备份”一节从最近的备份恢复" "$TMP/k.out"
safety_done

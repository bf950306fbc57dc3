-- 014: the residency table's CHECKs written without IN (…) (issue 14: import speed).
--
-- SQLite tests `x IN (three or more constants)` by filling a temporary index, and an INSERT
-- statement does that once per run: three of them (role, channel_in, channel_out) on every
-- residency written — an import's prepared insert paid for them on every row (about a third
-- of the insert's time). The same conditions as `x = 'a' OR x = 'b' …` compare in place.
-- The meaning is identical: the columns are TEXT in a STRICT table (no affinity question),
-- and a NULL gives NULL either way (role and channel_in are NOT NULL; channel_out may be
-- NULL, said explicitly as before).
--
-- A CHECK can only change with the table: the rebuild of SQLite's ALTER TABLE page
-- (create, copy, drop, rename, then the indexes and triggers again, exactly as 001, 002,
-- 012 and 013 made them). Foreign keys are off during migrations and checked whole before
-- the commit (db.c); legacy_alter_table keeps the rename from re-checking the triggers of
-- other tables that name residency (012's room and person triggers) while it is missing.
-- Nothing references residency, and no view reads it.
PRAGMA legacy_alter_table = ON;

CREATE TABLE residency_new (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES person(id),
  building     INTEGER NOT NULL,
  room         TEXT NOT NULL,
  role         TEXT NOT NULL
               CHECK (role = 'owner' OR role = 'sublandlord' OR role = 'tenant' OR role = 'family'),
  moved_in     TEXT NOT NULL,
  moved_out    TEXT,
  channel_in   TEXT NOT NULL DEFAULT 'desk'
               CHECK (channel_in = 'qr' OR channel_in = 'desk' OR channel_in = 'landlord'),
  channel_out  TEXT CHECK (channel_out IS NULL OR channel_out = 'qr' OR channel_out = 'desk'
                           OR channel_out = 'landlord'),
  confirmed_at TEXT,
  FOREIGN KEY (building, room) REFERENCES room(building, room),
  CHECK (moved_out IS NULL OR moved_out >= moved_in)
) STRICT;

INSERT INTO residency_new(id, person_id, building, room, role, moved_in, moved_out, channel_in,
                          channel_out, confirmed_at)
  SELECT id, person_id, building, room, role, moved_in, moved_out, channel_in, channel_out,
         confirmed_at
  FROM residency;

DROP TABLE residency;
ALTER TABLE residency_new RENAME TO residency;

-- 001: a person cannot live in two places at once.
CREATE UNIQUE INDEX residency_one_home ON residency(person_id) WHERE moved_out IS NULL;
CREATE INDEX residency_place ON residency(building, room) WHERE moved_out IS NULL;
CREATE INDEX residency_person ON residency(person_id);
-- 002
CREATE INDEX residency_register ON residency(building, room, role);
CREATE INDEX residency_stale ON residency(substr(coalesce(confirmed_at, moved_in), 1, 10))
  WHERE moved_out IS NULL AND role = 'tenant';
-- 013
CREATE INDEX residency_walk ON residency(building, room, person_id) WHERE moved_out IS NULL;

-- 012: the tallies follow every residency written.
CREATE TRIGGER residency_tally_added AFTER INSERT ON residency
WHEN new.moved_out IS NULL
BEGIN
  UPDATE room_tally SET n = n + 1, tenants = tenants + (new.role = 'tenant'),
    party = party + coalesce((SELECT party_member FROM person WHERE id = new.person_id), 0)
  WHERE building = new.building AND room = new.room;
END;

CREATE TRIGGER residency_tally_removed AFTER DELETE ON residency
WHEN old.moved_out IS NULL
BEGIN
  UPDATE room_tally SET n = n - 1, tenants = tenants - (old.role = 'tenant'),
    party = party - coalesce((SELECT party_member FROM person WHERE id = old.person_id), 0)
  WHERE building = old.building AND room = old.room;
END;

CREATE TRIGGER residency_tally_changed AFTER UPDATE OF person_id, building, room, role, moved_out
ON residency
WHEN old.moved_out IS NULL OR new.moved_out IS NULL
BEGIN
  UPDATE room_tally SET n = n - 1, tenants = tenants - (old.role = 'tenant'),
    party = party - coalesce((SELECT party_member FROM person WHERE id = old.person_id), 0)
  WHERE old.moved_out IS NULL AND building = old.building AND room = old.room;
  UPDATE room_tally SET n = n + 1, tenants = tenants + (new.role = 'tenant'),
    party = party + coalesce((SELECT party_member FROM person WHERE id = new.person_id), 0)
  WHERE new.moved_out IS NULL AND building = new.building AND room = new.room;
END;

PRAGMA legacy_alter_table = OFF;

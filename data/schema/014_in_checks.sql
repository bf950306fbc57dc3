-- 014: the CHECKs of residency and person written without IN (…) (issue 14: import speed).
--
-- SQLite tests `x IN (three or more constants)` by filling a temporary index, and an INSERT
-- statement does that once per run: three of them on every residency written (role,
-- channel_in, channel_out), one on every person (gender) — an import's prepared inserts
-- paid for them on every row (a third of the residency insert's time). The same
-- conditions as `x = 'a' OR x = 'b' …` compare in place. The meaning is identical: the
-- columns are TEXT in STRICT tables (no affinity question), and a NULL gives NULL either
-- way (role, channel_in and gender are NOT NULL; channel_out may be NULL, said explicitly
-- as before).
--
-- A CHECK can only change with the table: the rebuild of SQLite's ALTER TABLE page
-- (create, copy, drop, rename, then the indexes and triggers again, exactly as 001, 002,
-- 004, 011, 012 and 013 made them). Foreign keys are off during migrations and checked
-- whole before the commit (db.c); legacy_alter_table keeps a rename from re-checking the
-- triggers of other tables that name the table while it is missing, and leaves the other
-- tables' REFERENCES person(id) as they are (they name the new table once it is renamed).
-- No view reads either table; person_search (FTS5) is keyed by person.id, which is kept.
PRAGMA legacy_alter_table = ON;

-- ---- residency

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

-- ---- person

CREATE TABLE person_new (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  gender       TEXT NOT NULL DEFAULT '' CHECK (gender = 'M' OR gender = 'F' OR gender = ''),
  id_number    TEXT UNIQUE CHECK (id_number IS NULL OR length(id_number) = 18),
  phone        TEXT CHECK (phone IS NULL OR length(phone) BETWEEN 5 AND 20),
  province     TEXT NOT NULL DEFAULT '',
  workplace    TEXT NOT NULL DEFAULT '',
  party_member INTEGER NOT NULL DEFAULT 0 CHECK (party_member IN (0, 1)),
  created_at   TEXT NOT NULL,
  pinyin       TEXT NOT NULL DEFAULT ''
) STRICT;

INSERT INTO person_new(id, name, gender, id_number, phone, province, workplace, party_member,
                       created_at, pinyin)
  SELECT id, name, gender, id_number, phone, province, workplace, party_member, created_at,
         pinyin
  FROM person;

DROP TABLE person;
ALTER TABLE person_new RENAME TO person;

-- 001
CREATE INDEX person_name ON person(name);
CREATE INDEX person_phone ON person(phone);
-- 004
CREATE INDEX person_phone_tail ON person(substr(phone, -4)) WHERE phone IS NOT NULL;
CREATE INDEX person_id_tail ON person(substr(id_number, -4)) WHERE id_number IS NOT NULL;

CREATE TRIGGER person_search_update AFTER UPDATE OF pinyin ON person
WHEN old.pinyin IS NOT new.pinyin
BEGIN
  INSERT INTO person_search(person_search, rowid, pinyin) VALUES ('delete', old.id, old.pinyin);
  INSERT INTO person_search(rowid, pinyin) VALUES (new.id, new.pinyin);
END;

CREATE TRIGGER person_search_delete AFTER DELETE ON person
BEGIN
  INSERT INTO person_search(person_search, rowid, pinyin) VALUES ('delete', old.id, old.pinyin);
END;

CREATE TRIGGER person_pinyin_rename AFTER UPDATE OF name ON person
WHEN new.pinyin IS NOT xl_search_keys(new.name)
BEGIN
  UPDATE person SET pinyin = xl_search_keys(new.name) WHERE id = new.id;
END;

CREATE TRIGGER person_pinyin_guard BEFORE UPDATE OF pinyin ON person
WHEN new.pinyin IS NOT xl_search_keys(new.name)
BEGIN
  SELECT RAISE(ABORT, 'person.pinyin is kept by triggers: set the name instead');
END;

CREATE TRIGGER person_rowid_fixed BEFORE UPDATE OF id ON person
WHEN old.id IS NOT new.id
BEGIN
  SELECT RAISE(ABORT, 'a person''s id does not change');
END;

-- 011
CREATE TRIGGER person_search_insert AFTER INSERT ON person
WHEN new.pinyin IS NOT xl_search_keys(new.name)
BEGIN
  INSERT INTO person_search(rowid, pinyin) VALUES (new.id, new.pinyin);
  UPDATE person SET pinyin = xl_search_keys(new.name) WHERE id = new.id;
END;
CREATE TRIGGER person_search_insert_keyed AFTER INSERT ON person
WHEN NOT xl_index_deferred() AND new.pinyin IS xl_search_keys(new.name)
BEGIN
  INSERT INTO person_search(rowid, pinyin) VALUES (new.id, new.pinyin);
END;

-- 012
CREATE TRIGGER person_tally_party AFTER UPDATE OF party_member ON person
WHEN old.party_member IS NOT new.party_member
BEGIN
  UPDATE room_tally SET party = party + new.party_member - old.party_member
  WHERE (building, room) IN
    (SELECT building, room FROM residency WHERE person_id = new.id AND moved_out IS NULL);
END;

CREATE TRIGGER person_tally_removed AFTER DELETE ON person
WHEN old.party_member = 1
BEGIN
  UPDATE room_tally SET party = party - 1
  WHERE (building, room) IN
    (SELECT building, room FROM residency WHERE person_id = old.id AND moved_out IS NULL);
END;

PRAGMA legacy_alter_table = OFF;

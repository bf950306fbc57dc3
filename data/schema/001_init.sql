-- 001: the foundation model. Forward-only; later changes go in 002_*.sql, 003_*.sql ...
-- Every table is STRICT; foreign keys are enforced (PRAGMA foreign_keys=ON at open).

CREATE TABLE operator (
  id         INTEGER PRIMARY KEY,
  login      TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE person (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  gender       TEXT NOT NULL DEFAULT '' CHECK (gender IN ('M', 'F', '')),
  id_number    TEXT UNIQUE CHECK (id_number IS NULL OR length(id_number) = 18),
  phone        TEXT CHECK (phone IS NULL OR length(phone) BETWEEN 5 AND 20),
  province     TEXT NOT NULL DEFAULT '',
  workplace    TEXT NOT NULL DEFAULT '',
  party_member INTEGER NOT NULL DEFAULT 0 CHECK (party_member IN (0, 1)),
  created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX person_name ON person(name);
CREATE INDEX person_phone ON person(phone);

CREATE TABLE lane (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE micro_grid (
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL UNIQUE,
  leader_id INTEGER REFERENCES person(id)
) STRICT;

CREATE TABLE building (
  number           INTEGER PRIMARY KEY CHECK (number BETWEEN 1 AND 99999),
  lane_id          INTEGER NOT NULL REFERENCES lane(id),
  map_row          INTEGER NOT NULL DEFAULT 0,
  map_col          INTEGER NOT NULL DEFAULT 0,
  floors           INTEGER NOT NULL DEFAULT 3 CHECK (floors BETWEEN 1 AND 20),
  owner_id         INTEGER REFERENCES person(id),
  responsible_id   INTEGER REFERENCES person(id),
  responsible_role TEXT NOT NULL DEFAULT 'owner' CHECK (responsible_role IN ('owner', 'sublandlord')),
  pioneer_group    INTEGER CHECK (pioneer_group BETWEEN 1 AND 3),
  micro_grid_id    INTEGER REFERENCES micro_grid(id),
  signin_token     TEXT
) STRICT;
CREATE INDEX building_lane ON building(lane_id);

-- Change of first responsible person, kept as history (the building row holds the current one).
CREATE TABLE responsible_history (
  id          INTEGER PRIMARY KEY,
  building    INTEGER NOT NULL REFERENCES building(number),
  person_id   INTEGER NOT NULL REFERENCES person(id),
  role        TEXT NOT NULL CHECK (role IN ('owner', 'sublandlord')),
  since       TEXT NOT NULL,
  until       TEXT
) STRICT;

CREATE TABLE room (
  building           INTEGER NOT NULL REFERENCES building(number),
  room               TEXT NOT NULL CHECK (length(room) BETWEEN 1 AND 8),
  floor              INTEGER NOT NULL DEFAULT 1,
  declared_headcount INTEGER NOT NULL DEFAULT 0 CHECK (declared_headcount >= 0),
  PRIMARY KEY (building, room)
) STRICT, WITHOUT ROWID;

CREATE TABLE residency (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES person(id),
  building     INTEGER NOT NULL,
  room         TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('owner', 'sublandlord', 'tenant', 'family')),
  moved_in     TEXT NOT NULL,
  moved_out    TEXT,
  channel_in   TEXT NOT NULL DEFAULT 'desk' CHECK (channel_in IN ('qr', 'desk', 'landlord')),
  channel_out  TEXT CHECK (channel_out IS NULL OR channel_out IN ('qr', 'desk', 'landlord')),
  confirmed_at TEXT,
  FOREIGN KEY (building, room) REFERENCES room(building, room),
  CHECK (moved_out IS NULL OR moved_out >= moved_in)
) STRICT;
-- A person cannot live in two places at once.
CREATE UNIQUE INDEX residency_one_home ON residency(person_id) WHERE moved_out IS NULL;
CREATE INDEX residency_place ON residency(building, room) WHERE moved_out IS NULL;
CREATE INDEX residency_person ON residency(person_id);

CREATE TABLE organisation (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('street', 'police', 'department', 'deputy', 'volunteer', 'other'))
) STRICT;

CREATE TABLE audit (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  operator  TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT,
  detail    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_entity ON audit(entity, entity_id);

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

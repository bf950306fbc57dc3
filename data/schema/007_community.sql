-- 007: the office's own community (issue 10): what the sheets an office keeps hold, and
-- what the desk keeps up to date afterwards. Extends 001 (building, room, lane,
-- micro_grid, organisation, person.party_member) rather than duplicating it.
--
-- * building.address: the door address (门牌地址); building.map_fixed: 1 when the map
--   position was given (a sheet's 地图行/地图列), 0 when laid out by lane and number.
-- * room.use: 出租/自住/空置/商用 as 'rent'/'own'/'vacant'/'business' ('' = not said).
-- * organisation: more kinds (property service, enterprise, social organisation) and a
--   contact. SQLite cannot change a CHECK in place, so the table is rebuilt; the runner
--   (db.c) applies migrations with foreign keys off and checks them before committing.
-- * party_member: where a party member belongs (branch or micro-grid party group) and the
--   household (a room) that the map marks; person.party_member stays the one flag the
--   map, card and register read, kept by triggers.
-- * pioneer_member: the three pioneer building groups' members, people or organisations,
--   at most one leader per group.

ALTER TABLE building ADD COLUMN address TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 80);
ALTER TABLE building ADD COLUMN map_fixed INTEGER NOT NULL DEFAULT 0 CHECK (map_fixed IN (0, 1));

ALTER TABLE room ADD COLUMN use TEXT NOT NULL DEFAULT ''
  CHECK (use IN ('', 'rent', 'own', 'vacant', 'business'));

CREATE TABLE organisation_new (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
  kind    TEXT NOT NULL CHECK (kind IN ('street', 'police', 'department', 'deputy', 'volunteer',
                                        'property', 'enterprise', 'social', 'other')),
  contact TEXT NOT NULL DEFAULT '' CHECK (length(contact) <= 64)
) STRICT;
INSERT INTO organisation_new (id, name, kind) SELECT id, name, kind FROM organisation;
DROP TABLE organisation;
ALTER TABLE organisation_new RENAME TO organisation;

CREATE TABLE party_member (
  person_id          INTEGER PRIMARY KEY REFERENCES person(id),
  branch             TEXT NOT NULL DEFAULT '' CHECK (length(branch) <= 64),
  household_building INTEGER,
  household_room     TEXT,
  FOREIGN KEY (household_building, household_room) REFERENCES room(building, room),
  CHECK ((household_building IS NULL) = (household_room IS NULL))
) STRICT;
INSERT INTO party_member (person_id) SELECT id FROM person WHERE party_member = 1;

CREATE TRIGGER party_member_added AFTER INSERT ON party_member
BEGIN
  UPDATE person SET party_member = 1 WHERE id = new.person_id AND party_member <> 1;
END;
CREATE TRIGGER party_member_removed AFTER DELETE ON party_member
BEGIN
  UPDATE person SET party_member = 0 WHERE id = old.person_id AND party_member <> 0;
END;

CREATE TABLE pioneer_member (
  id            INTEGER PRIMARY KEY,
  pioneer_group INTEGER NOT NULL CHECK (pioneer_group BETWEEN 1 AND 3),
  person_id     INTEGER REFERENCES person(id),
  org_id        INTEGER REFERENCES organisation(id),
  leader        INTEGER NOT NULL DEFAULT 0 CHECK (leader IN (0, 1)),
  CHECK ((person_id IS NULL) <> (org_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX pioneer_member_person ON pioneer_member(pioneer_group, person_id)
  WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX pioneer_member_org ON pioneer_member(pioneer_group, org_id)
  WHERE org_id IS NOT NULL;
CREATE UNIQUE INDEX pioneer_one_leader ON pioneer_member(pioneer_group) WHERE leader = 1;

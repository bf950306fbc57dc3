-- 012: per-room and per-building figures kept by triggers (issue 14), so the map and the
-- building card cost what one building (or the list of buildings) costs, not what the
-- whole register costs.
--
-- room_tally: one row per room — its declared headcount and its current residents
--   (residency.moved_out IS NULL): how many, how many tenants, how many party members.
-- building_tally: one row per building — the sums of its rooms, the registration count
--   reg = sum over rooms of min(residents, declared headcount), party_rooms = rooms
--   with at least one party member living there (the map's 党员户), and last_roundtable:
--   the day of its last closed 楼栋小圆桌 ('' when none); and its open list items (待办 or
--   办理中): how many, how many problems, how many safety problems (the map's marks).
--
-- Nothing here depends on today's date: how many days ago the last roundtable was is
-- worked out when read (minutes.c), from the date kept here; and which open actions are
-- overdue is looked up when read (lists_query.c), through list_item_kind. Writers never touch these tables: the triggers
-- below follow every insert, update and delete of room, building, residency and
-- person.party_member. tests/unit/test_tally.c checks them against a recount from scratch
-- after random writes.

CREATE TABLE room_tally (
  building INTEGER NOT NULL,
  room     TEXT NOT NULL,
  declared INTEGER NOT NULL DEFAULT 0,
  n        INTEGER NOT NULL DEFAULT 0,
  tenants  INTEGER NOT NULL DEFAULT 0,
  party    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (building, room)
) STRICT, WITHOUT ROWID;

CREATE TABLE building_tally (
  building    INTEGER PRIMARY KEY,
  residents   INTEGER NOT NULL DEFAULT 0,
  tenants     INTEGER NOT NULL DEFAULT 0,
  declared    INTEGER NOT NULL DEFAULT 0,
  reg         INTEGER NOT NULL DEFAULT 0,
  party_rooms INTEGER NOT NULL DEFAULT 0,
  last_roundtable TEXT NOT NULL DEFAULT '',
  open_items    INTEGER NOT NULL DEFAULT 0,
  open_problems INTEGER NOT NULL DEFAULT 0,
  open_hazards  INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Filled from scratch for an existing register (before the triggers exist).
INSERT INTO room_tally (building, room, declared, n, tenants, party)
  SELECT rm.building, rm.room, rm.declared_headcount, count(r.id),
         coalesce(sum(r.role = 'tenant'), 0), coalesce(sum(p.party_member), 0)
  FROM room rm
  LEFT JOIN residency r ON r.building = rm.building AND r.room = rm.room AND r.moved_out IS NULL
  LEFT JOIN person p ON p.id = r.person_id
  GROUP BY rm.building, rm.room;

INSERT INTO building_tally (building, residents, tenants, declared, reg, party_rooms)
  SELECT b.number, coalesce(sum(t.n), 0), coalesce(sum(t.tenants), 0),
         coalesce(sum(t.declared), 0), coalesce(sum(min(t.n, t.declared)), 0),
         coalesce(sum(t.party > 0), 0)
  FROM building b LEFT JOIN room_tally t ON t.building = b.number
  GROUP BY b.number;

UPDATE building_tally SET last_roundtable = coalesce(
  (SELECT max(substr(m.starts_at, 1, 10)) FROM meeting m
   WHERE m.building = building_tally.building AND m.kind = 'roundtable' AND m.status = 'closed'), '');

UPDATE building_tally SET (open_items, open_problems, open_hazards) = (
  SELECT count(*), coalesce(sum(i.kind = 'problem'), 0),
         coalesce(sum(i.kind = 'problem' AND i.category = 'safety'), 0)
  FROM list_item_building b JOIN list_item i ON i.id = b.item_id
  WHERE b.building = building_tally.building AND i.status IN ('open', 'in_progress'));

-- ---- building_tally follows room_tally

CREATE TRIGGER room_tally_added AFTER INSERT ON room_tally
BEGIN
  INSERT OR IGNORE INTO building_tally (building) VALUES (new.building);
  UPDATE building_tally SET residents = residents + new.n, tenants = tenants + new.tenants,
    declared = declared + new.declared, reg = reg + min(new.n, new.declared),
    party_rooms = party_rooms + (new.party > 0)
  WHERE building = new.building;
END;

CREATE TRIGGER room_tally_removed AFTER DELETE ON room_tally
BEGIN
  UPDATE building_tally SET residents = residents - old.n, tenants = tenants - old.tenants,
    declared = declared - old.declared, reg = reg - min(old.n, old.declared),
    party_rooms = party_rooms - (old.party > 0)
  WHERE building = old.building;
END;

-- A tally row never changes its room (room_renamed below removes and adds instead).
CREATE TRIGGER room_tally_changed AFTER UPDATE ON room_tally
BEGIN
  UPDATE building_tally SET residents = residents + new.n - old.n,
    tenants = tenants + new.tenants - old.tenants,
    declared = declared + new.declared - old.declared,
    reg = reg + min(new.n, new.declared) - min(old.n, old.declared),
    party_rooms = party_rooms + (new.party > 0) - (old.party > 0)
  WHERE building = new.building;
END;

-- ---- buildings and rooms

CREATE TRIGGER building_tally_added AFTER INSERT ON building
BEGIN
  INSERT OR REPLACE INTO building_tally (building, residents, tenants, declared, reg, party_rooms,
                                         last_roundtable)
    SELECT new.number, coalesce(sum(n), 0), coalesce(sum(tenants), 0), coalesce(sum(declared), 0),
           coalesce(sum(min(n, declared)), 0), coalesce(sum(party > 0), 0),
           coalesce((SELECT max(substr(m.starts_at, 1, 10)) FROM meeting m WHERE m.building = new.number
                     AND m.kind = 'roundtable' AND m.status = 'closed'), '')
    FROM room_tally WHERE building = new.number;
  UPDATE building_tally SET (open_items, open_problems, open_hazards) = (
    SELECT count(*), coalesce(sum(i.kind = 'problem'), 0),
           coalesce(sum(i.kind = 'problem' AND i.category = 'safety'), 0)
    FROM list_item_building b JOIN list_item i ON i.id = b.item_id
    WHERE b.building = new.number AND i.status IN ('open', 'in_progress'))
  WHERE building = new.number;
END;

CREATE TRIGGER building_tally_removed AFTER DELETE ON building
BEGIN
  DELETE FROM building_tally WHERE building = old.number;
END;

-- A new room counts whoever already names it (none while foreign keys hold).
CREATE TRIGGER room_added AFTER INSERT ON room
BEGIN
  INSERT INTO room_tally (building, room, declared, n, tenants, party)
    SELECT new.building, new.room, new.declared_headcount, count(*),
           coalesce(sum(r.role = 'tenant'), 0), coalesce(sum(p.party_member), 0)
    FROM residency r LEFT JOIN person p ON p.id = r.person_id
    WHERE r.building = new.building AND r.room = new.room AND r.moved_out IS NULL;
END;

CREATE TRIGGER room_removed AFTER DELETE ON room
BEGIN
  DELETE FROM room_tally WHERE building = old.building AND room = old.room;
END;

CREATE TRIGGER room_declared AFTER UPDATE OF declared_headcount ON room
WHEN old.declared_headcount IS NOT new.declared_headcount
BEGIN
  UPDATE room_tally SET declared = new.declared_headcount
  WHERE building = new.building AND room = new.room;
END;

CREATE TRIGGER room_renamed AFTER UPDATE OF building, room ON room
WHEN old.building IS NOT new.building OR old.room IS NOT new.room
BEGIN
  DELETE FROM room_tally WHERE building = old.building AND room = old.room;
  INSERT INTO room_tally (building, room, declared, n, tenants, party)
    SELECT new.building, new.room, new.declared_headcount, count(*),
           coalesce(sum(r.role = 'tenant'), 0), coalesce(sum(p.party_member), 0)
    FROM residency r LEFT JOIN person p ON p.id = r.person_id
    WHERE r.building = new.building AND r.room = new.room AND r.moved_out IS NULL;
END;

-- ---- residencies: a current one (moved_out IS NULL) counts in its room

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

-- ---- a party member's flag counts in the room they live in now

CREATE TRIGGER person_tally_party AFTER UPDATE OF party_member ON person
WHEN old.party_member IS NOT new.party_member
BEGIN
  UPDATE room_tally SET party = party + new.party_member - old.party_member
  WHERE (building, room) IN
    (SELECT building, room FROM residency WHERE person_id = new.id AND moved_out IS NULL);
END;

-- A person removed before their residency (only with foreign keys off) leaves no count.
CREATE TRIGGER person_tally_removed AFTER DELETE ON person
WHEN old.party_member = 1
BEGIN
  UPDATE room_tally SET party = party - 1
  WHERE (building, room) IN
    (SELECT building, room FROM residency WHERE person_id = old.id AND moved_out IS NULL);
END;

-- ---- the last closed roundtable of a building: looked up again in that building's meetings
-- (index meeting_building) whenever one of them is added, changed or removed

CREATE TRIGGER meeting_tally_added AFTER INSERT ON meeting
WHEN new.building IS NOT NULL AND new.kind = 'roundtable' AND new.status = 'closed'
BEGIN
  UPDATE building_tally SET last_roundtable = max(last_roundtable, substr(new.starts_at, 1, 10))
  WHERE building = new.building;
END;

CREATE TRIGGER meeting_tally_changed AFTER UPDATE OF building, kind, status, starts_at ON meeting
WHEN old.kind = 'roundtable' OR new.kind = 'roundtable'
BEGIN
  UPDATE building_tally SET last_roundtable = coalesce(
    (SELECT max(substr(m.starts_at, 1, 10)) FROM meeting m WHERE m.building = building_tally.building
     AND m.kind = 'roundtable' AND m.status = 'closed'), '')
  WHERE building IN (old.building, new.building);
END;

CREATE TRIGGER meeting_tally_removed AFTER DELETE ON meeting
WHEN old.building IS NOT NULL AND old.kind = 'roundtable' AND old.status = 'closed'
BEGIN
  UPDATE building_tally SET last_roundtable = coalesce(
    (SELECT max(substr(m.starts_at, 1, 10)) FROM meeting m WHERE m.building = old.building
     AND m.kind = 'roundtable' AND m.status = 'closed'), '')
  WHERE building = old.building;
END;

-- ---- open list items of a building: an item counts in each building it names while it is
-- open (待办) or in progress (办理中)

CREATE TRIGGER list_building_tally_added AFTER INSERT ON list_item_building
BEGIN
  UPDATE building_tally SET open_items = open_items + 1,
    open_problems = open_problems + (i.kind = 'problem'),
    open_hazards = open_hazards + (i.kind = 'problem' AND i.category = 'safety')
  FROM (SELECT kind, category FROM list_item WHERE id = new.item_id
        AND status IN ('open', 'in_progress')) AS i
  WHERE building = new.building;
END;

CREATE TRIGGER list_building_tally_removed AFTER DELETE ON list_item_building
BEGIN
  UPDATE building_tally SET open_items = open_items - 1,
    open_problems = open_problems - (i.kind = 'problem'),
    open_hazards = open_hazards - (i.kind = 'problem' AND i.category = 'safety')
  FROM (SELECT kind, category FROM list_item WHERE id = old.item_id
        AND status IN ('open', 'in_progress')) AS i
  WHERE building = old.building;
END;

CREATE TRIGGER list_item_tally_changed AFTER UPDATE OF status, kind, category ON list_item
BEGIN
  UPDATE building_tally SET
    open_items = open_items - (old.status IN ('open', 'in_progress'))
                            + (new.status IN ('open', 'in_progress')),
    open_problems = open_problems - (old.status IN ('open', 'in_progress') AND old.kind = 'problem')
                                  + (new.status IN ('open', 'in_progress') AND new.kind = 'problem'),
    open_hazards = open_hazards
      - (old.status IN ('open', 'in_progress') AND old.kind = 'problem' AND old.category = 'safety')
      + (new.status IN ('open', 'in_progress') AND new.kind = 'problem' AND new.category = 'safety')
  WHERE building IN (SELECT building FROM list_item_building WHERE item_id = new.id);
END;

-- An item removed before its buildings (only with foreign keys off) leaves no count.
CREATE TRIGGER list_item_tally_removed AFTER DELETE ON list_item
WHEN old.status IN ('open', 'in_progress')
BEGIN
  UPDATE building_tally SET open_items = open_items - 1,
    open_problems = open_problems - (old.kind = 'problem'),
    open_hazards = open_hazards - (old.kind = 'problem' AND old.category = 'safety')
  WHERE building IN (SELECT building FROM list_item_building WHERE item_id = old.id);
END;

CREATE INDEX building_tally_open ON building_tally(building) WHERE open_items > 0;

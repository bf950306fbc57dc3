-- 003: the four lists (问题 / 需求 / 赋能 / 行动清单) and the roundtable (小圆桌).
--
-- Decisions kept here and in include/xiangli/lists.h, include/xiangli/meeting.h:
-- * A list item concerns the buildings named in list_item_building; an item with no row
--   there concerns the whole community. (One table, one truth: no building column.)
-- * Raised by, owner and meeting host are a person OR an organisation (two nullable keys,
--   at most one set).
-- * Links run forward along the chain problem → demand → empowerment → action, with two
--   shortcuts: problem → action (a hazard removed at once) and demand → action (a demand met
--   without outside help). problem → empowerment is refused: an empowerment answers a demand.
--   Each link row repeats both kinds, tied to the items by (id, kind) foreign keys, so the
--   CHECK sees the real kinds; every link goes to a strictly later kind, so cycles cannot exist.
-- * Items are never deleted (dropped instead): a trigger refuses DELETE, so links never dangle.
-- * A closed meeting is final: triggers refuse changes to its agenda, actions and attendance,
--   and meeting status moves only planned → running → closed.

CREATE TABLE meeting (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('roundtable', 'pioneer', 'discussion', 'joint')),
  title          TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
  starts_at      TEXT NOT NULL CHECK (starts_at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]'),
  place          TEXT NOT NULL DEFAULT '' CHECK (length(place) <= 64),
  host_person_id INTEGER REFERENCES person(id),
  host_org_id    INTEGER REFERENCES organisation(id),
  building       INTEGER REFERENCES building(number),
  pioneer_group  INTEGER CHECK (pioneer_group BETWEEN 1 AND 3),
  status         TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'running', 'closed')),
  started_at     TEXT,
  closed_at      TEXT,
  minutes        TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL,
  CHECK (host_person_id IS NULL OR host_org_id IS NULL),
  CHECK (kind <> 'roundtable' OR building IS NOT NULL),
  CHECK (kind <> 'pioneer' OR pioneer_group IS NOT NULL),
  CHECK ((status = 'planned') = (started_at IS NULL)),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
) STRICT;
CREATE INDEX meeting_when ON meeting(starts_at);
CREATE INDEX meeting_building ON meeting(building, kind, status, starts_at) WHERE building IS NOT NULL;

CREATE TRIGGER meeting_status_forward BEFORE UPDATE OF status ON meeting
WHEN NOT (old.status = new.status
          OR (old.status = 'planned' AND new.status = 'running')
          OR (old.status = 'running' AND new.status = 'closed'))
BEGIN
  SELECT RAISE(ABORT, 'meeting status moves only planned -> running -> closed');
END;

CREATE TABLE list_item (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('problem', 'demand', 'empowerment', 'action')),
  title             TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
  detail            TEXT NOT NULL DEFAULT '' CHECK (length(detail) <= 500),
  -- a category key from the configuration (built-in: rental, safety, civility, environment,
  -- services, other); not a fixed list here because the configuration may add keys
  category          TEXT NOT NULL CHECK (length(category) BETWEEN 1 AND 23
                                         AND category NOT GLOB '*[^a-z0-9_]*'),
  raised_by_person  INTEGER REFERENCES person(id),
  raised_by_org     INTEGER REFERENCES organisation(id),
  raised_at         TEXT NOT NULL CHECK (raised_at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  source_meeting_id INTEGER REFERENCES meeting(id),
  owner_person      INTEGER REFERENCES person(id),
  owner_org         INTEGER REFERENCES organisation(id),
  due               TEXT CHECK (due IS NULL OR due GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  status            TEXT NOT NULL DEFAULT 'open'
                    CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
  closing_note      TEXT NOT NULL DEFAULT '' CHECK (length(closing_note) <= 200),
  closed_at         TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  CHECK (raised_by_person IS NULL OR raised_by_org IS NULL),
  CHECK (owner_person IS NULL OR owner_org IS NULL),
  -- an action is concrete: it has an owner and a due date
  CHECK (kind <> 'action' OR ((owner_person IS NOT NULL OR owner_org IS NOT NULL) AND due IS NOT NULL)),
  -- done and dropped items say why, and when
  CHECK ((status IN ('done', 'dropped')) = (closed_at IS NOT NULL)),
  CHECK (status NOT IN ('done', 'dropped') OR length(closing_note) > 0)
) STRICT;
-- the target of the (id, kind) foreign keys of list_link and agenda_action
CREATE UNIQUE INDEX list_item_id_kind ON list_item(id, kind);
CREATE INDEX list_item_kind ON list_item(kind, status, due);
CREATE INDEX list_item_category ON list_item(category, status);
CREATE INDEX list_item_owner_person ON list_item(owner_person) WHERE owner_person IS NOT NULL;
CREATE INDEX list_item_owner_org ON list_item(owner_org) WHERE owner_org IS NOT NULL;
CREATE INDEX list_item_meeting ON list_item(source_meeting_id) WHERE source_meeting_id IS NOT NULL;

CREATE TRIGGER list_item_never_deleted BEFORE DELETE ON list_item
BEGIN
  SELECT RAISE(ABORT, 'list items are dropped, not deleted');
END;

CREATE TABLE list_item_building (
  item_id  INTEGER NOT NULL REFERENCES list_item(id),
  building INTEGER NOT NULL REFERENCES building(number),
  PRIMARY KEY (item_id, building)
) STRICT, WITHOUT ROWID;
CREATE INDEX list_item_building_by_building ON list_item_building(building, item_id);

CREATE TABLE list_link (
  from_id    INTEGER NOT NULL,
  to_id      INTEGER NOT NULL,
  from_kind  TEXT NOT NULL,
  to_kind    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (from_id, to_id),
  FOREIGN KEY (from_id, from_kind) REFERENCES list_item(id, kind),
  FOREIGN KEY (to_id, to_kind) REFERENCES list_item(id, kind),
  CHECK (from_kind || '>' || to_kind IN ('problem>demand', 'demand>empowerment',
         'empowerment>action', 'problem>action', 'demand>action'))
) STRICT, WITHOUT ROWID;
CREATE INDEX list_link_to ON list_link(to_id, from_id);

CREATE TABLE agenda_item (
  id           INTEGER PRIMARY KEY,
  meeting_id   INTEGER NOT NULL REFERENCES meeting(id),
  position     INTEGER NOT NULL CHECK (position >= 1),
  list_item_id INTEGER REFERENCES list_item(id),
  -- a free item has its own title; an item from the lists shows the list item's title
  title        TEXT NOT NULL DEFAULT '' CHECK (length(title) <= 80),
  minutes      INTEGER NOT NULL DEFAULT 10 CHECK (minutes BETWEEN 1 AND 240),
  notes        TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 1000),
  decision     TEXT NOT NULL DEFAULT '' CHECK (length(decision) <= 500),
  CHECK ((list_item_id IS NULL) = (length(title) > 0))
) STRICT;
CREATE UNIQUE INDEX agenda_item_order ON agenda_item(meeting_id, position);
CREATE UNIQUE INDEX agenda_item_once ON agenda_item(meeting_id, list_item_id)
  WHERE list_item_id IS NOT NULL;
CREATE INDEX agenda_item_list_item ON agenda_item(list_item_id) WHERE list_item_id IS NOT NULL;

CREATE TABLE agenda_action (
  agenda_item_id INTEGER NOT NULL REFERENCES agenda_item(id),
  action_id      INTEGER NOT NULL UNIQUE,
  action_kind    TEXT NOT NULL DEFAULT 'action' CHECK (action_kind = 'action'),
  PRIMARY KEY (agenda_item_id, action_id),
  FOREIGN KEY (action_id, action_kind) REFERENCES list_item(id, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE attendance (
  id         INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meeting(id),
  person_id  INTEGER REFERENCES person(id),
  org_id     INTEGER REFERENCES organisation(id),
  -- for a person: the residency role at the time (in the meeting's building), else 'other';
  -- for an organisation: 'deputy' for the two deputies and one member, else 'org'
  role       TEXT NOT NULL CHECK (role IN ('owner', 'sublandlord', 'tenant', 'family', 'other',
                                           'org', 'deputy')),
  CHECK ((person_id IS NULL) <> (org_id IS NULL)),
  CHECK ((person_id IS NOT NULL) = (role NOT IN ('org', 'deputy')))
) STRICT;
CREATE UNIQUE INDEX attendance_person ON attendance(meeting_id, person_id) WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX attendance_org ON attendance(meeting_id, org_id) WHERE org_id IS NOT NULL;

-- A closed meeting's agenda, actions and attendance are its minutes: they no longer change.
CREATE TRIGGER agenda_item_closed_insert BEFORE INSERT ON agenda_item
WHEN (SELECT status FROM meeting WHERE id = new.meeting_id) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'the meeting is closed');
END;
CREATE TRIGGER agenda_item_closed_update BEFORE UPDATE ON agenda_item
WHEN (SELECT status FROM meeting WHERE id = old.meeting_id) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'the meeting is closed');
END;
CREATE TRIGGER agenda_item_closed_delete BEFORE DELETE ON agenda_item
WHEN (SELECT status FROM meeting WHERE id = old.meeting_id) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'the meeting is closed');
END;
CREATE TRIGGER agenda_action_closed_insert BEFORE INSERT ON agenda_action
WHEN (SELECT m.status FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
      WHERE a.id = new.agenda_item_id) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'the meeting is closed');
END;
CREATE TRIGGER attendance_closed_insert BEFORE INSERT ON attendance
WHEN (SELECT status FROM meeting WHERE id = new.meeting_id) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'the meeting is closed');
END;
CREATE TRIGGER attendance_closed_delete BEFORE DELETE ON attendance
WHEN (SELECT status FROM meeting WHERE id = old.meeting_id) = 'closed'
BEGIN
  SELECT RAISE(ABORT, 'the meeting is closed');
END;

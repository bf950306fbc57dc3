-- 004: the one search (src/core/lookup.c): search keys of names, and indexes for the tails.
--
-- person.pinyin holds xl_search_keys(name): the name's pinyin spellings and initials (of
-- every suffix of the name, every reading of a polyphonic character) and its character
-- grams, as marked tokens ("|zhangsan!ZS|san!S~张三~三(张)(三)" for 张三); the format and
-- why it finds every match are in src/core/search_sql.h. person_search is an FTS5 trigram
-- index over it that finds candidates; lookup.c confirms each with xl_pinyin_match / instr.
--
-- Kept right by ONE mechanism no writer can forget: the application SQL function
-- xl_search_keys(name) (src/core/search_sql.c), registered on every connection by
-- xl_db_open before migrations run, called by the triggers below and by the backfill.
-- A writer that sets person.pinyin to anything else is refused. A connection without the
-- function (the sqlite3 shell) can read, but cannot add or rename people.
ALTER TABLE person ADD COLUMN pinyin TEXT NOT NULL DEFAULT '';

UPDATE person SET pinyin = xl_search_keys(name);

CREATE VIRTUAL TABLE person_search USING fts5(
  pinyin, content = 'person', content_rowid = 'id', tokenize = 'trigram case_sensitive 1', detail = 'none');
INSERT INTO person_search(person_search) VALUES ('rebuild');

-- The index follows every value the column takes (old value out, new value in).
CREATE TRIGGER person_search_insert AFTER INSERT ON person
BEGIN
  INSERT INTO person_search(rowid, pinyin) VALUES (new.id, new.pinyin);
  UPDATE person SET pinyin = xl_search_keys(new.name) WHERE id = new.id;
END;

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

-- The column follows the name.
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

-- Phone and ID-number tails (4+ digits): the last four characters, then the rest is checked.
CREATE INDEX person_phone_tail ON person(substr(phone, -4)) WHERE phone IS NOT NULL;
CREATE INDEX person_id_tail ON person(substr(id_number, -4)) WHERE id_number IS NOT NULL;

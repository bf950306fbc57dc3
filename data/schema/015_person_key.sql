-- 015: person_key, the search keys as a B-tree with the building each person lives in now
-- (src/core/register/lookup.c; the keys in src/core/db/search_sql.h).
--
-- The FTS5 trigram index of 004 finds candidates by ANDing trigrams, and a long query ANDs
-- long lists ("wangxiaoming": eleven trigrams, most of them in a third of all names): 20 ms
-- and more at a million people. A prefix search is a range of sorted keys instead:
--   |spelling  the full pinyin of every suffix of the name (FULL hits start one)
--   !INITIALS  their initials (INITIALS hits start one)
--   ~suffix    every suffix of the name's text (a substring of the name starts one)
-- and with b, the building the person lives in now (0: nowhere), a page in register order
-- reads the range's rows of the first buildings only, never a person or residency row.
--
-- Kept by triggers, like person.pinyin: the keys follow the name (xl_search_key_list, the
-- application function registered on every connection, as xl_search_keys, read from
-- person.pinyin where that is kept already), b follows the
-- current residency. A bulk writer that defers the search index (xl_index_deferred: init
-- --demo, import) fills person_key for its new people in one statement with person_search
-- (xl_search_index_people), b from their residency then; until then a residency written
-- for them has no keys to update, which the residency triggers see by one look-up (every
-- person has the key "~" + the whole name) before they make the person's keys.
CREATE TABLE person_key (
  k   TEXT NOT NULL,
  pid INTEGER NOT NULL,
  b   INTEGER NOT NULL,
  PRIMARY KEY (k, pid)
) STRICT, WITHOUT ROWID;

INSERT OR IGNORE INTO person_key(k, pid, b)
  SELECT j.value, p.id, coalesce(r.building, 0)
  FROM person p LEFT JOIN residency r ON r.person_id = p.id AND r.moved_out IS NULL,
       json_each(xl_search_key_list(p.name, p.pinyin)) j
  ORDER BY 1, 2;

CREATE TRIGGER person_key_insert AFTER INSERT ON person
WHEN NOT xl_index_deferred()
BEGIN
  INSERT OR IGNORE INTO person_key(k, pid, b)
    SELECT value, new.id, 0 FROM json_each(xl_search_key_list(new.name, xl_search_keys(new.name)));
END;

CREATE TRIGGER person_key_rename AFTER UPDATE OF name ON person
WHEN old.name IS NOT new.name
BEGIN
  DELETE FROM person_key
  WHERE pid = old.id AND k IN (SELECT value FROM json_each(xl_search_key_list(old.name, old.pinyin)));
  INSERT OR IGNORE INTO person_key(k, pid, b)
    SELECT value, new.id,
           coalesce((SELECT building FROM residency WHERE person_id = new.id AND moved_out IS NULL), 0)
    FROM json_each(xl_search_key_list(new.name, xl_search_keys(new.name)));
END;

CREATE TRIGGER person_key_delete AFTER DELETE ON person
BEGIN
  DELETE FROM person_key
  WHERE pid = old.id AND k IN (SELECT value FROM json_each(xl_search_key_list(old.name, old.pinyin)));
END;

CREATE TRIGGER residency_key_added AFTER INSERT ON residency
WHEN new.moved_out IS NULL AND EXISTS (SELECT 1 FROM person_key
  WHERE k = '~' || (SELECT name FROM person WHERE id = new.person_id) AND pid = new.person_id)
BEGIN
  UPDATE person_key SET b = new.building
  WHERE pid = new.person_id
    AND k IN (SELECT value FROM json_each((SELECT xl_search_key_list(name, pinyin) FROM person
                                           WHERE id = new.person_id)));
END;

CREATE TRIGGER residency_key_removed AFTER DELETE ON residency
WHEN old.moved_out IS NULL AND EXISTS (SELECT 1 FROM person_key
  WHERE k = '~' || (SELECT name FROM person WHERE id = old.person_id) AND pid = old.person_id)
BEGIN
  UPDATE person_key SET b = 0
  WHERE pid = old.person_id
    AND k IN (SELECT value FROM json_each((SELECT xl_search_key_list(name, pinyin) FROM person
                                           WHERE id = old.person_id)));
END;

CREATE TRIGGER residency_key_changed AFTER UPDATE OF person_id, building, moved_out ON residency
WHEN old.moved_out IS NULL OR new.moved_out IS NULL
BEGIN
  UPDATE person_key SET b = 0
  WHERE old.moved_out IS NULL AND pid = old.person_id
    AND k IN (SELECT value FROM json_each((SELECT xl_search_key_list(name, pinyin) FROM person
                                           WHERE id = old.person_id)));
  UPDATE person_key SET b = new.building
  WHERE new.moved_out IS NULL AND pid = new.person_id
    AND k IN (SELECT value FROM json_each((SELECT xl_search_key_list(name, pinyin) FROM person
                                           WHERE id = new.person_id)));
END;

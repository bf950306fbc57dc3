-- 015: person_key, the search keys as a B-tree with the building each person lives in now
-- (src/core/register/lookup.c; the keys in src/core/db/search_sql.h).
--
-- The FTS5 trigram index of 004 finds candidates by ANDing trigrams, and a long query ANDs
-- long lists ("wangxiaoming": eleven trigrams, most of them in a third of all names): 20 ms
-- and more at a million people. A prefix search is a range of sorted keys instead:
--   |spelling  the full pinyin of every suffix of the name (FULL hits start one)
--   !INITIALS  their initials, two or more (INITIALS hits start one)
--   #          the name holds Latin letters (MIXED reads them all)
--   ~suffix    every suffix of the name's text (a substring of the name starts one)
-- and with b, the building the person lives in now (0: nowhere), a page in register order
-- reads the range's rows of the first buildings only, never a person or residency row.
--
-- ü: pinyin folds v to u ("lu" finds 吕 lv), so a query with v and no u ("lv") would read
-- every lu; the spellings that hold a v, unfolded, are person_key_v (few people, indexed by
-- person too, made by the application function xl_search_v_keys like the name's keys).
--
-- person_keys (the view) says which keys a person has, from person.name and person.pinyin
-- (xl_search_keys(name), kept by 004's triggers) in plain SQL, so that the sqlite3 shell
-- can still move people. Kept by triggers: the keys follow the name and its pinyin (out
-- before the update, in after), b follows the current residency. A bulk writer that defers
-- the search index (xl_index_deferred: init --demo, import) fills person_key for its new
-- people in one statement with person_search (xl_search_index_people), b from their
-- residency then; until then a residency written for them has no keys to update, which the
-- residency triggers see by one look-up (every person has the key "~" + the whole name).
CREATE VIEW person_keys(pid, k) AS
  SELECT p.id, CASE j.value WHEN '|#' THEN '#' ELSE j.value END
  FROM person p, json_each('["' || replace(replace(substr(p.pinyin, 1, instr(p.pinyin || '~', '~') - 1),
                                               '|', '","|'), '!', '","!') || '"]') j
  WHERE length(j.value) > (CASE substr(j.value, 1, 1) WHEN '!' THEN 2 ELSE 1 END)
  UNION ALL
  -- every suffix: the numbers 1 .. length(name) (at most 64) cut from a list
  SELECT p.id, '~' || substr(p.name, s.value)
  FROM person p CROSS JOIN json_each('[' || substr('1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64', 1,
    CASE WHEN length(p.name) <= 9 THEN 2 * length(p.name) - 1 ELSE 3 * length(p.name) - 10 END) || ']') s;

CREATE TABLE person_key (
  k   TEXT NOT NULL,
  pid INTEGER NOT NULL,
  b   INTEGER NOT NULL,
  PRIMARY KEY (k, pid)
) STRICT, WITHOUT ROWID;

INSERT OR IGNORE INTO person_key(k, pid, b)
  SELECT v.k, v.pid, coalesce(r.building, 0)
  FROM person_keys v LEFT JOIN residency r ON r.person_id = v.pid AND r.moved_out IS NULL
  ORDER BY 1, 2;

CREATE TABLE person_key_v (
  k   TEXT NOT NULL,
  pid INTEGER NOT NULL,
  b   INTEGER NOT NULL,
  PRIMARY KEY (k, pid)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_key_v_person ON person_key_v(pid);

INSERT OR IGNORE INTO person_key_v(k, pid, b)
  SELECT j.value, p.id, coalesce(r.building, 0)
  FROM person p LEFT JOIN residency r ON r.person_id = p.id AND r.moved_out IS NULL,
       json_each(xl_search_v_keys(p.name, p.pinyin)) j;

CREATE TRIGGER person_key_insert AFTER INSERT ON person
WHEN NOT xl_index_deferred()
BEGIN
  INSERT OR IGNORE INTO person_key(k, pid, b) SELECT k, pid, 0 FROM person_keys WHERE pid = new.id;
  INSERT OR IGNORE INTO person_key_v(k, pid, b)
    SELECT value, new.id, 0 FROM json_each(xl_search_v_keys(new.name, new.pinyin));
END;

CREATE TRIGGER person_key_out BEFORE UPDATE OF name, pinyin ON person
WHEN old.name IS NOT new.name OR old.pinyin IS NOT new.pinyin
BEGIN
  DELETE FROM person_key
  WHERE pid = old.id AND k IN (SELECT k FROM person_keys WHERE pid = old.id);
  DELETE FROM person_key_v WHERE pid = old.id;
END;

CREATE TRIGGER person_key_in AFTER UPDATE OF name, pinyin ON person
WHEN old.name IS NOT new.name OR old.pinyin IS NOT new.pinyin
BEGIN
  INSERT OR IGNORE INTO person_key(k, pid, b)
    SELECT k, pid, coalesce((SELECT building FROM residency WHERE person_id = new.id AND moved_out IS NULL), 0)
    FROM person_keys WHERE pid = new.id;
  INSERT OR IGNORE INTO person_key_v(k, pid, b)
    SELECT value, new.id,
           coalesce((SELECT building FROM residency WHERE person_id = new.id AND moved_out IS NULL), 0)
    FROM json_each(xl_search_v_keys(new.name, new.pinyin));
END;

CREATE TRIGGER person_key_delete BEFORE DELETE ON person
BEGIN
  DELETE FROM person_key
  WHERE pid = old.id AND k IN (SELECT k FROM person_keys WHERE pid = old.id);
  DELETE FROM person_key_v WHERE pid = old.id;
END;

CREATE TRIGGER residency_key_added AFTER INSERT ON residency
WHEN new.moved_out IS NULL AND EXISTS (SELECT 1 FROM person_key
  WHERE k = '~' || (SELECT name FROM person WHERE id = new.person_id) AND pid = new.person_id)
BEGIN
  UPDATE person_key SET b = new.building
  WHERE pid = new.person_id AND k IN (SELECT k FROM person_keys WHERE pid = new.person_id);
  UPDATE person_key_v SET b = new.building WHERE pid = new.person_id;
END;

CREATE TRIGGER residency_key_removed AFTER DELETE ON residency
WHEN old.moved_out IS NULL AND EXISTS (SELECT 1 FROM person_key
  WHERE k = '~' || (SELECT name FROM person WHERE id = old.person_id) AND pid = old.person_id)
BEGIN
  UPDATE person_key SET b = 0
  WHERE pid = old.person_id AND k IN (SELECT k FROM person_keys WHERE pid = old.person_id);
  UPDATE person_key_v SET b = 0 WHERE pid = old.person_id;
END;

CREATE TRIGGER residency_key_changed AFTER UPDATE OF person_id, building, moved_out ON residency
WHEN old.moved_out IS NULL OR new.moved_out IS NULL
BEGIN
  UPDATE person_key SET b = 0
  WHERE old.moved_out IS NULL AND pid = old.person_id
    AND k IN (SELECT k FROM person_keys WHERE pid = old.person_id);
  UPDATE person_key_v SET b = 0 WHERE old.moved_out IS NULL AND pid = old.person_id;
  UPDATE person_key SET b = new.building
  WHERE new.moved_out IS NULL AND pid = new.person_id
    AND k IN (SELECT k FROM person_keys WHERE pid = new.person_id);
  UPDATE person_key_v SET b = new.building WHERE new.moved_out IS NULL AND pid = new.person_id;
END;

-- 011: who did it, and imports that hold the write lock only briefly (issue 9).
--
-- The officers on duty: xl_db_set_operator(name) records the name here (login holds the
-- name as the officer gave it) with when it was last used, so the desk can offer the recent
-- names, most recent first.
ALTER TABLE operator ADD COLUMN last_seen TEXT NOT NULL DEFAULT '';
CREATE INDEX operator_last_seen ON operator(last_seen);

-- The audit is append-only: nothing may change or remove a row once written.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE(ABORT, 'the audit is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE(ABORT, 'the audit is append-only');
END;
CREATE INDEX audit_at ON audit(at);

-- A writer may give a new person's search keys itself (the importer computes them before it
-- takes the write lock). Keys that are not exactly xl_search_keys(name) — none given, or
-- wrong — are corrected as before (index, then the column set, which re-indexes). Right
-- keys go into the search index at once, unless the connection defers indexing
-- (xl_index_deferred(): the importer, which indexes its new people with one INSERT … SELECT
-- before its commit — FTS5 writes out its pending data at every statement of a transaction,
-- which made a 20,000-row import hold the write lock for seconds).
DROP TRIGGER person_search_insert;
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

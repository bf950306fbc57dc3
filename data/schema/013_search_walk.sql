-- 013: the search's walk in place order reads only an index (src/core/register/lookup.c).
--
-- A paged search whose candidates (person_search) are too many to put in order one by one
-- walks the current residents in register order (building, room) and keeps those among the
-- candidates; with person_id in the index the rows that are not candidates cost no read of
-- the residency table. SQLite keeps the index; nothing else to maintain.
CREATE INDEX residency_walk ON residency(building, room, person_id) WHERE moved_out IS NULL;

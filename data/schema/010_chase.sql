-- 010: the stale chase (issue 12). Each time the office chases a building's forgotten
-- sign-outs — a chase list printed for the grid worker's round, or the whole list confirmed
-- or signed out after calling the landlord — one row: which building, who answered for it
-- then (the first responsible person), which officer, when, and the outcome. The building
-- card shows the last one.
CREATE TABLE chase (
  id              INTEGER PRIMARY KEY,
  building        INTEGER NOT NULL REFERENCES building(number),
  responsible_id  INTEGER REFERENCES person(id),
  operator        TEXT NOT NULL CHECK (length(operator) BETWEEN 1 AND 64),
  at              TEXT NOT NULL,
  outcome         TEXT NOT NULL CHECK (outcome IN ('listed', 'confirmed', 'signed_out')),
  residents       INTEGER NOT NULL DEFAULT 0 CHECK (residents >= 0)
) STRICT;
CREATE INDEX chase_building ON chase(building, at);

-- 009: the street's property-service assessment (物业服务管理考核), per lane and quarter.
-- One row per lane, quarter and criterion. The criterion's name and weight are kept as they
-- were when it was scored (the criteria file may change later; history does not).
-- A score is replaced by scoring again (audited), never half-written.
CREATE TABLE assessment_score (
  id             INTEGER PRIMARY KEY,
  lane_id        INTEGER NOT NULL REFERENCES lane(id),
  quarter        TEXT NOT NULL CHECK (quarter GLOB '[12][0-9][0-9][0-9]-Q[1-4]'),
  criterion      TEXT NOT NULL CHECK (length(criterion) BETWEEN 1 AND 32
                                      AND criterion NOT GLOB '*[^a-z0-9_]*'),
  criterion_name TEXT NOT NULL CHECK (length(criterion_name) BETWEEN 1 AND 63),
  weight         INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
  score          INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  comment        TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 200),
  scored_at      TEXT NOT NULL,
  UNIQUE (lane_id, quarter, criterion)
) STRICT;
CREATE INDEX assessment_score_quarter ON assessment_score(quarter, lane_id);

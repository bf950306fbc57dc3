-- 002: the tenant register (实有人口底册): indexes for its window and its stale list.
-- Forward-only; no new columns (a person.pinyin column is designed elsewhere).

-- The register window with moved-out history included scans residencies in register order
-- (building, room) and counts them per building (covering, with the role filter).
-- Current residents alone use residency_place from 001.
CREATE INDEX residency_register ON residency(building, room, role);

-- Stale tenancies: open tenancies by the date of their last confirmation (or move-in when
-- never confirmed). The expression must match the one in src/core/residency.c exactly.
CREATE INDEX residency_stale ON residency(substr(coalesce(confirmed_at, moved_in), 1, 10))
  WHERE moved_out IS NULL AND role = 'tenant';

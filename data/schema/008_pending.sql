-- 008: phone sign-in and sign-out (扫码签进 / 签出) waiting for an officer: pending
-- submissions from `xiangli serve`, never written straight into the register.
-- The whole ID number and phone are kept only while a submission waits: confirming,
-- rejecting or expiring it erases them (id_number, phone set to NULL).

CREATE TABLE pending (
  id           INTEGER PRIMARY KEY,
  receipt      TEXT NOT NULL UNIQUE CHECK (length(receipt) = 6),
  building     INTEGER NOT NULL REFERENCES building(number),
  room         TEXT NOT NULL CHECK (length(room) BETWEEN 1 AND 8),
  action       TEXT NOT NULL CHECK (action IN ('in', 'out')),
  name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  gender       TEXT NOT NULL DEFAULT '' CHECK (gender IN ('M', 'F', '')),
  id_number    TEXT CHECK (id_number IS NULL OR length(id_number) = 18),
  phone        TEXT CHECK (phone IS NULL OR length(phone) = 11),
  date         TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  state        TEXT NOT NULL DEFAULT 'pending'
               CHECK (state IN ('pending', 'confirmed', 'rejected', 'expired')),
  decided_at   TEXT,
  decided_by   TEXT,
  reason       TEXT NOT NULL DEFAULT '',
  person_id    INTEGER REFERENCES person(id)
) STRICT;
-- The officer's queue (pending and expired, oldest first) and the expiry sweep.
CREATE INDEX pending_queue ON pending(state, submitted_at);

-- The per-database secret behind the phone form's anti-forgery field.
INSERT OR IGNORE INTO meta(key, value) VALUES ('serve.secret', lower(hex(randomblob(32))));

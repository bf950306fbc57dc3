-- 005: attendance by meeting. The partial unique indexes of 003 cannot serve
-- "WHERE meeting_id = ?" (they only cover rows with a person or an organisation), so counting
-- a meeting's attendance read the whole table: at --scale 100 the demo took over 15 minutes.
CREATE INDEX attendance_meeting ON attendance(meeting_id);

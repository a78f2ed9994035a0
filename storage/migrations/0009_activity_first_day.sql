-- The first day of an activity's meetings, as a season plan gives it
-- (`from = "2026-09-03"`), stored as that day's local midnight in UTC.
-- NULL: the day the activity was created. The § 18 report counts meetings
-- from it, never before the activity existed.
ALTER TABLE activities ADD COLUMN first_day TIMESTAMP;

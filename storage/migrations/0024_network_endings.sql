-- A household whose match ended is back on the waiting list only when it
-- asks for a new network family (or its coordinator puts it back): until
-- then closed_at says since when it does not wait.
ALTER TABLE referrals ADD COLUMN closed_at TIMESTAMP;

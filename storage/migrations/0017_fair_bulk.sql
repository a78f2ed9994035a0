-- Fairness within bulk: the sender takes bulk rows round robin between
-- fairness keys (a broadcast's rows share one; another bulk row is keyed by
-- its cause), so a small audience's message does not wait behind an
-- announcement to thousands. fair_group is the outer turn (one group for
-- now; a branch later): groups take turns, then the keys within a group.
-- Rows that are not bulk keep '' and go strictly oldest first, as before.
ALTER TABLE outbox ADD COLUMN fair_group TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN fair TEXT NOT NULL DEFAULT '';
UPDATE outbox SET fair = 'broadcast:' || broadcast_id
    WHERE broadcast_id IS NOT NULL AND state IN ('pending', 'sending');
UPDATE outbox SET fair = 'cause:' || CASE WHEN notice <> '' THEN notice ELSE kind END
    WHERE broadcast_id IS NULL AND priority >= 10 AND state IN ('pending', 'sending');

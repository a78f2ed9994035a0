-- The sender asks for pending messages due by now (DueMessages) and for the
-- next one to fall due (NextDue) several times a second while it works.
-- outbox_due (0001) is a partial index WHERE state IN ('pending','sending'),
-- which SQLite cannot prove a query for state = 'pending' may use, so both
-- scanned every row the outbox keeps for thirty days. This index serves
-- both: state = 'pending' AND not_before <= now, and ORDER BY not_before.
CREATE INDEX outbox_state_due ON outbox(state, not_before);

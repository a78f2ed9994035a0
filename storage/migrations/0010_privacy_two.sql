-- Privacy promises kept exactly, part two.

-- A member's question written while no coordinator could read it (none
-- reachable, no coordinators' group) is held, and relayed by the scheduler
-- as soon as one can.
ALTER TABLE ask_messages ADD COLUMN held INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0,1));
CREATE INDEX ask_messages_held ON ask_messages(id) WHERE held = 1;

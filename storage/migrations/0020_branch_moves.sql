-- A member's request to move to another branch (or, for a volunteer, to
-- join a second one), waiting for that branch's coordinators to welcome or
-- decline it. Exactly one decision: the row leaves 'pending' once. A newer
-- request of the same member withdraws the one still waiting.
CREATE TABLE branch_moves (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    from_branch INTEGER NOT NULL REFERENCES branches(id) ON DELETE CASCADE,
    to_branch   INTEGER NOT NULL REFERENCES branches(id) ON DELETE CASCADE,
    keep        INTEGER NOT NULL DEFAULT 0 CHECK (keep IN (0,1)),  -- 1: joins to_branch and stays in from_branch
    role        TEXT NOT NULL CHECK (role IN ('participant','volunteer')),  -- the role they get in to_branch
    state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','welcomed','declined','withdrawn')),
    decided_by  INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL,
    decided_at  TIMESTAMP,
    CHECK (from_branch != to_branch)
);
CREATE INDEX branch_moves_member ON branch_moves(member_id, state);

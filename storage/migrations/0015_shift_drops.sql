-- How often a volunteer left a shift's meeting: each late withdrawal tells
-- the coordinators and offers the place to others, so after a few a
-- volunteer cannot take that meeting again themselves (a coordinator still
-- can add them). Deleted with the member, and once the meeting is long past.
CREATE TABLE shift_drops (
    shift_id  INTEGER NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,
    slot      TIMESTAMP NOT NULL,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    drops     INTEGER NOT NULL CHECK (drops > 0),
    PRIMARY KEY (shift_id, slot, member_id)
);
CREATE INDEX shift_drops_member ON shift_drops(member_id);

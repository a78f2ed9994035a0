-- Volunteer shifts (issue 8): a shift is a role that needs people, either at
-- every meeting of an activity or once at a given start and end; sign-ups
-- are per shift and meeting (slot); each volunteer's languages and child
-- protection certificate (børneattest) live in volunteer_profiles.

CREATE TABLE shifts (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 64),
    activity_id   INTEGER REFERENCES activities(id) ON DELETE CASCADE, -- NULL: a standalone shift
    starts_at     TIMESTAMP,                      -- standalone only
    ends_at       TIMESTAMP,                      -- standalone only
    place         TEXT NOT NULL DEFAULT '',       -- standalone only; activity shifts meet at its place
    role          TEXT NOT NULL CHECK (length(role) BETWEEN 1 AND 100),  -- Danish role title
    roles         TEXT NOT NULL DEFAULT '{}',     -- JSON {"ar": "...", "ti": "...", "en": "..."}
    needed        INTEGER NOT NULL CHECK (needed BETWEEN 1 AND 50),
    requires_cert INTEGER NOT NULL DEFAULT 0 CHECK (requires_cert IN (0,1)),
    language      TEXT NOT NULL DEFAULT '' CHECK (language IN ('','da','ar','ti','en')),
    archived_at   TIMESTAMP,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    CHECK ((activity_id IS NULL) = (starts_at IS NOT NULL)),
    CHECK ((starts_at IS NULL) = (ends_at IS NULL)),
    CHECK (ends_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX shifts_activity ON shifts(activity_id);

-- Who took which shift on which meeting. slot is the meeting's slot as in
-- occurrence_changes (a moved meeting keeps its sign-ups), or the start of
-- a standalone shift.
CREATE TABLE shift_signups (
    shift_id   INTEGER NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,
    slot       TIMESTAMP NOT NULL,
    member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    added_by   INTEGER REFERENCES members(id) ON DELETE SET NULL,  -- a coordinator, or NULL: themselves
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (shift_id, slot, member_id)
);
CREATE INDEX shift_signups_member ON shift_signups(member_id);

-- A volunteer's (or coordinator's) profile: the languages they speak and
-- until when their child protection certificate is valid (recorded by a
-- coordinator only). Nothing about origin.
CREATE TABLE volunteer_profiles (
    member_id        INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    languages        TEXT NOT NULL DEFAULT '',    -- comma-separated codes: "da,ti"
    cert_valid_until TIMESTAMP,                   -- the last valid day, local midnight in UTC
    cert_recorded_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    updated_at       TIMESTAMP NOT NULL
);

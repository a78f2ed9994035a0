-- foreign_keys: off
-- (The runner switches foreign keys off around this migration, as SQLite's
-- documented way of changing a table's constraints asks, and runs
-- foreign_key_check before it commits: activities, events and shifts are
-- rebuilt so that their keys are unique per branch, not overall.)

-- Branches: the local Red Cross groups one instance serves. The first one
-- owns everything that existed before; its key and names come from the
-- configuration at start-up (VEJVISER_BRANCH, VEJVISER_GROUP_NAME…).
CREATE TABLE branches (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 2 AND 32 AND key NOT GLOB '*[^a-z0-9-]*'),
    name       TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 100),  -- Danish name; '' only for the first branch until start-up names it
    names      TEXT NOT NULL DEFAULT '{}',      -- JSON {"ar": "...", "ti": "...", "en": "..."}
    town       TEXT NOT NULL DEFAULT '' CHECK (length(town) <= 100),
    tz         TEXT NOT NULL DEFAULT 'Europe/Copenhagen',
    hidden     INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0,1)),  -- left out of the list /start shows
    join_code  TEXT NOT NULL UNIQUE CHECK (length(join_code) BETWEEN 8 AND 32), -- the /start payload of its join link
    settings   TEXT NOT NULL DEFAULT '{}',      -- JSON: the branch's own values of settings that default from the environment
    created_at TIMESTAMP NOT NULL
);
INSERT INTO branches (id, key, join_code, created_at)
    VALUES (1, 'default', 'b' || lower(hex(randomblob(6))), CURRENT_TIMESTAMP);

-- A member's role in each branch they belong to. members.role stays the
-- highest of these (what the route table checks); members.branch_id is the
-- branch they act in now (where a coordinator's new events go).
CREATE TABLE member_branches (
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    branch_id INTEGER NOT NULL REFERENCES branches(id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('participant','volunteer','coordinator')),
    joined_at TIMESTAMP NOT NULL,
    PRIMARY KEY (member_id, branch_id)
);
CREATE INDEX member_branches_branch ON member_branches(branch_id, role);
INSERT INTO member_branches (member_id, branch_id, role, joined_at)
    SELECT id, 1, role, created_at FROM members;
ALTER TABLE members ADD COLUMN branch_id INTEGER NOT NULL DEFAULT 1;

-- Coordinators named by Telegram id before they have started the bot (the
-- command line's branch add --coordinator): they become the branch's
-- coordinators when they join, and at once if they are members already.
CREATE TABLE branch_coordinators (
    branch_id INTEGER NOT NULL REFERENCES branches(id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL,
    PRIMARY KEY (branch_id, user_id)
);

-- What belongs to a branch. Children (meetings, answers, sign-ups) belong
-- through their parent.
ALTER TABLE invites ADD COLUMN branch_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE ask_messages ADD COLUMN branch_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE broadcasts ADD COLUMN branch_id INTEGER DEFAULT 1;  -- NULL: a national broadcast
CREATE INDEX ask_messages_branch ON ask_messages(branch_id, created_at);

CREATE TABLE activities_b (
    id                INTEGER PRIMARY KEY,
    branch_id         INTEGER NOT NULL DEFAULT 1 REFERENCES branches(id),
    key               TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
    name              TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),   -- Danish title
    titles            TEXT NOT NULL DEFAULT '{}',    -- JSON {"ar": "...", "ti": "...", "en": "..."}
    place             TEXT NOT NULL DEFAULT '',
    schedule          TEXT NOT NULL,                 -- robfig/cron five-field spec, local time of VEJVISER_TZ
    duration_min      INTEGER NOT NULL DEFAULT 120 CHECK (duration_min BETWEEN 1 AND 1440),
    remind_before_min INTEGER NOT NULL DEFAULT 180 CHECK (remind_before_min BETWEEN 0 AND 10080), -- 0: no reminder
    archived_at       TIMESTAMP,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    first_day         TIMESTAMP,
    UNIQUE (branch_id, key)
);
INSERT INTO activities_b (id, key, name, titles, place, schedule, duration_min, remind_before_min, archived_at, created_at, updated_at, first_day)
    SELECT id, key, name, titles, place, schedule, duration_min, remind_before_min, archived_at, created_at, updated_at, first_day FROM activities;
DROP TABLE activities;
ALTER TABLE activities_b RENAME TO activities;

CREATE TABLE events_b (
    id             INTEGER PRIMARY KEY,
    branch_id      INTEGER NOT NULL DEFAULT 1 REFERENCES branches(id),
    key            TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
    title          TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),   -- Danish title
    titles         TEXT NOT NULL DEFAULT '{}',   -- JSON {"ar": "...", ...}
    notes          TEXT NOT NULL DEFAULT '{}',   -- JSON {"da": "Pris 20 kr. pr. familie", ...}
    place          TEXT NOT NULL DEFAULT '',
    starts_at      TIMESTAMP NOT NULL,
    ends_at        TIMESTAMP NOT NULL,
    capacity       INTEGER CHECK (capacity IS NULL OR capacity > 0),   -- heads; NULL: no limit
    rsvp_by        TIMESTAMP NOT NULL,
    invite         TEXT NOT NULL DEFAULT 'participants',  -- participants | volunteers | everyone | activity:<key>
    offer_hours    INTEGER NOT NULL DEFAULT 24 CHECK (offer_hours BETWEEN 1 AND 336),
    ask_days       INTEGER NOT NULL DEFAULT 2 CHECK (ask_days BETWEEN 0 AND 14), -- "still coming?" this many days before; 0: never
    version        INTEGER NOT NULL DEFAULT 1,   -- bumped when time or place changes, or on cancel: notices are keyed by it
    cancelled_at   TIMESTAMP,
    invited_at     TIMESTAMP,                    -- when the invitations were decided (once)
    created_by     INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (rsvp_by <= starts_at),
    UNIQUE (branch_id, key)
);
INSERT INTO events_b (id, key, title, titles, notes, place, starts_at, ends_at, capacity, rsvp_by, invite, offer_hours, ask_days, version, cancelled_at, invited_at, created_by, created_at, updated_at)
    SELECT id, key, title, titles, notes, place, starts_at, ends_at, capacity, rsvp_by, invite, offer_hours, ask_days, version, cancelled_at, invited_at, created_by, created_at, updated_at FROM events;
DROP TABLE events;
ALTER TABLE events_b RENAME TO events;
CREATE INDEX events_start ON events(starts_at);

CREATE TABLE shifts_b (
    id            INTEGER PRIMARY KEY,
    branch_id     INTEGER NOT NULL DEFAULT 1 REFERENCES branches(id),
    key           TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
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
    CHECK (ends_at IS NULL OR ends_at > starts_at),
    UNIQUE (branch_id, key)
);
INSERT INTO shifts_b (id, key, activity_id, starts_at, ends_at, place, role, roles, needed, requires_cert, language, archived_at, created_at, updated_at)
    SELECT id, key, activity_id, starts_at, ends_at, place, role, roles, needed, requires_cert, language, archived_at, created_at, updated_at FROM shifts;
DROP TABLE shifts;
ALTER TABLE shifts_b RENAME TO shifts;
CREATE INDEX shifts_activity ON shifts(activity_id);
CREATE INDEX activities_branch ON activities(branch_id);
CREATE INDEX events_branch ON events(branch_id, starts_at);
CREATE INDEX shifts_branch ON shifts(branch_id);

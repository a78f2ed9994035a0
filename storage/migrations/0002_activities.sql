-- Recurring activities with a schedule, translated titles, a plan key, a
-- reminder offset and archiving; one-off changes to single dates; head
-- counts; and the scheduler's ledger of notices (one row per notice ever
-- decided, so each becomes exactly one outbox message).

-- activities is rebuilt: 0001 sketched it without titles, key or reminders.
CREATE TABLE activities_new (
    id                INTEGER PRIMARY KEY,
    key               TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 64),
    name              TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),   -- Danish title
    titles            TEXT NOT NULL DEFAULT '{}',    -- JSON {"ar": "...", "ti": "...", "en": "..."}
    place             TEXT NOT NULL DEFAULT '',
    schedule          TEXT NOT NULL,                 -- robfig/cron five-field spec, local time of VEJVISER_TZ
    duration_min      INTEGER NOT NULL DEFAULT 120 CHECK (duration_min BETWEEN 1 AND 1440),
    remind_before_min INTEGER NOT NULL DEFAULT 180 CHECK (remind_before_min BETWEEN 0 AND 10080), -- 0: no reminder
    archived_at       TIMESTAMP,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
INSERT INTO activities_new (id, key, name, place, schedule, duration_min, created_at, updated_at)
    SELECT id, 'activity-' || id, name, place,
           CASE WHEN schedule = '' THEN '0 15 * * THU' ELSE schedule END,
           min(max(duration_min, 1), 1440), created_at, created_at
    FROM activities;
-- activity_followers references activities: rebuild it too, keeping its rows.
CREATE TABLE activity_followers_new (
    activity_id INTEGER NOT NULL REFERENCES activities_new(id) ON DELETE CASCADE,
    member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (activity_id, member_id)
);
INSERT INTO activity_followers_new SELECT activity_id, member_id, created_at FROM activity_followers;
DROP TABLE activity_followers;
DROP TABLE activities;
ALTER TABLE activities_new RENAME TO activities;
ALTER TABLE activity_followers_new RENAME TO activity_followers;
CREATE INDEX activity_followers_member ON activity_followers(member_id);

-- A single date of an activity cancelled or moved. slot is the start the
-- schedule gives (UTC); moved_to the new start when moved.
CREATE TABLE occurrence_changes (
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    slot        TIMESTAMP NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('cancelled','moved')),
    moved_to    TIMESTAMP,
    reason      TEXT NOT NULL DEFAULT '',
    changed_by  INTEGER REFERENCES members(id) ON DELETE SET NULL,
    changed_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (activity_id, slot),
    CHECK ((state = 'moved') = (moved_to IS NOT NULL))
);

-- Head count at a meeting: one anonymous row per tap, so "undo" removes the
-- last one. slot identifies the date as in occurrence_changes.
CREATE TABLE headcount_taps (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    slot        TIMESTAMP NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('adult','child','first')),
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX headcount_taps_slot ON headcount_taps(activity_id, slot, id);

-- The scheduler's ledger: one row per notice decided (queued to the outbox,
-- or skipped because it was no longer useful). The key is unique, so a
-- notice can be decided once only, whatever runs the scheduler and how often.
CREATE TABLE notices (
    key        TEXT PRIMARY KEY,
    subject    TEXT NOT NULL,          -- what it is about, e.g. 'activity:3@2026-12-03T14:00:00Z'
    member_id  INTEGER REFERENCES members(id) ON DELETE CASCADE,
    due_at     TIMESTAMP NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('queued','skipped')),
    outbox_id  INTEGER,                -- the message it became (outbox rows are pruned later)
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX notices_subject ON notices(subject);
CREATE INDEX notices_member ON notices(member_id);
CREATE INDEX notices_created ON notices(created_at);

-- Small persistent state of background loops (the scheduler's watermark).
CREATE TABLE scheduler_state (
    name  TEXT PRIMARY KEY,
    value TIMESTAMP NOT NULL
);

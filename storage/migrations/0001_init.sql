-- Members: the least data that serves. No phone number, no nationality, no origin.
CREATE TABLE members (
    id            INTEGER PRIMARY KEY,            -- Telegram user id
    chat_id       INTEGER NOT NULL,
    display_name  TEXT    NOT NULL DEFAULT '',
    language      TEXT    NOT NULL DEFAULT 'da' CHECK (language IN ('da','ar','ti','en')),
    role          TEXT    NOT NULL DEFAULT 'participant' CHECK (role IN ('participant','volunteer','coordinator')),
    consented_at  TIMESTAMP NOT NULL,
    reachable     INTEGER NOT NULL DEFAULT 1 CHECK (reachable IN (0,1)),
    created_at    TIMESTAMP NOT NULL,
    last_seen_at  TIMESTAMP NOT NULL
);
CREATE INDEX members_role ON members(role);
CREATE INDEX members_language ON members(language);

-- Deep-link invitations that grant a role. max_uses NULL means unlimited until expiry.
CREATE TABLE invites (
    code        TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 64),
    role        TEXT NOT NULL CHECK (role IN ('volunteer','coordinator')),
    created_by  INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    max_uses    INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
    uses        INTEGER NOT NULL DEFAULT 0
);

-- Recurring activities (cafés, homework help) and who follows them.
CREATE TABLE activities (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    place        TEXT NOT NULL DEFAULT '',
    schedule     TEXT NOT NULL DEFAULT '',    -- robfig/cron spec in Europe/Copenhagen
    duration_min INTEGER NOT NULL DEFAULT 120 CHECK (duration_min > 0),
    created_at   TIMESTAMP NOT NULL
);
CREATE TABLE activity_followers (
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (activity_id, member_id)
);
CREATE INDEX activity_followers_member ON activity_followers(member_id);

-- Social events and the members invited to them.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    place      TEXT NOT NULL DEFAULT '',
    starts_at  TIMESTAMP NOT NULL,
    ends_at    TIMESTAMP,
    capacity   INTEGER CHECK (capacity IS NULL OR capacity > 0),
    created_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE event_invitations (
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    answer     TEXT NOT NULL DEFAULT 'invited' CHECK (answer IN ('invited','yes','no')),
    adults     INTEGER NOT NULL DEFAULT 0 CHECK (adults >= 0),
    children   INTEGER NOT NULL DEFAULT 0 CHECK (children >= 0),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (event_id, member_id)
);
CREATE INDEX event_invitations_member ON event_invitations(member_id);

-- Step-by-step chats (a broadcast being written), kept across restarts.
CREATE TABLE conversations (
    member_id  INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    flow       TEXT NOT NULL,
    data       TEXT NOT NULL DEFAULT '{}',
    updated_at TIMESTAMP NOT NULL
);

-- Broadcasts written by coordinators (or queued from the shell).
CREATE TABLE broadcasts (
    id             INTEGER PRIMARY KEY,
    created_by     INTEGER REFERENCES members(id) ON DELETE SET NULL,
    audience       TEXT NOT NULL,
    progress_chat  INTEGER,          -- where the progress message lives (NULL from the shell)
    progress_msg   INTEGER,
    created_at     TIMESTAMP NOT NULL,
    finished_at    TIMESTAMP
);

-- The outbox: every message the bot starts, written in the same transaction as its cause.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    member_id    INTEGER REFERENCES members(id) ON DELETE CASCADE,
    chat_id      INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    priority     INTEGER NOT NULL DEFAULT 10,   -- lower goes first
    text         TEXT NOT NULL,
    buttons      TEXT NOT NULL DEFAULT '',      -- JSON [[{"text":..,"data":..,"url":..}]]
    broadcast_id INTEGER REFERENCES broadcasts(id) ON DELETE CASCADE,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sending','sent','failed','expired')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    not_before   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP,
    created_at   TIMESTAMP NOT NULL,
    done_at      TIMESTAMP,
    error        TEXT NOT NULL DEFAULT '',      -- error class only, never message text
    telegram_id  INTEGER
);
CREATE INDEX outbox_due ON outbox(state, priority, id) WHERE state IN ('pending','sending');
CREATE INDEX outbox_broadcast ON outbox(broadcast_id, state) WHERE broadcast_id IS NOT NULL;
CREATE INDEX outbox_member ON outbox(member_id);

-- Anonymous counters (consent refusals, deletions, joins by poster): no ids, no times.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL DEFAULT 0
);

-- Events with translated titles and notes, a plan key, an RSVP deadline,
-- invitees, and a waitlist; household answers with heads, waitlist places,
-- promotion offers and check-in; walk-ins counted at the door.

-- events is rebuilt: 0001 sketched it without key, titles, deadline or invitees.
CREATE TABLE events_new (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 64),
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
    CHECK (rsvp_by <= starts_at)
);
INSERT INTO events_new (id, key, title, place, starts_at, ends_at, rsvp_by, invited_at, created_by, created_at, updated_at)
    SELECT id, 'event-' || id, title, place, starts_at,
           coalesce(ends_at, datetime(starts_at, '+3 hours')), starts_at, created_at, created_by, created_at, created_at
    FROM events;

-- One row per household and event: a member's answer, or a household a
-- coordinator recorded (member_id NULL, a name or note instead; never sent
-- messages). waiting_since orders the waitlist; offer_until is set while
-- seats are offered to it.
CREATE TABLE event_invitations_new (
    id             INTEGER PRIMARY KEY,
    event_id       INTEGER NOT NULL REFERENCES events_new(id) ON DELETE CASCADE,
    member_id      INTEGER REFERENCES members(id) ON DELETE CASCADE,
    name           TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 100),
    answer         TEXT NOT NULL DEFAULT 'invited' CHECK (answer IN ('invited','yes','no','maybe','waiting','offered')),
    adults         INTEGER NOT NULL DEFAULT 0 CHECK (adults BETWEEN 0 AND 99),
    children       INTEGER NOT NULL DEFAULT 0 CHECK (children BETWEEN 0 AND 99),
    waiting_since  TIMESTAMP,
    offer_until    TIMESTAMP,
    present        INTEGER CHECK (present IN (0,1)),   -- check-in: NULL not yet, 1 came, 0 did not
    seen_version   INTEGER NOT NULL DEFAULT 1,         -- the event's version the household last saw (answered or was told)
    updated_at     TIMESTAMP NOT NULL,
    CHECK ((member_id IS NULL) = (name <> '')),
    CHECK ((answer = 'offered') = (offer_until IS NOT NULL)),
    CHECK ((answer IN ('waiting','offered')) = (waiting_since IS NOT NULL))
);
INSERT INTO event_invitations_new (event_id, member_id, answer, adults, children, updated_at)
    SELECT event_id, member_id, answer, adults, children, updated_at FROM event_invitations;
DROP TABLE event_invitations;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
ALTER TABLE event_invitations_new RENAME TO event_invitations;
CREATE UNIQUE INDEX event_invitations_member_once ON event_invitations(event_id, member_id) WHERE member_id IS NOT NULL;
CREATE INDEX event_invitations_member ON event_invitations(member_id);
CREATE INDEX event_invitations_answer ON event_invitations(event_id, answer);
CREATE INDEX events_start ON events(starts_at);

-- Walk-ins counted at the door: one anonymous row per tap, so "undo" removes the last.
CREATE TABLE event_walkins (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('adult','child','first')),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX event_walkins_event ON event_walkins(event_id, id);

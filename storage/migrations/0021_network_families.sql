-- Network families (Venner Viser Vej): referrals of households, the
-- volunteers who offer to befriend one, and the matches between them.
-- Nothing about nationality, religion, health or origin: the languages
-- spoken, the area, what help is wanted, when people are free. A contact
-- detail is kept only when the household agreed that it may be passed on.

CREATE TABLE referrals (
    id              INTEGER PRIMARY KEY,
    branch_id       INTEGER NOT NULL REFERENCES branches(id),
    adults          INTEGER NOT NULL CHECK (adults BETWEEN 1 AND 10),
    child_ages      TEXT NOT NULL DEFAULT '[]',   -- JSON [4, 9]
    languages       TEXT NOT NULL,                -- JSON ["ti", "en"] (domain.NetworkLanguages)
    postcode        INTEGER NOT NULL CHECK (postcode BETWEEN 1000 AND 9990),
    town            TEXT NOT NULL DEFAULT '' CHECK (length(town) <= 100),
    help            TEXT NOT NULL DEFAULT '[]',   -- JSON (domain.HelpKinds)
    free            TEXT NOT NULL DEFAULT '[]',   -- JSON (domain.FreeTimes)
    wish            TEXT NOT NULL DEFAULT '' CHECK (wish IN ('', 'woman', 'family')),
    wish_text       TEXT NOT NULL DEFAULT '' CHECK (length(wish_text) <= 200),
    -- The contact details the household agreed may be passed to the
    -- volunteer once both said yes; blank when not agreed.
    consent_name    INTEGER NOT NULL DEFAULT 0 CHECK (consent_name IN (0,1)),
    consent_phone   INTEGER NOT NULL DEFAULT 0 CHECK (consent_phone IN (0,1)),
    consent_address INTEGER NOT NULL DEFAULT 0 CHECK (consent_address IN (0,1)),
    contact_name    TEXT NOT NULL DEFAULT '' CHECK (length(contact_name) <= 64 AND (consent_name = 1 OR contact_name = '')),
    contact_phone   TEXT NOT NULL DEFAULT '' CHECK (length(contact_phone) <= 32 AND (consent_phone = 1 OR contact_phone = '')),
    contact_address TEXT NOT NULL DEFAULT '' CHECK (length(contact_address) <= 200 AND (consent_address = 1 OR contact_address = '')),
    consent_date    TIMESTAMP NOT NULL,
    consent_how     TEXT NOT NULL CHECK (consent_how IN ('form', 'in_person', 'chat')),
    withdrawn_at    TIMESTAMP,                    -- the household withdrew its consent: no match, details gone
    member_id       INTEGER REFERENCES members(id) ON DELETE SET NULL, -- the contact person, once they started the bot through their link
    join_code       TEXT UNIQUE,                  -- the /start payload of their personal link
    waiting_since   TIMESTAMP NOT NULL,           -- kept across a lapsed proposal: back to the top of the list
    created_by      INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX referrals_branch ON referrals(branch_id, waiting_since);

-- A volunteer's offer to be a network family (one per person).
CREATE TABLE network_offers (
    member_id    INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    branch_id    INTEGER NOT NULL REFERENCES branches(id),
    kind         TEXT NOT NULL CHECK (kind IN ('woman', 'man', 'couple', 'family')),
    languages    TEXT NOT NULL,                   -- JSON
    postcode     INTEGER NOT NULL CHECK (postcode BETWEEN 1000 AND 9990),
    free         TEXT NOT NULL DEFAULT '[]',
    help         TEXT NOT NULL DEFAULT '[]',
    capacity     INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 3),
    hello        TEXT NOT NULL CHECK (length(hello) BETWEEN 1 AND 300), -- Danish
    hellos       TEXT NOT NULL DEFAULT '{}',      -- JSON {"ar": "...", ...}
    contact      TEXT NOT NULL DEFAULT '' CHECK (length(contact) <= 100), -- how the household may reach them, as they chose to share it
    paused_until TIMESTAMP,
    stopped_at   TIMESTAMP,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX network_offers_branch ON network_offers(branch_id);

-- A proposal and, when both said yes, the match it became. A pair is
-- proposed at most once, ever.
CREATE TABLE network_matches (
    id                 INTEGER PRIMARY KEY,
    branch_id          INTEGER NOT NULL REFERENCES branches(id),
    referral_id        INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    volunteer_id       INTEGER REFERENCES members(id) ON DELETE SET NULL,
    state              TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'active', 'declined', 'lapsed', 'ended')),
    volunteer_answer   TEXT NOT NULL DEFAULT '' CHECK (volunteer_answer IN ('', 'yes', 'no')),
    household_answer   TEXT NOT NULL DEFAULT '' CHECK (household_answer IN ('', 'yes', 'no')),
    household_recorded_by INTEGER REFERENCES members(id) ON DELETE SET NULL, -- a coordinator, from a phone call
    decline_reason     TEXT NOT NULL DEFAULT '' CHECK (length(decline_reason) <= 200),
    proposed_by        INTEGER REFERENCES members(id) ON DELETE SET NULL,
    proposed_at        TIMESTAMP NOT NULL,
    reminded_at        TIMESTAMP,
    started_at         TIMESTAMP,
    ended_at           TIMESTAMP,
    end_reason         TEXT NOT NULL DEFAULT '' CHECK (end_reason IN ('', 'goal', 'moved', 'no_time', 'not_working', 'other', 'consent', 'forgotten')),
    ended_by           TEXT NOT NULL DEFAULT '' CHECK (ended_by IN ('', 'volunteer', 'household', 'coordinator')),
    UNIQUE (referral_id, volunteer_id)
);
CREATE INDEX network_matches_volunteer ON network_matches(volunteer_id, state);
CREATE INDEX network_matches_state ON network_matches(branch_id, state);

-- One check-in question to one side of a match, and its tap. What
-- happened at meetings is never stored.
CREATE TABLE network_checkins (
    match_id    INTEGER NOT NULL REFERENCES network_matches(id) ON DELETE CASCADE,
    side        TEXT NOT NULL CHECK (side IN ('volunteer', 'household')),
    asked_at    TIMESTAMP NOT NULL,
    answer      TEXT NOT NULL DEFAULT '' CHECK (answer IN ('', 'met', 'not_yet', 'help')),
    answered_at TIMESTAMP,
    PRIMARY KEY (match_id, side, asked_at)
);

-- Counts that outlive the details (deleted some months after a match
-- ended): per branch and month, what happened and why.
CREATE TABLE network_tally (
    branch_id INTEGER NOT NULL,
    month     TEXT NOT NULL CHECK (length(month) = 7),  -- 2026-12
    what      TEXT NOT NULL,   -- referred, proposed, accepted, declined, lapsed, started, ended, checkin_answered, met
    reason    TEXT NOT NULL DEFAULT '',
    n         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (branch_id, month, what, reason)
);

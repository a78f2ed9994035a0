-- "Ask us" (issue 11): what members write to the coordinators and the answers.
-- Text is kept for the short history; media never: only Telegram's reference
-- (the chat and message id it was sent in), so it can be copied with copyMessage.
CREATE TABLE ask_messages (
    id               INTEGER PRIMARY KEY,
    member_id        INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE, -- the member asking
    direction        TEXT NOT NULL CHECK (direction IN ('in','out')),           -- in: from the member
    kind             TEXT NOT NULL CHECK (kind IN ('text','voice','photo','document','location','other')),
    text             TEXT NOT NULL DEFAULT '',  -- text or caption
    src_chat         INTEGER,                   -- Telegram's reference of media: chat ...
    src_message      INTEGER,                   -- ... and message id
    coordinator_id   INTEGER REFERENCES members(id) ON DELETE SET NULL, -- who answered / closed
    coordinator_name TEXT NOT NULL DEFAULT '',  -- their first name, as the member was told it
    answered_at      TIMESTAMP,                 -- in: when first answered
    done_at          TIMESTAMP,                 -- in: when a coordinator closed it
    done_by          INTEGER REFERENCES members(id) ON DELETE SET NULL,
    done_by_name     TEXT NOT NULL DEFAULT '',
    created_at       TIMESTAMP NOT NULL
);
CREATE INDEX ask_messages_member ON ask_messages(member_id, id);
CREATE INDEX ask_messages_created ON ask_messages(created_at);

-- Members a coordinator muted: what they write is not passed on.
CREATE TABLE ask_muted (
    member_id  INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    muted_by   INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);

-- Settings a coordinator changes in the chat (the coordinators' group for "Ask us").
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The outbox learns to copy a message (copyMessage: from_chat_id + message_id)
-- and to carry Telegram's message entities (bold, italic, links) as JSON.
ALTER TABLE outbox ADD COLUMN copy_chat INTEGER;
ALTER TABLE outbox ADD COLUMN copy_message INTEGER;
ALTER TABLE outbox ADD COLUMN entities TEXT NOT NULL DEFAULT '';
-- A relay of an "Ask us" message goes when that message goes (/forget, retention).
ALTER TABLE outbox ADD COLUMN ask_item INTEGER REFERENCES ask_messages(id) ON DELETE CASCADE;
CREATE INDEX outbox_ask_item ON outbox(ask_item) WHERE ask_item IS NOT NULL;

-- Broadcasts remember the draft they came from, so that an old Send or
-- Cancel button of a sent broadcast can say what happened to it.
ALTER TABLE broadcasts ADD COLUMN draft_key TEXT;
CREATE UNIQUE INDEX broadcasts_draft_key ON broadcasts(draft_key) WHERE draft_key IS NOT NULL;
ALTER TABLE broadcasts ADD COLUMN queued INTEGER NOT NULL DEFAULT 0; -- messages queued (the outbox forgets after 30 days)

-- A burst: messages a member writes one right after another join the card
-- of the first (the burst's head), so the coordinators get one card per
-- question rather than one per line. NULL on the head itself.
ALTER TABLE ask_messages ADD COLUMN burst INTEGER REFERENCES ask_messages(id) ON DELETE CASCADE;
CREATE INDEX ask_messages_burst ON ask_messages(burst) WHERE burst IS NOT NULL;
-- The member's Telegram message id, so a card shows a burst in the order it
-- was written even when two of its messages were handled the other way round.
ALTER TABLE ask_messages ADD COLUMN tg_message INTEGER;

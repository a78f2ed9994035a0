-- Notices as data: a notice row says what to tell whom (its kind and the
-- values the message shows, as JSON) and is rendered in the recipient's
-- language when it leaves, not when it was decided. Rows queued before this
-- migration carry their text already rendered (notice = ''), and are sent as
-- they are; so are authored texts (broadcasts, relays, answers).
ALTER TABLE outbox ADD COLUMN notice TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN notice_values TEXT NOT NULL DEFAULT '';
-- The language of a notice to a chat that is not a member's (the coordinators' group).
ALTER TABLE outbox ADD COLUMN language TEXT NOT NULL DEFAULT '';

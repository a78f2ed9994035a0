-- Issue 10: privacy promises kept exactly.

-- A revoked invite link stops working at once: when a coordinator revokes it, and when its
-- creator stops being a coordinator.
ALTER TABLE invites ADD COLUMN revoked_at TIMESTAMP;

-- The role whose command menu Telegram shows in the member's chat, as last confirmed by
-- Telegram (NULL: the chat has no menu of its own). Start-up compares it with the role, so a
-- crash between a role change and the menu update is mended.
ALTER TABLE members ADD COLUMN menu_role TEXT CHECK (menu_role IS NULL OR menu_role IN ('participant','volunteer','coordinator'));
UPDATE members SET menu_role = 'coordinator' WHERE role = 'coordinator';

-- Chats of forgotten members whose own command menu Telegram has not yet confirmed removed.
-- Only the chat id, deleted as soon as Telegram confirms (normally within the same second).
CREATE TABLE menu_cleanup (
    chat_id INTEGER PRIMARY KEY
);

-- The bot's own copies of a forgotten member's Ask-us messages (the copied
-- voice note or photo and the header naming them) are deleted from the
-- coordinators' chats while Telegram allows it (a bot may delete its own
-- messages for 48 hours): a row of kind 'delete' asks the sender to delete
-- message delete_message in chat_id. It names neither the member nor the text.
ALTER TABLE outbox ADD COLUMN delete_message INTEGER;

-- The message a coordinator gives with a cancelled or moved date is written
-- per language (domain.Texts as JSON, Danish under "da"), as titles are: the
-- one text typed so far becomes the Danish one, and no reason stays '{}'.
ALTER TABLE occurrence_changes RENAME COLUMN reason TO reasons;
UPDATE occurrence_changes SET reasons = CASE WHEN reasons = '' THEN '{}' ELSE json_object('da', reasons) END;

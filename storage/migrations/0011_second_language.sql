-- A member's second language: texts written by people (titles, notes, roles,
-- broadcasts) fall back to it before Danish. '' is none.
ALTER TABLE members ADD COLUMN second_language TEXT NOT NULL DEFAULT '' CHECK (second_language IN ('','da','ar','ti','en'));

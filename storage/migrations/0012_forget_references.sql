-- /forget leaves nothing that names the member: messages and ledger entries
-- about a member (a coordinator told that a volunteer withdrew or that a
-- certificate runs out) reference them, and go with them.
ALTER TABLE outbox ADD COLUMN about INTEGER REFERENCES members(id) ON DELETE CASCADE;
CREATE INDEX outbox_about ON outbox(about) WHERE about IS NOT NULL;
ALTER TABLE notices ADD COLUMN about INTEGER REFERENCES members(id) ON DELETE CASCADE;
CREATE INDEX notices_about ON notices(about) WHERE about IS NOT NULL;
CREATE INDEX notices_due ON notices(due_at);

-- The ledger's keys name a member by ref, a number of our own given once
-- and never again (counters.member_refs is the last given), not by their
-- Telegram id.
ALTER TABLE members ADD COLUMN ref INTEGER;
UPDATE members SET ref = (SELECT count(*) FROM members m2 WHERE m2.id <= members.id);
CREATE UNIQUE INDEX members_ref ON members(ref);
INSERT INTO counters (name, value) SELECT 'member_refs', count(*) FROM members HAVING count(*) > 0
    ON CONFLICT (name) DO UPDATE SET value = excluded.value;

-- Keys decided before, rewritten so that nothing is decided twice: those
-- that end with the member told ...
UPDATE OR IGNORE notices SET key = substr(key, 1, length(key) - length(CAST(member_id AS TEXT)))
        || (SELECT ref FROM members WHERE id = notices.member_id)
    WHERE member_id IS NOT NULL AND (key LIKE 'remind:%' OR key LIKE 'shiftremind:%' OR key LIKE 'shiftalert:%')
    AND substr(key, length(key) - length(CAST(member_id AS TEXT))) = ':' || member_id;
-- ... and the certificate's: cert:<volunteer>:<day>:<coordinator>, subject certificate:<volunteer>.
UPDATE notices SET about = CAST(substr(subject, 13) AS INTEGER) WHERE subject LIKE 'certificate:%';
DELETE FROM notices WHERE subject LIKE 'certificate:%' AND about NOT IN (SELECT id FROM members);
UPDATE outbox SET about = (SELECT n.about FROM notices n WHERE n.outbox_id = outbox.id)
    WHERE id IN (SELECT outbox_id FROM notices WHERE about IS NOT NULL AND outbox_id IS NOT NULL);
UPDATE OR IGNORE notices SET
    key = 'cert:' || (SELECT ref FROM members WHERE id = notices.about) || ':'
        || substr(key, length('cert:' || about || ':') + 1, 10) || ':' || (SELECT ref FROM members WHERE id = notices.member_id),
    subject = 'certificate:' || (SELECT ref FROM members WHERE id = notices.about)
    WHERE subject LIKE 'certificate:%' AND key LIKE 'cert:%';

-- 0008 an order to act anew: a reconsideration decision (行政复议法 2023 arts. 64–67) or a
-- judgment (行政诉讼法 arts. 70–78) that corrects the reply often orders the body to reply
-- again, disclose or answer within a period it sets.  The request stays closed with its first
-- reply (the annual report counts that one); the new reply is an obligation with its own date,
-- kept on the record that ordered it, shown in the queue until the body records it.
--   redo_due   the date the decision or judgment sets for the new reply
--   redone_on  the date the body gave it

ALTER TABLE reconsiderations
    ADD COLUMN redo_due  date,
    ADD COLUMN redone_on date,
    ADD CONSTRAINT reconsiderations_redo CHECK (
        (redo_due IS NULL OR (decided_on IS NOT NULL AND redo_due >= decided_on))
        AND (redone_on IS NULL OR (redo_due IS NOT NULL AND redone_on >= decided_on)));

ALTER TABLE litigation_instances
    ADD COLUMN redo_due  date,
    ADD COLUMN redone_on date,
    ADD CONSTRAINT litigation_instances_redo CHECK (
        (redo_due IS NULL OR (decided_on IS NOT NULL AND redo_due >= decided_on))
        AND (redone_on IS NULL OR (redo_due IS NOT NULL AND redone_on >= decided_on)));

-- the queue looks for orders not yet carried out
CREATE INDEX reconsiderations_redo_owed ON reconsiderations (request_id)
    WHERE redo_due IS NOT NULL AND redone_on IS NULL;
CREATE INDEX litigation_instances_redo_owed ON litigation_instances (litigation_id)
    WHERE redo_due IS NOT NULL AND redone_on IS NULL;

INSERT INTO schema_migrations (version, name) VALUES (8, 'remedy-redo');

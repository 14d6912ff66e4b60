-- Issue 17 item 2: the queue's pass over closed requests with a remedy date pending
-- (lib/db/requests.c, queue_closed_light) starts from the remedy records, not from the
-- district's closed requests.  Of its three arms, "undecided" and "a new reply owed" have
-- partial indexes (0004, 0008); these serve the third, "decided (or served) in the last
-- 60 days", so that the pass reads only the pending records (a bitmap OR of the three)
-- and stays flat as the history grows.
CREATE INDEX reconsiderations_remedy_date ON reconsiderations ((coalesce(served_on, decided_on)));
CREATE INDEX litigation_instances_remedy_date
    ON litigation_instances ((coalesce(judgment_served_on, decided_on)));

INSERT INTO schema_migrations (version, name) VALUES (28, 'queue-remedies');

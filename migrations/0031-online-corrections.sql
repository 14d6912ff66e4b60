-- 0031 online corrections (issue 15 item 6): while a correction is asked (a correction
-- notice stands and the applicant's correction period runs), the applicant answers it on the
-- public status page with the application number and 查询码; the answer waits here until a
-- clerk confirms it, which records correction_received on the day the applicant submitted it
-- (received_on: the legal date the clock restarts from, in the calendar's time zone), or
-- rejects it with a reason the applicant sees (and may answer again while the period runs).
--
-- One pending answer per request at a time: a second answer while one waits is refused
-- (the staff member reading it never sees it change under them); after a rejection the
-- applicant answers anew.  body_id is the request's body when the answer came, so a
-- caller's bodies see their own queue without joining through the request.

CREATE TABLE online_corrections (
    id            bigserial PRIMARY KEY,
    online_id     bigint NOT NULL REFERENCES online_applications(id),
    body_id       bigint NOT NULL REFERENCES bodies(id),
    request_id    bigint NOT NULL REFERENCES requests(id),
    text          text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
    received_at   timestamptz NOT NULL DEFAULT now(),
    received_on   date NOT NULL,
    state         text NOT NULL DEFAULT 'pending'
                      CHECK (state IN ('pending', 'confirmed', 'rejected')),
    handled_by    bigint REFERENCES users(id),
    handled_at    timestamptz,
    reject_reason text CHECK (length(reject_reason) BETWEEN 1 AND 500),
    event_id      bigint REFERENCES request_events(id),
    CHECK ((state = 'pending') = (handled_at IS NULL)),
    CHECK ((state = 'pending') = (handled_by IS NULL)),
    CHECK ((state = 'rejected') = (reject_reason IS NOT NULL)),
    CHECK ((state = 'confirmed') = (event_id IS NOT NULL))
);
CREATE UNIQUE INDEX online_corrections_one_pending ON online_corrections (request_id)
    WHERE state = 'pending';
CREATE INDEX online_corrections_pending ON online_corrections (body_id, received_at)
    WHERE state = 'pending';
CREATE INDEX online_corrections_request ON online_corrections (request_id, received_at);

-- A clerk's confirmation or return of an answer is written to the audit log as entity
-- 'online_correction' (besides handled_by/handled_at here and, for a confirmation, the
-- correction_received event with its actor); it belongs to the body of the answer's request.
CREATE OR REPLACE FUNCTION audit_body_of(entity text, entity_id text, old_value jsonb,
                                         new_value jsonb)
RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT b.id FROM bodies b
    WHERE entity_id ~ '^[0-9]{1,18}$'
      AND b.id = CASE entity
        WHEN 'body' THEN entity_id::bigint
        WHEN 'report' THEN entity_id::bigint
        WHEN 'role' THEN (SELECT (v->>'body_id')::bigint
                          FROM (SELECT coalesce(new_value, old_value) AS v) r
                          WHERE jsonb_typeof(v->'body_id') = 'number')
        WHEN 'user' THEN audit_user_body(entity_id::bigint)
        WHEN 'token' THEN
            audit_user_body((SELECT t.user_id FROM api_tokens t WHERE t.id = entity_id::bigint))
        WHEN 'reconsideration' THEN
            (SELECT x.body_id FROM reconsiderations x WHERE x.id = entity_id::bigint)
        WHEN 'litigation' THEN
            (SELECT x.body_id FROM litigations x WHERE x.id = entity_id::bigint)
        WHEN 'litigation_instance' THEN
            (SELECT x.body_id FROM litigation_instances x WHERE x.id = entity_id::bigint)
        WHEN 'attachment' THEN
            (SELECT x.body_id FROM attachments x WHERE x.id = entity_id::bigint)
        WHEN 'supervision' THEN
            (SELECT x.body_id FROM supervisions x WHERE x.id = entity_id::bigint)
        WHEN 'calendar_feed' THEN
            audit_user_body((SELECT f.user_id FROM calendar_feeds f WHERE f.id = entity_id::bigint))
        WHEN 'online_correction' THEN
            (SELECT r.body_id FROM online_corrections x JOIN requests r ON r.id = x.request_id
             WHERE x.id = entity_id::bigint)
      END
$$;

INSERT INTO schema_migrations (version, name) VALUES (31, 'online-corrections');

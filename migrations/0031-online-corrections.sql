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

INSERT INTO schema_migrations (version, name) VALUES (31, 'online-corrections');

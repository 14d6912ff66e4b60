-- 0019 assignment (issue 16): who handles a request (承办: a user of its body and an
-- internal unit, 科室 or 社区), the units of each body, transfers within the tree (转办 /
-- 退回) and supervision (督办) by a parent body.

-- The assignee and unit are the projection of the request's `assigned` events, stored on
-- the row in the event's transaction so that the queue and the list filter on them in SQL.
ALTER TABLE requests
    ADD COLUMN assignee_id bigint REFERENCES users(id),
    ADD COLUMN unit text CHECK (unit IS NULL OR length(unit) BETWEEN 1 AND 100);
CREATE INDEX requests_assignee_open ON requests (assignee_id) WHERE status <> 'closed';

-- A body's units (科室 / 社区): a short list its admin keeps, in the order it is shown.
-- A request names its unit by name, so a unit renamed later leaves its history as it was.
CREATE TABLE body_units (
    id       bigserial PRIMARY KEY,
    body_id  bigint NOT NULL REFERENCES bodies(id),
    name     text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    position int NOT NULL,
    UNIQUE (body_id, name)
);

-- A transfer moves the request to another body with its tracking number, receipt date and
-- clock: the number stays unique in the series of the body that registered it.
ALTER TABLE requests ADD COLUMN registered_body_id bigint REFERENCES bodies(id);
UPDATE requests SET registered_body_id = body_id;
ALTER TABLE requests ALTER COLUMN registered_body_id SET NOT NULL;
CREATE FUNCTION requests_registered_body() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.registered_body_id := coalesce(NEW.registered_body_id, NEW.body_id);
    RETURN NEW;
END $$;
CREATE TRIGGER requests_registered_body BEFORE INSERT ON requests
    FOR EACH ROW EXECUTE FUNCTION requests_registered_body();
ALTER TABLE requests DROP CONSTRAINT requests_body_id_year_seq_key;
ALTER TABLE requests ADD CONSTRAINT requests_registered_year_seq_key
    UNIQUE (registered_body_id, year, seq);

-- Every transfer, so that each body the request passed through still reads it (its history)
-- after it moved on.  Written in the transferred event's transaction, never changed.
CREATE TABLE request_transfers (
    id           bigserial PRIMARY KEY,
    request_id   bigint NOT NULL REFERENCES requests(id),
    event_id     bigint NOT NULL REFERENCES request_events(id),
    from_body_id bigint NOT NULL REFERENCES bodies(id),
    to_body_id   bigint NOT NULL REFERENCES bodies(id),
    on_date      date NOT NULL,
    CHECK (from_body_id <> to_body_id)
);
CREATE INDEX request_transfers_request ON request_transfers (request_id);
CREATE INDEX request_transfers_from ON request_transfers (from_body_id);
CREATE FUNCTION refuse_transfer_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'request_transfers is append-only';
END $$;
CREATE TRIGGER request_transfers_append_only BEFORE UPDATE OR DELETE ON request_transfers
    FOR EACH ROW EXECUTE FUNCTION refuse_transfer_change();

-- Supervision (督办): an admin of a parent body marks a request of a body below with a
-- note and the date by which that body must report; answered once, then kept.
CREATE TABLE supervisions (
    id            bigserial PRIMARY KEY,
    request_id    bigint NOT NULL REFERENCES requests(id),
    body_id       bigint NOT NULL REFERENCES bodies(id),  -- the supervised body, at the time
    by_body_id    bigint NOT NULL REFERENCES bodies(id),  -- the supervising (parent) body
    note          text NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
    report_by     date NOT NULL,
    created_by    bigint REFERENCES users(id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    answered_on   date,
    answer        text CHECK (answer IS NULL OR length(answer) <= 2000),
    answered_by   bigint REFERENCES users(id),
    CHECK (by_body_id <> body_id)
);
CREATE INDEX supervisions_open ON supervisions (request_id) WHERE answered_on IS NULL;

-- Users: an e-mail address for reminders and the switch to receive them.
ALTER TABLE users
    ADD COLUMN email text CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
    ADD COLUMN reminders boolean NOT NULL DEFAULT false;

INSERT INTO schema_migrations (version, name) VALUES (19, 'assignment');

-- 0003 requests: applications, their append-only event log, the gap-free
-- tracking-number counters and the idempotency keys of intake.

-- One row per body and year: the last tracking number handed out.  Taken
-- with a row lock inside the intake transaction, so a rolled-back intake
-- gives its number back and numbers have no gaps.
CREATE TABLE tracking_counters (
    body_id  bigint NOT NULL REFERENCES bodies(id),
    year     int NOT NULL,
    last_seq int NOT NULL,
    PRIMARY KEY (body_id, year)
);

CREATE TABLE requests (
    id                   bigserial PRIMARY KEY,
    body_id              bigint NOT NULL REFERENCES bodies(id),
    year                 int NOT NULL,
    seq                  int NOT NULL,
    tracking_no          text NOT NULL,
    channel              text NOT NULL CHECK (channel IN ('in_person','oral','post_registered',
                             'post_ordinary','online','fax','email')),
    received_on          date NOT NULL CHECK (received_on >= DATE '2008-05-01'),
    submitted_on         date,
    confirmed_on         date,
    regime               text NOT NULL CHECK (regime IN ('2008','2019')),
    applicant_kind       text NOT NULL CHECK (applicant_kind IN ('natural_person',
                             'commercial_enterprise','research_institution','social_welfare_org',
                             'legal_service_org','other_org')),
    applicant_name       text NOT NULL,
    applicant_id_type    text,
    applicant_id_number  text,
    applicant_phone      text,
    applicant_email      text,
    applicant_address    text,
    applicant_contact    text,
    description          text NOT NULL,
    purpose              text,
    form_medium          text,
    form_delivery        text,
    -- the projection of the events, recomputed by lib/clock in each event's transaction
    status               text NOT NULL CHECK (status IN ('registered','awaiting_correction',
                             'consulting','awaiting_payment','closed')),
    due_on               date,
    provisional_deadline boolean NOT NULL DEFAULT false,
    closed_on            date,
    outcome              text,
    replied_late         boolean NOT NULL DEFAULT false,
    extension_used       boolean NOT NULL DEFAULT false,
    correction_notice_due date,
    correction_notice_late boolean NOT NULL DEFAULT false,
    next_subdeadline     date,
    clock                jsonb NOT NULL DEFAULT '{}',
    version              int NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL DEFAULT now(),
    created_by           bigint REFERENCES users(id),
    UNIQUE (body_id, year, seq),
    UNIQUE (tracking_no)
);
-- the work queue: open requests of a body by due date
CREATE INDEX requests_open_due ON requests (body_id, due_on) WHERE status <> 'closed';
-- listing and reports: by receipt and by closing date
CREATE INDEX requests_body_received ON requests (body_id, received_on, id);
CREATE INDEX requests_body_closed ON requests (body_id, closed_on) WHERE closed_on IS NOT NULL;
-- the fee's running count: the same applicant (identity number) at one body in a month
CREATE INDEX requests_applicant_month ON requests (body_id, applicant_id_number, received_on)
    WHERE applicant_id_number IS NOT NULL;
-- q: Chinese substring search over tracking number, applicant name and description
CREATE INDEX requests_search ON requests
    USING gin ((tracking_no || ' ' || applicant_name || ' ' || description) gin_trgm_ops);

CREATE TABLE request_events (
    id          bigserial PRIMARY KEY,
    request_id  bigint NOT NULL REFERENCES requests(id),
    body_id     bigint NOT NULL REFERENCES bodies(id),
    type        text NOT NULL,
    on_date     date NOT NULL,
    payload     jsonb NOT NULL DEFAULT '{}',
    actor_id    bigint REFERENCES users(id),
    actor       text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX request_events_request ON request_events (request_id, id);

CREATE TRIGGER request_events_append_only BEFORE UPDATE OR DELETE ON request_events
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER request_events_no_truncate BEFORE TRUNCATE ON request_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

-- A retried intake with the same Idempotency-Key returns the first answer.
CREATE TABLE idempotency_keys (
    user_id      bigint NOT NULL REFERENCES users(id),
    key          text NOT NULL,
    request_hash bytea NOT NULL,
    status       int,
    response     text,
    request_id   bigint REFERENCES requests(id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);

INSERT INTO schema_migrations (version, name) VALUES (3, 'requests');

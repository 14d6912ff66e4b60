-- 0018 online (issue 15): the public channel.  A body opts in (accepts_online); the public
-- submits an application through /apply/ after a proof of work; it waits in
-- online_applications, not yet a request, until a clerk confirms it (art. 31(3): received on
-- the day both sides confirm — the request is then registered through the ordinary intake)
-- or declines it with a reason the applicant sees.
--
-- Personal data of an online application lives in its own row here until it is confirmed
-- (then it is the request's); the throttles and the used challenges hold keyed hashes only,
-- never an address or an identity number.

ALTER TABLE bodies ADD COLUMN accepts_online boolean NOT NULL DEFAULT false;

-- The key of ogid's own MACs (the challenges' signature, the throttles' keyed hashes): made
-- by the first ogid that needs it (random from libsodium), shared by every ogid of the
-- database so a challenge one hands out another verifies.
CREATE TABLE server_keys (
    name       text PRIMARY KEY CHECK (name IN ('public')),
    key        bytea NOT NULL CHECK (octet_length(key) = 32),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A challenge is single-use: its digest is kept here until it would have expired anyway.
CREATE TABLE public_challenges_used (
    digest     bytea PRIMARY KEY CHECK (octet_length(digest) = 32),
    expires_at timestamptz NOT NULL
);
CREATE INDEX public_challenges_used_expires ON public_challenges_used (expires_at);

-- Rate limits of the public routes: per scope (submissions by address, by identity number;
-- status lookups by address) a keyed hash of the key, with an hour's and a day's window.
CREATE TABLE public_throttles (
    scope      text NOT NULL CHECK (scope IN ('submit_address', 'submit_identity',
                                              'status_address')),
    key_hash   bytea NOT NULL CHECK (octet_length(key_hash) = 32),
    hour_start timestamptz NOT NULL DEFAULT now(),
    hour_count int NOT NULL DEFAULT 0 CHECK (hour_count >= 0),
    day_start  timestamptz NOT NULL DEFAULT now(),
    day_count  int NOT NULL DEFAULT 0 CHECK (day_count >= 0),
    PRIMARY KEY (scope, key_hash)
);
CREATE INDEX public_throttles_day_start ON public_throttles (day_start);

CREATE TABLE online_applications (
    id                  bigserial PRIMARY KEY,
    body_id             bigint NOT NULL REFERENCES bodies(id),
    number              text NOT NULL UNIQUE CHECK (number ~ '^WS[0-9]{8}[0-9A-Z]{6}$'),
    code_hash           bytea NOT NULL CHECK (octet_length(code_hash) = 32),
    state               text NOT NULL DEFAULT 'pending'
                            CHECK (state IN ('pending', 'confirmed', 'declined')),
    submitted_at        timestamptz NOT NULL DEFAULT now(),
    applicant_kind      text NOT NULL CHECK (applicant_kind IN ('natural_person',
                            'commercial_enterprise', 'research_institution',
                            'social_welfare_org', 'legal_service_org', 'other_org')),
    applicant_name      text NOT NULL CHECK (length(applicant_name) BETWEEN 1 AND 100),
    applicant_id_type   text NOT NULL CHECK (length(applicant_id_type) <= 40),
    applicant_id_number text NOT NULL CHECK (length(applicant_id_number) <= 64),
    applicant_phone     text NOT NULL CHECK (length(applicant_phone) <= 32),
    applicant_email     text CHECK (length(applicant_email) <= 254),
    applicant_address   text CHECK (length(applicant_address) <= 200),
    applicant_postcode  text CHECK (applicant_postcode ~ '^[0-9]{6}$'),
    applicant_contact   text CHECK (length(applicant_contact) <= 100),
    info_title          text CHECK (length(info_title) <= 200),
    info_ref            text CHECK (length(info_ref) <= 100),
    description         text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
    form_medium         text NOT NULL CHECK (length(form_medium) <= 20),
    form_delivery       text NOT NULL CHECK (length(form_delivery) <= 20),
    request_id          bigint UNIQUE REFERENCES requests(id),
    decided_at          timestamptz,
    decided_by          bigint REFERENCES users(id),
    decline_reason      text CHECK (length(decline_reason) BETWEEN 1 AND 500),
    -- wrong 查询码 for this number: 10 within an hour lock its lookups for an hour
    status_failures     int NOT NULL DEFAULT 0 CHECK (status_failures >= 0),
    status_failed_at    timestamptz,
    CHECK ((state = 'confirmed') = (request_id IS NOT NULL)),
    CHECK ((state = 'declined') = (decline_reason IS NOT NULL)),
    CHECK ((state = 'pending') = (decided_at IS NULL))
);
CREATE INDEX online_applications_pending ON online_applications (body_id, submitted_at)
    WHERE state = 'pending';

INSERT INTO schema_migrations (version, name) VALUES (18, 'online');

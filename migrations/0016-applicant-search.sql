-- 0016 finding an applicant by a personal number (issue 14): the phone or identity number a
-- caller gives is looked up through a keyed hash of it (lib/pii.h), never through an index of
-- the numbers themselves.  The key is a file outside the database (ogid --key-file); the
-- hashes are written by ogid at intake, and for the rows registered before this migration by
-- ogid at its next start.
ALTER TABLE requests ADD COLUMN applicant_id_hash text, ADD COLUMN applicant_phone_hash text;
CREATE INDEX requests_applicant_id_hash ON requests (applicant_id_hash, body_id, received_on)
    WHERE applicant_id_hash IS NOT NULL;
CREATE INDEX requests_applicant_phone_hash ON requests (applicant_phone_hash)
    WHERE applicant_phone_hash IS NOT NULL;
-- the fee's running count (the same applicant at one body in a month) goes through the hash
-- too: no index of identity numbers is left
DROP INDEX requests_applicant_month;

-- The fingerprint of the key the hashes were made with: an ogid started with another key
-- refuses to start instead of silently finding nobody.  One row.
CREATE TABLE pii_key (
    id          int PRIMARY KEY CHECK (id = 1),
    fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{32}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO schema_migrations (version, name) VALUES (16, 'applicant-search');

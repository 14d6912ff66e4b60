-- 0021 personal data at rest (issue 19, what must work 5): an applicant's identity number,
-- phone, e-mail, address and other contact, in requests and in online applications, and the
-- stored answer of an intake's Idempotency-Key (which repeats them), are kept sealed
-- (libsodium secretbox, lib/pii_seal.h) under a key from the key file outside the database:
-- text "ogi1:KEY-ID:base64".  SQL cannot seal: ogid seals the rows stored before, in batches,
-- at its next start (pii_key NULL: not sealed yet).  pii_key is the key id every sealed value
-- of the row is under (0 when they differ), so a rotation (ogictl key rotate) finds the rest.
ALTER TABLE requests ADD COLUMN pii_key int;
ALTER TABLE online_applications ADD COLUMN pii_key int;
ALTER TABLE idempotency_keys ADD COLUMN pii_key int;
CREATE INDEX requests_pii_key ON requests (pii_key);
CREATE INDEX online_applications_pii_key ON online_applications (pii_key);
CREATE INDEX idempotency_keys_pii_key ON idempotency_keys (pii_key);

-- a sealed value is longer than the plaintext the lengths were checked for (ogid checks them
-- before sealing: lib/online.c)
ALTER TABLE online_applications
    DROP CONSTRAINT online_applications_applicant_id_number_check,
    DROP CONSTRAINT online_applications_applicant_phone_check,
    DROP CONSTRAINT online_applications_applicant_email_check,
    DROP CONSTRAINT online_applications_applicant_address_check,
    DROP CONSTRAINT online_applications_applicant_contact_check;

-- Each sealing key id the data has been sealed under, with a value that recognises the key
-- (a keyed hash of a constant, lib/pii_seal.h ogi_pii_key_check): ogid refuses a key file
-- whose key of a known id differs, instead of failing to open the rows one by one.
CREATE TABLE pii_seal_keys (
    key_id      int PRIMARY KEY CHECK (key_id BETWEEN 1 AND 99999),
    check_value text NOT NULL CHECK (check_value ~ '^[0-9a-f]{64}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO schema_migrations (version, name) VALUES (21, 'personal-data-sealed');

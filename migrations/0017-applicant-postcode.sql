-- 0017 applicant postcode: the applicant's 邮政编码 beside the address, for a reply sent by post
-- (issue 14 item 2: a registration's postcode is corrected like its address).  Six digits, or none.

ALTER TABLE requests ADD COLUMN applicant_postcode text
    CHECK (applicant_postcode IS NULL OR applicant_postcode ~ '^[0-9]{6}$');

INSERT INTO schema_migrations (version, name) VALUES (17, 'applicant-postcode');

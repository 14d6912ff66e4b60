-- 0032 online files (issue 15 item 1): the applicant's copy of their identity document,
-- uploaded on the public side with the just-submitted application's number and 查询码 while
-- the application is pending.  A file is JPEG, PNG or PDF by its bytes (libmagic), at most
-- 1 MiB (the request body's cap), at most three per application.  It waits here, whole, until
-- a clerk confirms the application: then it becomes an attachment of the registered request
-- (kind identity_copy, in the case file) and attachment_id says which.  Either way the
-- bytes leave this table when the application is decided: a confirmed one's live on only as
-- the attachment, a declined one's (spam, a duplicate) are dropped — an office keeps no copy of
-- an identity document it did not register; name, size and sha256 stay as the record.  body_id is the application's body, so staff of
-- that body see it from the queue before they confirm.

CREATE TABLE online_files (
    id            bigserial PRIMARY KEY,
    online_id     bigint NOT NULL REFERENCES online_applications(id),
    body_id       bigint NOT NULL REFERENCES bodies(id),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    content_type  text NOT NULL
                      CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    size          bigint NOT NULL CHECK (size BETWEEN 1 AND 1048576),
    sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    data          bytea CHECK (data IS NULL OR length(data) = size),  -- NULL once decided
    received_at   timestamptz NOT NULL DEFAULT now(),
    attachment_id bigint REFERENCES attachments(id)
);
CREATE INDEX online_files_online ON online_files (online_id, id);

INSERT INTO schema_migrations (version, name) VALUES (32, 'online-files');

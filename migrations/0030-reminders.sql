-- 0030 reminders (issue 16 item 4): one e-mail digest per user and local working day.
-- UNIQUE (user_id, day) makes enqueueing idempotent (a digest is never made twice, by one
-- ogid or several); a send is claimed with FOR UPDATE SKIP LOCKED so two daemons never send
-- the same digest; a failed send stays queued with its attempts, last error and the time of
-- the next attempt (exponential back-off), and is 'failed' only once it gives up — never
-- deleted, so no digest is silently lost; sent_at records the digests that went out.
-- 'skipped': nothing was due that day (or the user turned reminders off since), no mail.
CREATE TABLE reminder_digests (
    id          bigserial PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day         date NOT NULL,
    email       text NOT NULL,
    status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'skipped')),
    attempts    int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_at     timestamptz NOT NULL DEFAULT now(),
    last_error  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz,
    UNIQUE (user_id, day),
    CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX reminder_digests_due ON reminder_digests (next_at) WHERE status = 'queued';
CREATE INDEX reminder_digests_failed ON reminder_digests (day) WHERE status = 'failed';

INSERT INTO schema_migrations (version, name) VALUES (30, 'reminders');

-- 0013 security (issue 19): login throttling by back-off, where sessions come from.
--
-- Login throttling, replaced.  Until now five failed logins for a username within 15 minutes
-- stopped that username from every address it had not logged in from lately (0010): whoever
-- knew a username kept its owner waiting at any desk not used in 90 days, and the count was
-- read before the attempt was written, so 40 logins at once got 8 tries past the limit of 5.
-- Now each (username, address) has its own back-off, and each address one budget over all
-- usernames (the rule and its numbers: lib/account.h).  A row is claimed, locked, before the
-- password is checked, so concurrent attempts are counted one by one; a good login deletes
-- only its own (username, address) row.  The address's budget is the row whose username is ''
-- (no username is empty: users.username has 1 to 64 characters).  Staff addresses and the
-- usernames typed at them: no applicant's data.
DROP TABLE login_failures;
DROP TABLE login_known;
CREATE TABLE login_throttles (
    id       bigserial PRIMARY KEY,
    username text NOT NULL CHECK (length(username) <= 64),
    address  text NOT NULL,
    attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    first_at timestamptz NOT NULL DEFAULT now(),  -- the budget's window began
    last_at  timestamptz NOT NULL DEFAULT now(),  -- the last attempt
    UNIQUE (username, address)
);
CREATE INDEX login_throttles_last_at ON login_throttles (last_at);

-- Sessions: where a login came from and with what, so that a user who lists their sessions
-- can tell them apart and end the ones they do not know (GET /api/v1/sessions).
ALTER TABLE sessions ADD COLUMN address text, ADD COLUMN user_agent text;
CREATE INDEX sessions_user_open ON sessions (user_id) WHERE ended_at IS NULL;

INSERT INTO schema_migrations (version, name) VALUES (13, 'security');

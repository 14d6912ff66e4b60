-- 0010 login-known: the addresses each user has logged in from.  Five failed logins for a
-- username within 15 minutes stop that username — from every address it has not logged in
-- from lately.  At a desk the user has logged in from within 90 days only that desk's own
-- failures count, so whoever knows a clerk's username cannot keep the clerk out from elsewhere
-- (the per-address limit still holds everywhere).  Staff addresses only; never applicants'.
CREATE TABLE login_known (
    username text NOT NULL,
    address  text NOT NULL,
    last_ok  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (username, address)
);

INSERT INTO schema_migrations (version, name) VALUES (10, 'login-known');

-- Issue 16 item 5: a user's secret iCalendar feeds of the deadlines of their requests.
-- The URL's token is the credential (a calendar server fetches it with no session), so,
-- as for API tokens, only its SHA-256 is stored; a feed is revoked, never deleted.
-- scope: 'assigned' — the requests assigned to the user; 'bodies' — every request of the
-- bodies where the user holds a role (for approvers and admins who watch an office).
CREATE TABLE calendar_feeds (
    id              bigserial PRIMARY KEY,
    token_hash      bytea NOT NULL UNIQUE,
    user_id         bigint NOT NULL REFERENCES users(id),
    scope           text NOT NULL CHECK (scope IN ('assigned', 'bodies')),
    label           text NOT NULL DEFAULT '' CHECK (length(label) <= 200),
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_fetched_at timestamptz,
    fetches         bigint NOT NULL DEFAULT 0,
    revoked_at      timestamptz
);
CREATE INDEX calendar_feeds_user ON calendar_feeds (user_id);

-- The audit rows of a feed (entity 'calendar_feed', actions create and revoke) belong to its
-- user's body, as a token's do; the rest of the rule is 0026's, unchanged.
CREATE OR REPLACE FUNCTION audit_body_of(entity text, entity_id text, old_value jsonb,
                                         new_value jsonb)
RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT b.id FROM bodies b
    WHERE entity_id ~ '^[0-9]{1,18}$'
      AND b.id = CASE entity
        WHEN 'body' THEN entity_id::bigint
        WHEN 'report' THEN entity_id::bigint
        WHEN 'role' THEN (SELECT (v->>'body_id')::bigint
                          FROM (SELECT coalesce(new_value, old_value) AS v) r
                          WHERE jsonb_typeof(v->'body_id') = 'number')
        WHEN 'user' THEN audit_user_body(entity_id::bigint)
        WHEN 'token' THEN
            audit_user_body((SELECT t.user_id FROM api_tokens t WHERE t.id = entity_id::bigint))
        WHEN 'reconsideration' THEN
            (SELECT x.body_id FROM reconsiderations x WHERE x.id = entity_id::bigint)
        WHEN 'litigation' THEN
            (SELECT x.body_id FROM litigations x WHERE x.id = entity_id::bigint)
        WHEN 'litigation_instance' THEN
            (SELECT x.body_id FROM litigation_instances x WHERE x.id = entity_id::bigint)
        WHEN 'attachment' THEN
            (SELECT x.body_id FROM attachments x WHERE x.id = entity_id::bigint)
        WHEN 'supervision' THEN
            (SELECT x.body_id FROM supervisions x WHERE x.id = entity_id::bigint)
        WHEN 'calendar_feed' THEN
            audit_user_body((SELECT f.user_id FROM calendar_feeds f WHERE f.id = entity_id::bigint))
      END
$$;

INSERT INTO schema_migrations (version, name) VALUES (29, 'calendar-feeds');

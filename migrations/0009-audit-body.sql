-- 0009 audit-body: the body an audit_log row belongs to, so that the audit log can be read
-- (GET /api/v1/audit, ogictl audit) by the auditors and administrators of that body and its
-- ancestors only.  NULL: a change with no body (the calendar, a user without roles), shown only
-- to those who hold auditor or admin on a top-level body.
--
-- One function, audit_body_of, says which body a row belongs to.  The statement every writer
-- uses (audit_insert: ogid, ogictl, the first start) calls it, and the backfill below uses it,
-- so old and new rows follow the same rule:
--   body, report                       → the body named by entity_id
--   role                               → the body of the role granted or revoked
--   user                               → the deepest body above every body where the user
--                                        holds a role (a street office's clerk: that office)
--   reconsideration, litigation,       → the body of the request the record belongs to
--   litigation_instance                  (stored on the record itself)
--   token                              → its user's, as for user
--   calendar, anything else            → NULL

ALTER TABLE audit_log ADD COLUMN body_id bigint REFERENCES bodies(id);
CREATE INDEX audit_log_body ON audit_log (body_id, id);

-- The deepest body that is the user's every role's body or an ancestor of it; NULL without roles.
CREATE FUNCTION audit_user_body(uid bigint) RETURNS bigint LANGUAGE sql STABLE AS $$
    WITH held AS (
        SELECT b.path FROM user_roles r JOIN bodies b ON b.id = r.body_id WHERE r.user_id = uid
    )
    SELECT t.ancestor
    FROM unnest((SELECT path FROM held LIMIT 1)) WITH ORDINALITY AS t(ancestor, depth)
    WHERE NOT EXISTS (SELECT FROM held WHERE NOT held.path @> ARRAY[t.ancestor])
    ORDER BY t.depth DESC
    LIMIT 1
$$;

CREATE FUNCTION audit_body_of(entity text, entity_id text, old_value jsonb, new_value jsonb)
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
      END
$$;

-- The backfill of the rows written so far.  audit_log is append-only: the trigger
-- audit_log_append_only refuses every UPDATE, the owner's too.  It is disabled for this one
-- UPDATE and enabled again in the same transaction (a migration is applied in one
-- transaction, so no other session ever sees the table without it, and ALTER TABLE holds an
-- exclusive lock on audit_log until the commit).  ogi_app is still granted no UPDATE on it.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
UPDATE audit_log
   SET body_id = audit_body_of(entity, entity_id, old_value, new_value)
 WHERE body_id IS NULL AND audit_body_of(entity, entity_id, old_value, new_value) IS NOT NULL;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;

INSERT INTO schema_migrations (version, name) VALUES (9, 'audit-body');

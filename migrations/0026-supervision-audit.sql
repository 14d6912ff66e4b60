-- Supervision (督办, issue 16): the audit rows of a supervision (entity 'supervision',
-- actions create and answer) belong to the supervised body, so its auditors and those of
-- every body above it (the supervising office among them) read them; the rest of the rule
-- is 0015's, unchanged.
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
      END
$$;

INSERT INTO schema_migrations (version, name) VALUES (26, 'supervision-audit');

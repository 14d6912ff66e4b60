-- The SQL work of GET /api/v1/requests/{id}: the token lookup and the request with its body.
\set id random(1, :max_id)
SELECT t.id, u.id FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN user_roles r ON r.user_id = u.id
  WHERE t.token_hash = (SELECT token_hash FROM api_tokens ORDER BY id LIMIT 1);
SELECT r.*, b.path, b.name FROM requests r JOIN bodies b ON b.id = r.body_id WHERE r.id = :id;

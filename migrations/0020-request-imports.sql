-- Applications a platform (a district's or city's 政府信息公开平台) handed over
-- (POST /api/v1/requests/import, issue 15): each of its ids once, so a batch sent again
-- changes nothing.
CREATE TABLE request_imports (
    platform    text NOT NULL CHECK (length(platform) BETWEEN 1 AND 100),
    platform_id text NOT NULL CHECK (length(platform_id) BETWEEN 1 AND 100),
    request_id  bigint NOT NULL UNIQUE REFERENCES requests(id),
    imported_at timestamptz NOT NULL DEFAULT now(),
    imported_by bigint REFERENCES users(id),
    PRIMARY KEY (platform, platform_id)
);

INSERT INTO schema_migrations (version, name) VALUES (20, 'request-imports');

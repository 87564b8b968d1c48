-- Data exports (DESIGN.md §4): one row per export, created by the API (which also enforces the
-- rate limit of 3 per user per rolling 24 h on it) and advanced by the export workflow. Holds ids,
-- times, size and checksum: never content. No foreign key to users: erasure anonymizes these rows
-- (anonymized_at) and they outlive the account as a record that an export existed.

CREATE TABLE data_exports (
    id            uuid PRIMARY KEY,
    user_id       uuid NOT NULL,
    status        text NOT NULL
        CHECK (status IN ('PENDING', 'RUNNING', 'READY', 'FAILED', 'EXPIRED')),
    requested_at  timestamptz NOT NULL,
    started_at    timestamptz,
    completed_at  timestamptz,
    expires_at    timestamptz,
    size_bytes    bigint,
    sha256        text,
    storage_key   text,
    error_code    text,
    email_sent_at timestamptz,
    anonymized_at timestamptz
);
-- The rate limit and the user's list: a user's exports, newest first.
CREATE INDEX data_exports_user_id_requested_at_idx ON data_exports (user_id, requested_at DESC);

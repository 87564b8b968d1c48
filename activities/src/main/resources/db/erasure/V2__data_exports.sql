CREATE TABLE data_exports (
    id            uuid PRIMARY KEY,
    user_id       uuid NOT NULL,
    status        text NOT NULL CHECK (status IN ('PENDING','RUNNING','READY','FAILED','EXPIRED')),
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
CREATE INDEX data_exports_user_requested_idx ON data_exports (user_id, requested_at DESC);

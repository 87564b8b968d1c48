-- The deletion ledger (DESIGN.md §3): one row per workflow run, kept as the long-term record of
-- GDPR Art. 5(2)/30 and read by the admin API. It holds ids, times, phases and the receipt:
-- never a name, email or content. No foreign key to users: the row must outlive the account.

CREATE TABLE deletion_requests (
    id                 bigserial PRIMARY KEY,
    user_id            uuid NOT NULL,
    workflow_id        text NOT NULL,
    run_id             text NOT NULL UNIQUE,
    keep_public_tracks boolean NOT NULL,
    requested_by       text NOT NULL,
    requested_at       timestamptz NOT NULL,
    scheduled_for      timestamptz NOT NULL,
    erasure_started_at timestamptz,
    completed_at       timestamptz,
    phase              text NOT NULL
        CHECK (phase IN ('SCHEDULED', 'RECOVERED', 'ERASING', 'NEEDS_ATTENTION', 'COMPLETED')),
    receipt            jsonb,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
-- The admin list: deletions by phase, oldest first.
CREATE INDEX deletion_requests_phase_requested_at_idx ON deletion_requests (phase, requested_at);
CREATE INDEX deletion_requests_user_id_idx ON deletion_requests (user_id);

-- The legacy backfill's own record (docs/design.md#legacy-backfill): one row per deletion workflow
-- a backfill pass started for an account the platform's old hard-delete worker had soft-deleted,
-- with the deadline it took over. Ids and times only. The deletion's ledger row (requested_by
-- 'legacy-backfill') is opened by MARK_PENDING once the workflow runs; this row says which pass
-- started it, also when the workflow never got that far.
CREATE TABLE legacy_backfill_starts (
    id                    bigserial PRIMARY KEY,
    user_id               uuid NOT NULL,
    deletion_workflow_id  text NOT NULL,
    deletion_run_id       text NOT NULL UNIQUE,
    -- users.deletion_scheduled_for as the old path set it: the deadline the deletion keeps.
    original_deadline     timestamptz NOT NULL,
    backfill_workflow_id  text NOT NULL,
    backfill_run_id       text NOT NULL,
    started_at            timestamptz NOT NULL
);
CREATE INDEX legacy_backfill_starts_user_id_idx ON legacy_backfill_starts (user_id);
CREATE INDEX legacy_backfill_starts_backfill_run_id_idx ON legacy_backfill_starts (backfill_run_id);

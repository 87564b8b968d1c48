-- What MARK_PENDING changed on the account, written in its transaction, so that RESTORE undoes only
-- that, also after a worker restart: an account already soft-deleted before the request (suspended,
-- banned, or deleted by the platform's old path) stays soft-deleted after a recovery or a cancel.
-- Both columns hold no personal data. NULL account_soft_deleted marks a row opened before this
-- migration: its restore clears the soft delete as it always did.
ALTER TABLE deletion_requests
    -- true when MARK_PENDING set users.deleted_at itself; false when it was already set.
    ADD COLUMN account_soft_deleted boolean,
    -- users.deletion_scheduled_for as it was before MARK_PENDING overwrote it.
    ADD COLUMN prior_deletion_scheduled_for timestamptz;

-- Ordered phase writes (docs/design.md#deletion-ledger): the deletion workflow numbers its phase
-- writes and retries each until PostgreSQL takes it, so after an outage they can land out of order.
-- The row keeps the number of the newest write it applied, and a write whose number is not newer
-- leaves the phase alone. 0: no numbered write yet (rows of runs started before writes were
-- numbered stay at 0). A constant default: PostgreSQL adds the column without rewriting the table.
ALTER TABLE deletion_requests ADD COLUMN phase_sequence bigint NOT NULL DEFAULT 0;

-- The completion notice's outbox (docs/design.md#notifications): anonymization removes the user's
-- address, yet the "your data was erased" email must reach it. Before anonymization the address is
-- copied here, keyed by the ledger row; the completion notice reads it, sends, and deletes the row,
-- and a notice that gives up has its row deleted all the same. The only personal data this service
-- keeps in its own tables, for the minutes between anonymization and the notice.
CREATE TABLE deletion_notice_outbox (
    deletion_id bigint PRIMARY KEY REFERENCES deletion_requests (id) ON DELETE CASCADE,
    email       text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Other users' tracks found naming the erased user (docs/design.md#third-party-references), so that
-- a retried THIRD_PARTY_REFERENCES counts what an earlier attempt already scrubbed. Track ids only,
-- never a name. Emptied by the receipt, like the content snapshot.
CREATE TABLE deletion_third_party_references (
    deletion_id bigint NOT NULL REFERENCES deletion_requests (id) ON DELETE CASCADE,
    store       text NOT NULL CHECK (store IN ('postgres', 'search')),
    track_id    uuid NOT NULL,
    -- The name was replaced by the anonymous artist (references.scrub), or only counted.
    scrubbed    boolean NOT NULL,
    PRIMARY KEY (deletion_id, store, track_id)
);

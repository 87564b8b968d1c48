-- The content snapshot of a deletion (docs/design.md#content-snapshot): the ids of the tracks and
-- playlists the user owned when erasure started, written by COLLECT_CONTENT before anonymization
-- and read page by page by the search purge and verification, so that no workflow history holds
-- them. Ids only, never a title or a name. Gone with its ledger row, and emptied by the receipt.

CREATE TABLE deletion_content_snapshot (
    deletion_id bigint NOT NULL REFERENCES deletion_requests (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('track', 'playlist')),
    content_id  uuid NOT NULL,
    -- Tracks: public and not soft-deleted, i.e. kept when the request keeps public tracks.
    is_public   boolean NOT NULL,
    -- Also the index of the keyset pages: (deletion_id, kind) then content_id order.
    PRIMARY KEY (deletion_id, kind, content_id)
);

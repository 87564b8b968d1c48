-- The erasure map (docs/describe-your-schema.md) names the kinds of the content snapshot: any
-- table rule with snapshot: true adds its ids under its snapshotKind, not only tracks and
-- playlists. Kinds stay plain identifiers, as the map's validation requires.
ALTER TABLE deletion_content_snapshot DROP CONSTRAINT deletion_content_snapshot_kind_check;
ALTER TABLE deletion_content_snapshot
    ADD CONSTRAINT deletion_content_snapshot_kind_check CHECK (kind ~ '^[a-z_][a-z0-9_]*$');

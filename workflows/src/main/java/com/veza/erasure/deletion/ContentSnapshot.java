package com.veza.erasure.deletion;

/**
 * What COLLECT_CONTENT wrote to the deletion's content snapshot (docs/design.md#content-snapshot):
 * counts only, so the workflow history stays the same size whatever the account holds.
 *
 * @param tracks every track the user created, public or not
 * @param publicTracks those public and not soft-deleted (kept when keep_public_tracks is set)
 * @param playlists every playlist the user owns
 */
public record ContentSnapshot(long tracks, long publicTracks, long playlists) {}

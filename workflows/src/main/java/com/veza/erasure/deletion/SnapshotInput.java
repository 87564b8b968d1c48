package com.veza.erasure.deletion;

/**
 * Input of the steps that read the deletion's content snapshot page by page instead of carrying the
 * ids: the ledger row it belongs to, and what the request keeps.
 */
public record SnapshotInput(LedgerRef ref, boolean keepPublicTracks) {}

package com.veza.erasure.deletion;

/**
 * Input of the verification of a deletion whose keys a sweep purged: the sweep's confirming pass
 * has just counted the user's keys, so the verification takes that count instead of scanning the
 * keyspace once more for one user.
 *
 * @param cacheKeysLeft the user's keys the sweep's confirming pass found
 */
public record SweptSnapshotInput(LedgerRef ref, boolean keepPublicTracks, long cacheKeysLeft) {}

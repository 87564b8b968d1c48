package com.veza.erasure.deletion;

/**
 * What the recovery changed.
 *
 * @param restored true when this call made the account active again; false when the deletion had
 *     not soft-deleted it (it was soft-deleted before the request, or the soft-delete never
 *     committed) or on an idempotent repeat
 */
public record RestoreResult(boolean restored) {}

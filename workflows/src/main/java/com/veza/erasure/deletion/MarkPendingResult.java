package com.veza.erasure.deletion;

/**
 * What the soft-delete changed.
 *
 * @param sessionsRevoked sessions deleted now, so a stolen session cannot undo the request
 * @param accountSoftDeleted false when the account was already soft-deleted before the request
 *     (suspended, banned, deleted by the platform's old path): a recovery then leaves it so
 */
public record MarkPendingResult(long sessionsRevoked, boolean accountSoftDeleted) {}

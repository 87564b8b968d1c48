package com.veza.erasure.deletion;

/**
 * What the soft-delete changed.
 *
 * @param sessionsRevoked sessions deleted now, so a stolen session cannot undo the request
 */
public record MarkPendingResult(long sessionsRevoked) {}

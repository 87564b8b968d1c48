package com.veza.erasure.deletion;

/**
 * What the recovery changed.
 *
 * @param restored false when the account was already active (an idempotent retry)
 */
public record RestoreResult(boolean restored) {}

package com.veza.erasure.deletion;

/**
 * @param restored false when the account was already active (an idempotent retry)
 */
public record RestoreResult(boolean restored) {}

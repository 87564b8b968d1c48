package com.veza.erasure.deletion;

public record PhaseChange(LedgerRef ref, DeletionPhase phase) {}

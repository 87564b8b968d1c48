package com.veza.erasure.deletion;

public record AnonymizeInput(LedgerRef ref, boolean keepPublicTracks, OwnedContent content) {}

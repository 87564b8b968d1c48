package com.veza.erasure.deletion;

public record SearchPurgeInput(String userId, boolean keepPublicTracks, OwnedContent content) {}

package com.veza.erasure.deletion;

public record VerifyInput(String userId, boolean keepPublicTracks, OwnedContent content) {}

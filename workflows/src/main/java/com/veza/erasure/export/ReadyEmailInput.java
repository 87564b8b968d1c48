package com.veza.erasure.export;

import java.time.Instant;

public record ReadyEmailInput(String exportId, String userId, Instant expiresAt) {}

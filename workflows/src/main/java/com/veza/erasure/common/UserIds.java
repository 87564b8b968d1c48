package com.veza.erasure.common;

import java.util.Optional;
import java.util.UUID;

/**
 * Every user id is parsed here before it reaches SQL, a Redis pattern or an Elasticsearch query: a
 * parsed UUID cannot carry a glob character, a quote or a path segment.
 */
public final class UserIds {
  private UserIds() {}

  /** The canonical lower-case form of {@code raw}, or a non-retryable INVALID_INPUT failure. */
  public static UUID parse(String raw) {
    if (raw == null || raw.length() != 36) {
      throw ErasureErrors.INVALID_INPUT.failure("user id must be a UUID");
    }
    try {
      UUID id = UUID.fromString(raw);
      // UUID.fromString accepts non-canonical forms like "1-1-1-1-1"; the round trip rejects them.
      if (!id.toString().equalsIgnoreCase(raw)) {
        throw ErasureErrors.INVALID_INPUT.failure("user id must be a UUID");
      }
      return id;
    } catch (IllegalArgumentException e) {
      throw ErasureErrors.INVALID_INPUT.failure("user id must be a UUID");
    }
  }

  /** {@link #parse} for callers that answer bad input themselves (an HTTP 400 or 401). */
  public static Optional<UUID> tryParse(String raw) {
    try {
      return Optional.of(parse(raw));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}

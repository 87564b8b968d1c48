package com.veza.erasure.api.http;

import com.veza.erasure.common.UserIds;
import java.util.UUID;

/** A user id from a path: the canonical UUID form or 400 {@code invalid_user_id}. */
public final class UserIdParam {
  private UserIdParam() {}

  public static UUID parse(String raw) {
    return UserIds.tryParse(raw)
        .orElseThrow(() -> new ApiException(400, "invalid_user_id", "the user id must be a UUID"));
  }
}

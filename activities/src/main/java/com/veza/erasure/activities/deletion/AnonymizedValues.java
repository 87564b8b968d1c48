package com.veza.erasure.activities.deletion;

import java.util.UUID;

/**
 * What erasure writes in place of personal data, and which columns hold it: the anonymization, the
 * search purge and the verification that reads both back all use these, so they cannot drift apart.
 * The SQL fragments are compile-time constants, to be concatenated into JDBI annotations.
 */
final class AnonymizedValues {

  /** The users row's {@code display_name} after erasure. */
  static final String DISPLAY_NAME = "Deleted user";

  /**
   * The artist a kept public track is left published under, in its row and its search document: the
   * free-text artist may be the user's real name.
   */
  static final String ARTIST = "Anonymous artist";

  /** The user_profiles columns holding personal data: erasure sets every one to NULL. */
  static final String PROFILE_PII_COLUMNS = "bio, avatar_url, location, birthdate, phone, website";

  /** SET clause emptying them all; one NULL per column, or PostgreSQL refuses the statement. */
  static final String PROFILE_PII_CLEARED =
      "(" + PROFILE_PII_COLUMNS + ") = ROW(NULL, NULL, NULL, NULL, NULL, NULL)";

  /** True while a user_profiles row still holds personal data in any of those columns. */
  static final String PROFILE_HOLDS_PII = "num_nonnulls(" + PROFILE_PII_COLUMNS + ") > 0";

  /**
   * True while a users row differs from its anonymized values; binds {@code :email}, {@code
   * :username} and {@code :displayName}.
   */
  static final String USER_HOLDS_PII =
      """
      (email IS DISTINCT FROM :email
       OR username IS DISTINCT FROM :username
       OR display_name IS DISTINCT FROM :displayName
       OR password_hash IS NOT NULL)""";

  private AnonymizedValues() {}

  /** Unique per user (the unique constraint holds) and in a reserved domain nobody can own. */
  static String email(UUID userId) {
    return "deleted-" + userId + "@erased.invalid";
  }

  static String username(UUID userId) {
    return "deleted_" + userId.toString().replace("-", "");
  }
}

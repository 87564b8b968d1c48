package com.veza.erasure.activities.deletion;

/**
 * What the search purge writes in place of personal data. The PostgreSQL side is the erasure map's
 * (the reference map's keep rule of {@code tracks} sets the same artist); verification of search
 * documents reads this value back.
 */
final class AnonymizedValues {

  /**
   * The artist a kept public track is left published under, in its search document: the free-text
   * artist may be the user's real name.
   */
  static final String ARTIST = "Anonymous artist";

  private AnonymizedValues() {}
}

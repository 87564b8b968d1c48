package com.veza.erasure.activities.references;

/**
 * How THIRD_PARTY_REFERENCES treats other users' tracks that name the erased user.
 *
 * @param scrub false: count them only; true: also replace the name with {@link
 *     ThirdPartyReferences#ANONYMOUS_ARTIST}
 * @param minNameLength names shorter than this (in characters) are not looked for: "Al" or "Jo"
 *     would match other people's words; default 3
 * @param pageSize rows or documents read per keyset page; default 500
 */
public record ReferenceSettings(boolean scrub, int minNameLength, int pageSize) {

  public static final int DEFAULT_MIN_NAME_LENGTH = 3;
  public static final int DEFAULT_PAGE_SIZE = 500;

  /** Count only, default name length and page size. */
  public static final ReferenceSettings COUNT_ONLY =
      new ReferenceSettings(false, DEFAULT_MIN_NAME_LENGTH, DEFAULT_PAGE_SIZE);

  public ReferenceSettings {
    if (minNameLength < 1) {
      minNameLength = DEFAULT_MIN_NAME_LENGTH;
    }
    if (pageSize < 1) {
      pageSize = DEFAULT_PAGE_SIZE;
    }
  }

  public ReferenceSettings withScrub(boolean newScrub) {
    return new ReferenceSettings(newScrub, minNameLength, pageSize);
  }

  public ReferenceSettings withPageSize(int newPageSize) {
    return new ReferenceSettings(scrub, minNameLength, newPageSize);
  }
}

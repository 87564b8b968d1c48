package com.veza.erasure.activities.coverage;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Column-name globs: {@code *} matches any run of characters; case-insensitive. */
public final class NamePatterns {

  /** Names that hold a user's id or address on most platforms. */
  public static final List<String> DEFAULTS =
      List.of(
          "user_id", "*_user_id", "creator_id", "owner_id", "sender_id", "recipient_id", "email");

  private final List<String> globs;
  private final List<Pattern> regexes;

  public NamePatterns(List<String> globs) {
    this.globs = List.copyOf(globs);
    this.regexes = this.globs.stream().map(NamePatterns::toRegex).toList();
  }

  /** The first glob {@code name} matches. */
  public Optional<String> match(String name) {
    for (int i = 0; i < globs.size(); i++) {
      if (regexes.get(i).matcher(name).matches()) {
        return Optional.of(globs.get(i));
      }
    }
    return Optional.empty();
  }

  private static Pattern toRegex(String glob) {
    if (glob == null || glob.isBlank()) {
      throw new IllegalArgumentException("a coverage pattern must not be blank");
    }
    StringBuilder regex = new StringBuilder();
    for (String literal : glob.toLowerCase(Locale.ROOT).split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(literal));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }
}

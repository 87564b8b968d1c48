package com.veza.erasure.activities.erasuremap;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text templates of anonymized columns: {@code {id}} and {@code {id_hex}} only. */
public final class Templates {
  public static final String ID = "{id}";
  public static final String ID_HEX = "{id_hex}";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");

  private Templates() {}

  /** The template for one user; a value bound as a parameter, never SQL. */
  public static String render(String template, UUID userId) {
    String id = userId.toString();
    return template.replace(ID_HEX, id.replace("-", "")).replace(ID, id);
  }

  /** The first placeholder that is neither {@code {id}} nor {@code {id_hex}}, or null. */
  static String unknownPlaceholder(String template) {
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!m.group().equals(ID) && !m.group().equals(ID_HEX)) {
        return m.group();
      }
    }
    return null;
  }

  /** Whether each user gets a different value: the template holds the user's id. */
  static boolean isPerUser(String template) {
    return template.contains(ID) || template.contains(ID_HEX);
  }
}

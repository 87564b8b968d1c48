package com.veza.erasure.activities.erasuremap;

import java.util.regex.Pattern;

/**
 * SQL identifiers of the erasure map. A name is accepted only as a plain lower-case PostgreSQL
 * identifier and always written double-quoted, so no map can put SQL into a statement; values are
 * never written into SQL at all, they are bound.
 */
public final class Identifiers {
  /** Unquoted PostgreSQL identifiers fold to lower case and are at most 63 bytes long. */
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private Identifiers() {}

  public static boolean isValid(String name) {
    return name != null && IDENTIFIER.matcher(name).matches();
  }

  /**
   * The identifier double-quoted for SQL.
   *
   * @throws IllegalArgumentException if it is not a valid identifier: a map that reached SQL
   *     building without validation is a bug, never a reason to write the name as it is
   */
  public static String quote(String name) {
    if (!isValid(name)) {
      throw new IllegalArgumentException("not a plain SQL identifier: " + name);
    }
    return '"' + name + '"';
  }
}

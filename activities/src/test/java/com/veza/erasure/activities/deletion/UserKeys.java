package com.veza.erasure.activities.deletion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The keys the Redis purge tests write: a victim's, a neighbour's and some global ones. */
final class UserKeys {
  private UserKeys() {}

  static final int FIXED = 4;
  static final int BULK = 150;

  /** 4 fixed keys plus 150 bulk ones: more than one SCAN page at a small COUNT. */
  static List<String> ofUser(UUID id) {
    List<String> keys = new ArrayList<>();
    for (String suffix : List.of("profile", "session", "settings", "feed")) {
      keys.add("user:" + id + ":" + suffix);
    }
    for (int i = 0; i < BULK; i++) {
      keys.add("user:" + id + ":track:" + i);
    }
    return keys;
  }

  /** Another user's keys and global ones that name no user: none may be touched. */
  static List<String> bystanders(UUID other) {
    return List.of(
        "user:" + other + ":profile",
        "user:" + other + ":session",
        "global:config:" + other,
        "tracks:trending:" + other);
  }

  /** Same UUID as {@code id} except its last hex digit: a prefix-glob bug would hit it. */
  static UUID neighbourOf(UUID id) {
    String s = id.toString();
    char last = s.charAt(s.length() - 1);
    char other = last == '0' ? '1' : '0';
    return UUID.fromString(s.substring(0, s.length() - 1) + other);
  }

  static Map<String, String> asValues(List<String> keys) {
    Map<String, String> values = new LinkedHashMap<>();
    keys.forEach(k -> values.put(k, "v"));
    return values;
  }
}

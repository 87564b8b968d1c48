package com.veza.erasure.activities.references;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a free-text field names a person: any of their names as a whole word, in any case. "Ada"
 * matches "ada lovelace", "ADA" and "Ada's band", not "Adam" or "Ada_l"; a name's characters match
 * literally ("A.d+a" is no pattern), and a run of spaces in it matches any run of spaces. The one
 * matcher both stores use, so PostgreSQL and Elasticsearch agree on what a reference is; each store
 * only narrows the rows it reads with a coarser filter that finds every match and more.
 *
 * <p>Holds names: never log it, never return it from an activity.
 */
final class NameMatcher {
  /** Letters, digits, combining marks and the underscore make up words, as in usernames. */
  private static final String WORD_CHAR = "[\\p{L}\\p{N}\\p{M}_]";

  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern NON_SPACES = Pattern.compile("\\S+");

  private final List<String> names;
  private final Pattern pattern;

  private NameMatcher(List<String> names) {
    this.names = names;
    if (names.isEmpty()) {
      this.pattern = null;
      return;
    }
    List<String> alternatives = new ArrayList<>();
    for (String name : names) {
      List<String> parts = new ArrayList<>();
      for (String part : words(name)) {
        parts.add(Pattern.quote(part));
      }
      alternatives.add(String.join("\\s+", parts));
    }
    this.pattern =
        Pattern.compile(
            "(?<!" + WORD_CHAR + ")(?:" + String.join("|", alternatives) + ")(?!" + WORD_CHAR + ")",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /**
   * A matcher of the usable names among {@code candidates}: trimmed, spaces collapsed, at least
   * {@code minLength} characters (a very short name would match other people's words), each once
   * whatever its case; null and blank ones are dropped.
   */
  static NameMatcher of(Collection<String> candidates, int minLength) {
    Map<String, String> distinct = new LinkedHashMap<>();
    for (String candidate : candidates) {
      if (candidate == null) {
        continue;
      }
      String name = SPACES.matcher(candidate.strip()).replaceAll(" ");
      if (name.codePointCount(0, name.length()) < Math.max(1, minLength)) {
        continue;
      }
      distinct.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
    }
    List<String> names = new ArrayList<>(distinct.values());
    // Longest first: "Ada Lovelace" is replaced whole, not as "Ada" plus a leftover surname.
    names.sort(Comparator.comparingInt(String::length).reversed());
    return new NameMatcher(List.copyOf(names));
  }

  boolean isEmpty() {
    return names.isEmpty();
  }

  /** The names, for a store's coarse filter only. */
  List<String> names() {
    return names;
  }

  boolean matches(String text) {
    return pattern != null && text != null && pattern.matcher(text).find();
  }

  /** {@code text} with every whole-word occurrence of a name replaced by {@code replacement}. */
  String replaceAll(String text, String replacement) {
    if (pattern == null || text == null) {
      return text;
    }
    return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
  }

  /**
   * PostgreSQL {@code ILIKE} patterns that match every text a name matches (and more): the name's
   * words with {@code %} around and between them, {@code \}, {@code %} and {@code _} escaped.
   */
  String[] likePatterns() {
    return names.stream()
        .map(
            name -> {
              List<String> parts = new ArrayList<>();
              for (String part : words(name)) {
                parts.add(escapeLike(part));
              }
              return "%" + String.join("%", parts) + "%";
            })
        .toArray(String[]::new);
  }

  private static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    Matcher m = NON_SPACES.matcher(name);
    while (m.find()) {
      words.add(m.group());
    }
    return words;
  }

  private static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}

package com.veza.erasure.activities.redis;

import java.nio.charset.StandardCharsets;

/**
 * Redis' own glob matching ({@code stringmatchlen} in util.c, case-sensitive), so a key matched on
 * the client is exactly a key SCAN MATCH would have returned: {@code *}, {@code ?}, {@code [...]}
 * with {@code ^} and ranges, {@code \} escapes, all over the key's UTF-8 bytes as Redis sees them.
 */
public final class RedisGlob {

  private RedisGlob() {}

  public static boolean matches(String pattern, String key) {
    byte[] p = pattern.getBytes(StandardCharsets.UTF_8);
    byte[] s = key.getBytes(StandardCharsets.UTF_8);
    return match(p, 0, s, 0, new boolean[1]);
  }

  /**
   * @param skipLonger set once a {@code *} has tried every rest of the string: a later {@code *}
   *     cannot do better, which keeps the matching linear instead of exponential
   */
  private static boolean match(byte[] p, int pi, byte[] s, int si, boolean[] skipLonger) {
    while (pi < p.length && si < s.length) {
      switch (p[pi]) {
        case '*' -> {
          while (pi + 1 < p.length && p[pi + 1] == '*') {
            pi++;
          }
          if (pi + 1 == p.length) {
            return true;
          }
          while (si < s.length) {
            if (match(p, pi + 1, s, si, skipLonger)) {
              return true;
            }
            if (skipLonger[0]) {
              return false;
            }
            si++;
          }
          skipLonger[0] = true;
          return false;
        }
        case '?' -> si++;
        case '[' -> {
          pi++;
          boolean not = pi < p.length && p[pi] == '^';
          if (not) {
            pi++;
          }
          boolean match = false;
          while (true) {
            if (pi < p.length && p[pi] == '\\' && p.length - pi >= 2) {
              pi++;
              if (p[pi] == s[si]) {
                match = true;
              }
            } else if (pi < p.length && p[pi] == ']') {
              break;
            } else if (pi >= p.length) {
              // An unterminated class: Redis steps back so the shared pi++ below ends the pattern.
              pi--;
              break;
            } else if (p.length - pi >= 3 && p[pi + 1] == '-') {
              int start = p[pi] & 0xff;
              int end = p[pi + 2] & 0xff;
              int c = s[si] & 0xff;
              if (start > end) {
                int t = start;
                start = end;
                end = t;
              }
              pi += 2;
              if (c >= start && c <= end) {
                match = true;
              }
            } else if (p[pi] == s[si]) {
              match = true;
            }
            pi++;
          }
          if (not) {
            match = !match;
          }
          if (!match) {
            return false;
          }
          si++;
        }
        case '\\' -> {
          if (p.length - pi >= 2) {
            pi++;
          }
          if (p[pi] != s[si]) {
            return false;
          }
          si++;
        }
        default -> {
          if (p[pi] != s[si]) {
            return false;
          }
          si++;
        }
      }
      pi++;
      if (si == s.length) {
        while (pi < p.length && p[pi] == '*') {
          pi++;
        }
        break;
      }
    }
    return pi == p.length && si == s.length;
  }
}

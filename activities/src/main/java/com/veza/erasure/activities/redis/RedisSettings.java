package com.veza.erasure.activities.redis;

import com.veza.erasure.common.ErasureErrors;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Where the cache lives and which of a user's keys to purge.
 *
 * @param uri {@code redis://host:port} for a standalone server; with {@code cluster=true}, a comma
 *     separated list of seed URIs
 * @param cluster a Redis Cluster: every master is scanned
 * @param keyPatterns SCAN MATCH templates; {@code {id}} is replaced by the user's lower-case UUID
 * @param scanCount the SCAN COUNT hint per round trip
 * @param commandTimeout how long one command may take before the attempt fails (and is retried)
 */
public record RedisSettings(
    String uri, boolean cluster, List<String> keyPatterns, int scanCount, Duration commandTimeout) {

  public static final String ID_PLACEHOLDER = "{id}";
  public static final List<String> DEFAULT_KEY_PATTERNS = List.of("user:{id}:*");

  /**
   * Measured by {@code RedisPurgeBenchmark} (1M keys, 200 of one user, redis-server 6.2, 2 CPUs):
   * COUNT 100 ≈ 0.8–1.5 s (9,955 SCANs), 1000 ≈ 0.55–0.77 s (1,000 SCANs), 10000 ≈ 0.46–0.61 s (101
   * SCANs). Past 1000 the round trips saved are few, while each SCAN holds Redis' single thread
   * longer (≈ 0.6 ms at 1000, ≈ 5.5 ms at 10000) and delays every other client's command.
   */
  public static final int DEFAULT_SCAN_COUNT = 1000;

  /** Short enough that a hung server fails an attempt well inside the 30 s heartbeat timeout. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

  private static final String GLOB_CHARS = "*?[]\\";

  public RedisSettings {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("redis uri is required");
    }
    keyPatterns =
        keyPatterns == null || keyPatterns.isEmpty()
            ? DEFAULT_KEY_PATTERNS
            : List.copyOf(keyPatterns);
    keyPatterns.forEach(RedisSettings::validatePattern);
    if (scanCount <= 0) {
      scanCount = DEFAULT_SCAN_COUNT;
    }
    if (commandTimeout == null || commandTimeout.isZero() || commandTimeout.isNegative()) {
      commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    }
  }

  /** Standalone server, default patterns, COUNT and timeout. */
  public static RedisSettings standalone(String uri) {
    return new RedisSettings(uri, false, null, 0, null);
  }

  /** Redis Cluster from comma-separated seed URIs, default patterns, COUNT and timeout. */
  public static RedisSettings cluster(String seedUris) {
    return new RedisSettings(seedUris, true, null, 0, null);
  }

  public RedisSettings withKeyPatterns(List<String> patterns) {
    return new RedisSettings(uri, cluster, patterns, scanCount, commandTimeout);
  }

  public RedisSettings withScanCount(int count) {
    return new RedisSettings(uri, cluster, keyPatterns, count, commandTimeout);
  }

  public RedisSettings withCommandTimeout(Duration timeout) {
    return new RedisSettings(uri, cluster, keyPatterns, scanCount, timeout);
  }

  /** The MATCH pattern for one user; the UUID's canonical form holds no glob character. */
  public String matchPattern(int patternIndex, UUID userId) {
    return keyPatterns.get(patternIndex).replace(ID_PLACEHOLDER, userId.toString());
  }

  /** The literal text before {@code {id}} in pattern {@code patternIndex} (no glob character). */
  public String literalPrefix(int patternIndex) {
    String pattern = keyPatterns.get(patternIndex);
    return pattern.substring(0, pattern.indexOf(ID_PLACEHOLDER));
  }

  /**
   * The longest literal prefix every pattern shares: one SCAN MATCH on it followed by {@code *}
   * returns every key any pattern could match, for any user. Empty when the patterns start
   * differently (then a sweep scans without MATCH).
   */
  public String commonLiteralPrefix() {
    String common = literalPrefix(0);
    for (int i = 1; i < keyPatterns.size(); i++) {
      String prefix = literalPrefix(i);
      int n = 0;
      while (n < common.length() && n < prefix.length() && common.charAt(n) == prefix.charAt(n)) {
        n++;
      }
      common = common.substring(0, n);
    }
    return common;
  }

  /**
   * A pattern must pin the user: {@code {id}} exactly once, a literal prefix (no glob could match
   * some other user's key that merely contains the UUID later), and the UUID ended by a delimiter
   * or the end of the pattern (so {@code user:{id}*} cannot reach {@code user:<uuid>-other:...}).
   */
  public static void validatePattern(String pattern) {
    if (pattern == null) {
      throw ErasureErrors.INVALID_PATTERN.failure("redis key pattern is null");
    }
    int at = pattern.indexOf(ID_PLACEHOLDER);
    if (at < 0 || pattern.indexOf(ID_PLACEHOLDER, at + 1) >= 0) {
      throw ErasureErrors.INVALID_PATTERN.failure(
          "redis key pattern must contain " + ID_PLACEHOLDER + " exactly once: " + pattern);
    }
    String prefix = pattern.substring(0, at);
    if (containsGlob(prefix)) {
      throw ErasureErrors.INVALID_PATTERN.failure(
          "redis key pattern has a glob before " + ID_PLACEHOLDER + ": " + pattern);
    }
    String suffix = pattern.substring(at + ID_PLACEHOLDER.length());
    if (!suffix.isEmpty() && !isDelimiter(suffix.charAt(0))) {
      throw ErasureErrors.INVALID_PATTERN.failure(
          "redis key pattern needs a delimiter such as ':' right after "
              + ID_PLACEHOLDER
              + ": "
              + pattern);
    }
  }

  private static boolean containsGlob(String literal) {
    return literal.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0);
  }

  /** Not a glob, and not a character a UUID (or a longer id token) could continue with. */
  private static boolean isDelimiter(char c) {
    return GLOB_CHARS.indexOf(c) < 0
        && !Character.isLetterOrDigit(c)
        && c != '-'
        && c != '_'
        && !Character.isWhitespace(c);
  }
}

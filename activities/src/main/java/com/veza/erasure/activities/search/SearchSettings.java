package com.veza.erasure.activities.search;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the worker reaches Elasticsearch. Which indices hold the user's documents, and how they are
 * found, is the erasure map's {@code elasticsearch} section; the three index names here rename the
 * reference map's {@code users}, {@code tracks} and {@code playlists} indices ({@link #index}).
 *
 * @param url {@code http(s)://host:port} of one node or a load balancer
 * @param username basic-auth user, or null
 * @param password basic-auth password, or null
 * @param apiKey an encoded API key ({@code Authorization: ApiKey ...}), or null; wins over basic
 *     auth
 * @param usersIndex index (or alias) of user docs, id = user UUID; default {@code users}
 * @param tracksIndex index of track docs, id = track UUID; default {@code tracks}
 * @param playlistsIndex index of playlist docs, id = playlist UUID; default {@code playlists}
 * @param bulkChunkSize ids per {@code _bulk} or {@code _mget} request; default 1000
 * @param requestTimeout socket timeout of one request; default 20 s
 * @param searchPageSize hits per page of a by-field sweep; default 1000, at most 10,000
 */
public record SearchSettings(
    String url,
    String username,
    String password,
    String apiKey,
    String usersIndex,
    String tracksIndex,
    String playlistsIndex,
    int bulkChunkSize,
    Duration requestTimeout,
    int searchPageSize) {

  public static final String DEFAULT_USERS_INDEX = "users";
  public static final String DEFAULT_TRACKS_INDEX = "tracks";
  public static final String DEFAULT_PLAYLISTS_INDEX = "playlists";

  /** 1000 small delete ops are ~60 KB of NDJSON: well under the 100 MB http.max_content_length. */
  public static final int DEFAULT_BULK_CHUNK_SIZE = 1000;

  /**
   * Below the activity's 30 s heartbeat timeout: a hung request fails this attempt by itself
   * instead of letting Temporal time out the heartbeat while the socket still waits.
   */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);

  /** A page of ids without sources is ~50 KB; a thousand deletes fit one {@code _bulk} chunk. */
  public static final int DEFAULT_SEARCH_PAGE_SIZE = 1000;

  /** Elasticsearch's index.max_result_window: no single search answers more hits. */
  public static final int MAX_SEARCH_PAGE_SIZE = 10_000;

  /**
   * An index or alias name as Elasticsearch accepts one: lower case, no wildcard, comma or path
   * character, so a configured name can only ever name itself.
   */
  private static final Pattern INDEX = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,254}");

  public SearchSettings {
    url = requireHttpUrl(url);
    username = blankToNull(username);
    password = blankToNull(password);
    apiKey = blankToNull(apiKey);
    usersIndex = requireIndex(orDefault(usersIndex, DEFAULT_USERS_INDEX), "usersIndex");
    tracksIndex = requireIndex(orDefault(tracksIndex, DEFAULT_TRACKS_INDEX), "tracksIndex");
    playlistsIndex =
        requireIndex(orDefault(playlistsIndex, DEFAULT_PLAYLISTS_INDEX), "playlistsIndex");
    if (bulkChunkSize <= 0) {
      bulkChunkSize = DEFAULT_BULK_CHUNK_SIZE;
    }
    if (requestTimeout == null || requestTimeout.isZero() || requestTimeout.isNegative()) {
      requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    }
    if (searchPageSize <= 0) {
      searchPageSize = DEFAULT_SEARCH_PAGE_SIZE;
    }
    if (searchPageSize > MAX_SEARCH_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "Elasticsearch searchPageSize must be at most " + MAX_SEARCH_PAGE_SIZE);
    }
  }

  /** The default search page size. */
  public SearchSettings(
      String url,
      String username,
      String password,
      String apiKey,
      String usersIndex,
      String tracksIndex,
      String playlistsIndex,
      int bulkChunkSize,
      Duration requestTimeout) {
    this(
        url,
        username,
        password,
        apiKey,
        usersIndex,
        tracksIndex,
        playlistsIndex,
        bulkChunkSize,
        requestTimeout,
        0);
  }

  /** Default indices, no auth, default chunk size and timeout. */
  public static SearchSettings of(String url) {
    return new SearchSettings(url, null, null, null, null, null, null, 0, null);
  }

  /** The same settings with {@code prefix} in front of the three index names (tenants, tests). */
  public SearchSettings withIndexPrefix(String prefix) {
    return new SearchSettings(
        url,
        username,
        password,
        apiKey,
        prefix + usersIndex,
        prefix + tracksIndex,
        prefix + playlistsIndex,
        bulkChunkSize,
        requestTimeout,
        searchPageSize);
  }

  public SearchSettings withBulkChunkSize(int size) {
    return new SearchSettings(
        url,
        username,
        password,
        apiKey,
        usersIndex,
        tracksIndex,
        playlistsIndex,
        size,
        requestTimeout,
        searchPageSize);
  }

  public SearchSettings withRequestTimeout(Duration timeout) {
    return new SearchSettings(
        url,
        username,
        password,
        apiKey,
        usersIndex,
        tracksIndex,
        playlistsIndex,
        bulkChunkSize,
        timeout,
        searchPageSize);
  }

  public SearchSettings withSearchPageSize(int size) {
    return new SearchSettings(
        url,
        username,
        password,
        apiKey,
        usersIndex,
        tracksIndex,
        playlistsIndex,
        bulkChunkSize,
        requestTimeout,
        size);
  }

  /**
   * The index a rule of the erasure map names: the reference map's {@code users}, {@code tracks}
   * and {@code playlists} go to the configured names (aliases, tenant prefixes); any other name is
   * used as it is.
   */
  public String index(String mapName) {
    return switch (mapName) {
      case DEFAULT_USERS_INDEX -> usersIndex;
      case DEFAULT_TRACKS_INDEX -> tracksIndex;
      case DEFAULT_PLAYLISTS_INDEX -> playlistsIndex;
      default -> mapName;
    };
  }

  /** An index or alias name as both this configuration and the erasure map accept one. */
  public static boolean isIndexName(String name) {
    return name != null && INDEX.matcher(name).matches();
  }

  /** Never prints the password or the API key: settings end up in startup logs. */
  @Override
  public String toString() {
    return "SearchSettings[url="
        + url
        + ", username="
        + username
        + ", password="
        + (password == null ? null : "***")
        + ", apiKey="
        + (apiKey == null ? null : "***")
        + ", usersIndex="
        + usersIndex
        + ", tracksIndex="
        + tracksIndex
        + ", playlistsIndex="
        + playlistsIndex
        + ", bulkChunkSize="
        + bulkChunkSize
        + ", requestTimeout="
        + requestTimeout
        + ", searchPageSize="
        + searchPageSize
        + "]";
  }

  private static String requireHttpUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("Elasticsearch url is required");
    }
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Elasticsearch url is not a URI: " + url, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "Elasticsearch url must be http(s)://host:port, got " + url);
    }
    return url.trim();
  }

  private static String requireIndex(String value, String name) {
    String index = value.trim();
    if (!isIndexName(index)) {
      throw new IllegalArgumentException(
          "Elasticsearch "
              + name
              + " must be an index or alias name (lower-case letters, digits, _ . -), got "
              + value);
    }
    return index;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}

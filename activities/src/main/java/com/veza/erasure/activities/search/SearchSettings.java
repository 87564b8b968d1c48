package com.veza.erasure.activities.search;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How the worker reaches Elasticsearch and which indices hold the user's documents.
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
 * @param usersOwnerField field of {@code usersIndex} docs holding the user's UUID, or null: no
 *     by-field sweep of that index (docs/design.md#search-purge)
 * @param tracksOwnerField the same for {@code tracksIndex}, e.g. {@code creator_id}
 * @param playlistsOwnerField the same for {@code playlistsIndex}
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
    String usersOwnerField,
    String tracksOwnerField,
    String playlistsOwnerField,
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
   * A field path as written in a mapping ({@code creator_id}, {@code owner.id}). Wildcards and
   * commas are refused: the field-mapping API would read them as several fields.
   */
  private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_@][A-Za-z0-9_@.-]*");

  public SearchSettings {
    url = requireHttpUrl(url);
    username = blankToNull(username);
    password = blankToNull(password);
    apiKey = blankToNull(apiKey);
    usersIndex = orDefault(usersIndex, DEFAULT_USERS_INDEX);
    tracksIndex = orDefault(tracksIndex, DEFAULT_TRACKS_INDEX);
    playlistsIndex = orDefault(playlistsIndex, DEFAULT_PLAYLISTS_INDEX);
    if (bulkChunkSize <= 0) {
      bulkChunkSize = DEFAULT_BULK_CHUNK_SIZE;
    }
    if (requestTimeout == null || requestTimeout.isZero() || requestTimeout.isNegative()) {
      requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    }
    usersOwnerField = requireField(usersOwnerField, "usersOwnerField");
    tracksOwnerField = requireField(tracksOwnerField, "tracksOwnerField");
    playlistsOwnerField = requireField(playlistsOwnerField, "playlistsOwnerField");
    if (searchPageSize <= 0) {
      searchPageSize = DEFAULT_SEARCH_PAGE_SIZE;
    }
    if (searchPageSize > MAX_SEARCH_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "Elasticsearch searchPageSize must be at most " + MAX_SEARCH_PAGE_SIZE);
    }
  }

  /** Without owner fields: docs are found by the snapshot's ids only. */
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
        null,
        null,
        null,
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
        usersOwnerField,
        tracksOwnerField,
        playlistsOwnerField,
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
        usersOwnerField,
        tracksOwnerField,
        playlistsOwnerField,
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
        usersOwnerField,
        tracksOwnerField,
        playlistsOwnerField,
        searchPageSize);
  }

  /**
   * The same settings with these owner fields (null: that index is not swept by field), as the
   * erasure map's {@code elasticsearch.indices[].ownerField} supplies them.
   */
  public SearchSettings withOwnerFields(String users, String tracks, String playlists) {
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
        users,
        tracks,
        playlists,
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
        usersOwnerField,
        tracksOwnerField,
        playlistsOwnerField,
        size);
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
        + ", usersOwnerField="
        + usersOwnerField
        + ", tracksOwnerField="
        + tracksOwnerField
        + ", playlistsOwnerField="
        + playlistsOwnerField
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

  private static String requireField(String value, String name) {
    String field = blankToNull(value);
    if (field != null && !FIELD.matcher(field.trim()).matches()) {
      throw new IllegalArgumentException(
          "Elasticsearch "
              + name
              + " must be a field path such as creator_id (letters, digits, _ @ . -), got "
              + field);
    }
    return field == null ? null : field.trim();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}

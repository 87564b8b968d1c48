package com.veza.erasure.worker;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.veza.erasure.activities.deletion.SearchIndexPurger;
import com.veza.erasure.activities.search.SearchClientFactory;
import com.veza.erasure.activities.search.SearchSettings;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The {@code elasticsearch} block. Disabled (the default) means the search step is recorded as
 * SKIPPED. Credentials only ever come from the environment (see config.yml).
 */
public class SearchFactory {

  private boolean enabled;
  @NotEmpty private String url = "http://127.0.0.1:9200";
  private String username;
  private String password;

  /** Encoded API key; wins over username/password. */
  private String apiKey;

  /** The names the reference map's three indices go to ({@link SearchSettings#index}). */
  @NotEmpty private String usersIndex = SearchSettings.DEFAULT_USERS_INDEX;

  @NotEmpty private String tracksIndex = SearchSettings.DEFAULT_TRACKS_INDEX;
  @NotEmpty private String playlistsIndex = SearchSettings.DEFAULT_PLAYLISTS_INDEX;

  @Min(1)
  private int bulkChunkSize = SearchSettings.DEFAULT_BULK_CHUNK_SIZE;

  @NotNull private Duration requestTimeout = SearchSettings.DEFAULT_REQUEST_TIMEOUT;

  @Min(1)
  @Max(SearchSettings.MAX_SEARCH_PAGE_SIZE)
  private int searchPageSize = SearchSettings.DEFAULT_SEARCH_PAGE_SIZE;

  /**
   * The purger the search activities use, its client closed when the application stops, with a
   * cluster-health check; {@code null} when Elasticsearch is disabled.
   */
  public SearchIndexPurger build(Environment environment) {
    if (!enabled) {
      return null;
    }
    SearchSettings settings = settings();
    ElasticsearchClient client = SearchClientFactory.create(settings);
    environment
        .lifecycle()
        .manage(
            new Managed() {
              @Override
              public void stop() {
                SearchClientFactory.close(client);
              }
            });
    environment.healthChecks().register("elasticsearch", new SearchHealthCheck(client));
    return new SearchIndexPurger(client, settings);
  }

  public SearchSettings settings() {
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
        searchPageSize);
  }

  @JsonProperty
  public boolean isEnabled() {
    return enabled;
  }

  @JsonProperty
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @JsonProperty
  public String getUrl() {
    return url;
  }

  @JsonProperty
  public void setUrl(String url) {
    this.url = url;
  }

  @JsonProperty
  public String getUsername() {
    return username;
  }

  @JsonProperty
  public void setUsername(String username) {
    this.username = username;
  }

  @JsonProperty
  public String getPassword() {
    return password;
  }

  @JsonProperty
  public void setPassword(String password) {
    this.password = password;
  }

  @JsonProperty
  public String getApiKey() {
    return apiKey;
  }

  @JsonProperty
  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  @JsonProperty
  public String getUsersIndex() {
    return usersIndex;
  }

  @JsonProperty
  public void setUsersIndex(String usersIndex) {
    this.usersIndex = usersIndex;
  }

  @JsonProperty
  public String getTracksIndex() {
    return tracksIndex;
  }

  @JsonProperty
  public void setTracksIndex(String tracksIndex) {
    this.tracksIndex = tracksIndex;
  }

  @JsonProperty
  public String getPlaylistsIndex() {
    return playlistsIndex;
  }

  @JsonProperty
  public void setPlaylistsIndex(String playlistsIndex) {
    this.playlistsIndex = playlistsIndex;
  }

  @JsonProperty
  public int getBulkChunkSize() {
    return bulkChunkSize;
  }

  @JsonProperty
  public void setBulkChunkSize(int bulkChunkSize) {
    this.bulkChunkSize = bulkChunkSize;
  }

  @JsonProperty
  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  @JsonProperty
  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  @JsonProperty
  public int getSearchPageSize() {
    return searchPageSize;
  }

  @JsonProperty
  public void setSearchPageSize(int searchPageSize) {
    this.searchPageSize = searchPageSize;
  }
}

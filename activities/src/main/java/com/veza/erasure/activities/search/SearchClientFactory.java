package com.veza.erasure.activities.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.impl.nio.client.HttpAsyncClientBuilder;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Elasticsearch client from {@link SearchSettings} and closes it again. */
public final class SearchClientFactory {
  private static final Logger LOG = LoggerFactory.getLogger(SearchClientFactory.class);

  /**
   * An unreachable node should fail the activity attempt within seconds so Temporal's backoff, not
   * a socket, decides when to try again.
   */
  static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private SearchClientFactory() {}

  public static ElasticsearchClient create(SearchSettings settings) {
    return create(settings, UnaryOperator.identity());
  }

  /**
   * A client for the configured cluster.
   *
   * @param httpCustomizer applied last to the Apache async client builder (e.g. to add request
   *     interceptors for metrics); must return the builder it was given
   */
  public static ElasticsearchClient create(
      SearchSettings settings, UnaryOperator<HttpAsyncClientBuilder> httpCustomizer) {
    URI uri = URI.create(settings.url());
    int port =
        uri.getPort() != -1
            ? uri.getPort()
            : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 9200;
    RestClientBuilder builder =
        RestClient.builder(new HttpHost(uri.getHost(), port, uri.getScheme()));
    if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
      builder.setPathPrefix(uri.getPath());
    }

    int socketTimeout = (int) settings.requestTimeout().toMillis();
    int connectTimeout = (int) Math.min(MAX_CONNECT_TIMEOUT.toMillis(), socketTimeout);
    builder.setRequestConfigCallback(
        rc ->
            rc.setConnectTimeout(connectTimeout)
                .setConnectionRequestTimeout(connectTimeout)
                .setSocketTimeout(socketTimeout));

    if (settings.apiKey() != null) {
      builder.setDefaultHeaders(
          new Header[] {new BasicHeader("Authorization", "ApiKey " + settings.apiKey())});
    }
    builder.setHttpClientConfigCallback(
        http -> {
          if (settings.apiKey() == null && settings.username() != null) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(
                AuthScope.ANY,
                new UsernamePasswordCredentials(
                    settings.username(), settings.password() == null ? "" : settings.password()));
            http.setDefaultCredentialsProvider(credentials);
          }
          return httpCustomizer.apply(http);
        });

    ObjectMapper objectMapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    RestClientTransport transport =
        new RestClientTransport(builder.build(), new JacksonJsonpMapper(objectMapper));
    return new ElasticsearchClient(transport);
  }

  /** Closes the client's transport and its HTTP connections; never throws. */
  public static void close(ElasticsearchClient client) {
    if (client == null) {
      return;
    }
    try {
      client._transport().close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("closing the Elasticsearch client failed", e);
    }
  }
}

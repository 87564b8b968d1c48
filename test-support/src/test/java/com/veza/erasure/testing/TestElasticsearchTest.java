package com.veza.erasure.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class TestElasticsearchTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void givenTheSharedServer_itIndexesAndGetsADocument() throws Exception {
    TestElasticsearch elasticsearch = TestElasticsearch.shared();
    assertThat(elasticsearch.httpUrl()).endsWith(":" + elasticsearch.port());
    String index = elasticsearch.uniqueIndexName("posts");

    HttpResponse<String> put =
        send(
            HttpRequest.newBuilder(
                    URI.create(elasticsearch.httpUrl() + "/" + index + "/_doc/1?refresh=true"))
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"owner\":\"user-42\",\"text\":\"hi\"}")));
    assertThat(put.statusCode()).isEqualTo(201);

    HttpResponse<String> get =
        send(
            HttpRequest.newBuilder(URI.create(elasticsearch.httpUrl() + "/" + index + "/_doc/1"))
                .GET());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).contains("\"found\":true", "\"owner\":\"user-42\"");
  }

  @Test
  void givenAMissingDistribution_whenStarting_itFailsLoudlyWithTheFix() {
    String original = System.getProperty("veza.es.home");
    System.setProperty("veza.es.home", "/nonexistent/elasticsearch");
    try {
      assertThatThrownBy(TestElasticsearch::esHome)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("/nonexistent/elasticsearch")
          .hasMessageContaining("mvn verify");
    } finally {
      if (original == null) {
        System.clearProperty("veza.es.home");
      } else {
        System.setProperty("veza.es.home", original);
      }
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

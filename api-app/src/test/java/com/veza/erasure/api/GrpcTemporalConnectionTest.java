package com.veza.erasure.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.veza.erasure.activities.db.Migrations;
import com.veza.erasure.testing.FreePorts;
import com.veza.erasure.testing.TestDatabase;
import com.veza.erasure.testing.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.temporal.testserver.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production wiring: the app's own gRPC client to a Temporal server on {@code temporal.target}.
 */
class GrpcTemporalConnectionTest {

  private static TestServer.PortBoundTestServer temporal;
  private static DropwizardTestSupport<ApiConfiguration> app;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    int port = FreePorts.next();
    temporal = TestServer.createPortBoundServer(port, false);
    TestDatabase db =
        TestPostgres.shared()
            .newDatabase("veza-erasure-api-v1", ds -> Migrations.migrate(ds, true));
    app =
        new DropwizardTestSupport<>(
            ApiApplication.class,
            ResourceHelpers.resourceFilePath("api-test.yml"),
            ConfigOverride.config("temporal.target", "127.0.0.1:" + port),
            ConfigOverride.config("database.url", db.jdbcUrl()),
            ConfigOverride.config("database.user", db.user()),
            ConfigOverride.config("database.password", db.password() == null ? "" : db.password()),
            ConfigOverride.config("security.hs256Secret", ApiHarness.SECRET));
    app.before();
  }

  @AfterAll
  static void stop() throws Exception {
    app.after();
    temporal.close();
  }

  @Test
  void givenTheRealGrpcClient_whenCheckingHealth_itReachesTemporal() throws Exception {
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.getAdminPort() + "/healthcheck"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode checks = new ObjectMapper().readTree(health.body());
    assertThat(checks.get("temporal").get("healthy").asBoolean()).as(health.body()).isTrue();
  }

  @Test
  void givenTheRealGrpcClientAndNoDeletion_whenAskingTheStatus_itAnswers404() throws Exception {
    String token = new Tokens(ApiHarness.SECRET, Clock.systemUTC()).user(UUID.randomUUID());
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.getLocalPort() + "/v1/me/deletion"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    assertThat(new ObjectMapper().readTree(response.body()).get("code").asText())
        .isEqualTo("no_deletion");
  }
}

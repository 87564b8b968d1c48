package com.veza.erasure.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.veza.erasure.api.auth.RecentAuthentication;
import com.veza.erasure.api.auth.SecurityFactory;
import com.veza.erasure.api.backfill.AdminBackfillResource;
import com.veza.erasure.api.deletion.AdminDeletionResource;
import com.veza.erasure.api.deletion.Deletions;
import com.veza.erasure.api.deletion.MeDeletionResource;
import com.veza.erasure.api.export.ExportService;
import com.veza.erasure.api.export.MeExportResource;
import com.veza.erasure.api.http.JsonBodies;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The API's resources in memory, behind the auth, body limit and error mappers {@link
 * ApiApplication} registers, over fakes of the services: no Temporal, no PostgreSQL, no port.
 */
final class ApiResources {

  /** Tokens are signed and checked at the same instant; time does not pass in these tests. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

  /** As in api-test.yml. */
  static final long MAX_BODY_BYTES = 16_384;

  static final Tokens TOKENS = new Tokens(ApiHarness.SECRET, CLOCK);

  /** Shared by every extension: tests only check that refused calls never reach it. */
  static final FakeBackfills BACKFILLS = new FakeBackfills();

  private ApiResources() {}

  /**
   * For a static field of a class run with {@code @ExtendWith(DropwizardExtensionsSupport.class)}.
   */
  static ResourceExtension extension(Deletions deletions, ExportService exports) {
    SecurityFactory security = new SecurityFactory();
    security.setHs256Secret(ApiHarness.SECRET);
    security.setIssuer(Tokens.ISSUER);
    ObjectMapper mapper = Jackson.newObjectMapper();
    ApiApplication.configureJson(mapper);
    JsonBodies bodies = new JsonBodies(mapper);
    ResourceExtension.Builder builder =
        ResourceExtension.builder()
            .setMapper(mapper)
            // As the app: only our mappers answer, always in the {"code","message"} shape.
            .setRegisterDefaultExceptionMappers(false)
            .addResource(
                new MeDeletionResource(
                    deletions, new RecentAuthentication(security.getRecentAuth(), CLOCK), bodies))
            .addResource(new AdminDeletionResource(deletions, bodies))
            .addResource(new AdminBackfillResource(BACKFILLS))
            .addResource(new MeExportResource(exports));
    ApiApplication.errorHandling(MAX_BODY_BYTES).forEach(builder::addProvider);
    ApiApplication.auth(security, CLOCK).forEach(builder::addProvider);
    return builder.build();
  }

  /** A request to {@code path}, with {@code Authorization: Bearer <token>} unless it is null. */
  static Invocation.Builder call(ResourceExtension resources, String path, String token) {
    Invocation.Builder request = resources.target(path).request();
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  static Response post(ResourceExtension resources, String path, String token, String json) {
    return call(resources, path, token)
        .post(Entity.entity(json == null ? "" : json, MediaType.APPLICATION_JSON_TYPE));
  }

  /** The answer's JSON body, which every error has. */
  static JsonNode body(Response response) {
    return response.readEntity(JsonNode.class);
  }
}

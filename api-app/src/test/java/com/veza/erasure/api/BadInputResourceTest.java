package com.veza.erasure.api;

import static com.veza.erasure.api.ApiResources.TOKENS;
import static com.veza.erasure.api.ApiResources.body;
import static com.veza.erasure.api.ApiResources.call;
import static com.veza.erasure.api.ApiResources.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad requests against the real resources, body limit and exception mappers, over fake services:
 * each answers a status and a code in the error shape and reaches no service. {@link BadInputTest}
 * runs the same cases against the whole app.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BadInputResourceTest {

  private static final FakeDeletions deletions = new FakeDeletions();
  static final ResourceExtension resources =
      ApiResources.extension(deletions, new FakeExports().service);

  private static void assertError(Response response, int status, String code) {
    try (response) {
      JsonNode body = body(response);
      assertThat(response.getStatus()).as(body.toString()).isEqualTo(status);
      assertThat(body.get("code").asText()).isEqualTo(code);
      assertThat(body.get("message").asText()).isNotBlank();
      assertThat(body.size()).isEqualTo(2);
    }
  }

  @Test
  void givenMalformedJson_whenRequestingADeletion_itAnswers400MalformedJson() {
    UUID user = UUID.randomUUID();
    for (String json :
        List.of(
            "{",
            "{\"keep_public_tracks\": tru}",
            "[]",
            "\"x\"",
            "{\"keep_public_tracks\": \"maybe\"}",
            "{\"keep_public_tracks\": true} {}",
            "{\"keep_public_tracks\": true, \"keep_public_tracks\": false}")) {
      assertError(
          post(resources, "/v1/me/deletion", TOKENS.user(user), json), 400, "malformed_json");
    }
    assertThat(deletions.callsFor(user)).isEmpty();
  }

  @Test
  void givenAnUnknownField_whenRequestingADeletion_itAnswers400UnknownFieldNamingIt() {
    UUID user = UUID.randomUUID();
    try (Response response =
        post(resources, "/v1/me/deletion", TOKENS.user(user), "{\"keepPublicTracks\": true}")) {
      assertThat(response.getStatus()).isEqualTo(400);
      JsonNode body = body(response);
      assertThat(body.get("code").asText()).isEqualTo("unknown_field");
      assertThat(body.get("message").asText()).contains("keepPublicTracks");
    }
    assertError(
        post(
            resources,
            "/v1/admin/users/" + user + "/deletion",
            TOKENS.admin(UUID.randomUUID()),
            "{\"keep_public_tracks\": true, \"user_id\": \"" + UUID.randomUUID() + "\"}"),
        400,
        "unknown_field");
    assertThat(deletions.callsFor(user)).isEmpty();
  }

  @Test
  void givenANonUuidPathId_whenCallingAdminEndpoints_itAnswers400InvalidUserId() {
    String admin = TOKENS.admin(UUID.randomUUID());
    UUID user = UUID.randomUUID();
    for (String id : List.of("nope", "1-1-1-1-1", user.toString() + "0", "%20" + user)) {
      assertError(
          post(resources, "/v1/admin/users/" + id + "/deletion", admin, null),
          400,
          "invalid_user_id");
      assertError(
          post(resources, "/v1/admin/users/" + id + "/deletion/retry", admin, null),
          400,
          "invalid_user_id");
      assertError(
          call(resources, "/v1/admin/users/" + id + "/deletion", admin).get(),
          400,
          "invalid_user_id");
    }
    assertThat(deletions.calls()).noneMatch(c -> c.method().equals("retry"));
    assertThat(deletions.calls()).noneMatch(c -> c.method().equals("adminView"));
  }

  @Test
  void givenABodyOverTheLimit_whenRequestingADeletion_itAnswers413BodyTooLarge() {
    UUID user = UUID.randomUUID();
    String big = "{\"keep_public_tracks\": true" + " ".repeat(17_000) + "}";
    assertError(post(resources, "/v1/me/deletion", TOKENS.user(user), big), 413, "body_too_large");
    assertThat(deletions.callsFor(user)).isEmpty();

    // At the limit it is just JSON again.
    String atLimit =
        "{\"keep_public_tracks\": true" + " ".repeat((int) ApiResources.MAX_BODY_BYTES - 28) + "}";
    assertThat(atLimit.length()).isEqualTo(ApiResources.MAX_BODY_BYTES);
    try (Response response = post(resources, "/v1/me/deletion", TOKENS.user(user), atLimit)) {
      assertThat(response.getStatus()).isEqualTo(202);
    }
    assertThat(deletions.callsFor(user)).hasSize(1);
  }

  @Test
  void givenInvalidListParameters_whenListingDeletions_itAnswers400WithTheParametersCode() {
    String admin = TOKENS.admin(UUID.randomUUID());
    assertError(list(admin, "phase", "DONE"), 400, "invalid_phase");
    assertError(list(admin, "limit", "0"), 400, "invalid_limit");
    assertError(list(admin, "limit", "abc"), 400, "invalid_limit");
    assertError(list(admin, "after", "-1"), 400, "invalid_cursor");
    assertThat(deletions.calls()).noneMatch(c -> c.method().equals("list"));
  }

  private static Response list(String token, String parameter, String value) {
    return resources
        .target("/v1/admin/deletions")
        .queryParam(parameter, value)
        .request()
        .header("Authorization", "Bearer " + token)
        .get();
  }

  @Test
  void givenAnUnknownPathOrMethod_whenCalled_itAnswersInTheErrorShape() {
    String token = TOKENS.user(UUID.randomUUID());
    assertError(call(resources, "/v1/nothing-here", token).get(), 404, "not_found");
    assertError(call(resources, "/v1/me/deletion", token).delete(), 405, "method_not_allowed");
  }

  @Test
  void givenAFailingService_whenRequestingADeletion_itAnswers500WithoutTheFailuresText() {
    UUID user = UUID.randomUUID();
    deletions.failFor(user, new IllegalStateException("connection to 10.0.0.7 refused"));
    try (Response response =
        post(resources, "/v1/me/deletion", TOKENS.user(user), "{\"keep_public_tracks\": true}")) {
      assertThat(response.getStatus()).isEqualTo(500);
      JsonNode body = body(response);
      assertThat(body.get("code").asText()).isEqualTo("internal");
      assertThat(body.toString()).doesNotContain("10.0.0.7");
    }
  }
}

package com.veza.erasure.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.api.ApiHarness.Reply;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rejected requests answer a status and a code, and start nothing. */
class BadInputTest {

  @RegisterExtension static final ApiHarness api = new ApiHarness();

  private static void assertNothingChanged(UUID user) {
    assertThat(api.get("/v1/me/deletion", api.tokens.user(user)).code()).isEqualTo("no_deletion");
    assertThat(api.deletedAt(user)).isNull();
    assertThat(api.ledgerRows(user)).isZero();
  }

  private static void assertError(Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
    assertThat(reply.code()).isEqualTo(code);
    assertThat(reply.body().get("message").asText()).isNotBlank();
    assertThat(reply.body().size()).isEqualTo(2);
  }

  @Test
  void givenMalformedJson_whenRequestingADeletion_itAnswers400() {
    UUID user = api.newUser();
    for (String body :
        List.of(
            "{",
            "{\"keep_public_tracks\": tru}",
            "[]",
            "\"x\"",
            "{\"keep_public_tracks\": \"maybe\"}",
            "{\"keep_public_tracks\": true} {}",
            "{\"keep_public_tracks\": true, \"keep_public_tracks\": false}")) {
      assertError(api.post("/v1/me/deletion", api.tokens.user(user), body), 400, "malformed_json");
    }
    assertNothingChanged(user);
  }

  @Test
  void givenAnUnknownField_whenRequestingADeletion_itAnswers400() {
    UUID user = api.newUser();
    Reply reply =
        api.post("/v1/me/deletion", api.tokens.user(user), "{\"keepPublicTracks\": true}");
    assertError(reply, 400, "unknown_field");
    assertThat(reply.body().get("message").asText()).contains("keepPublicTracks");
    assertNothingChanged(user);

    UUID admin = UUID.randomUUID();
    assertError(
        api.post(
            "/v1/admin/users/" + user + "/deletion",
            api.tokens.admin(admin),
            "{\"keep_public_tracks\": true, \"user_id\": \"" + UUID.randomUUID() + "\"}"),
        400,
        "unknown_field");
    assertNothingChanged(user);
  }

  @Test
  void givenABadUuidInThePath_whenCallingAdminEndpoints_itAnswers400() {
    UUID user = api.newUser();
    String admin = api.tokens.admin(UUID.randomUUID());
    for (String id : List.of("nope", "1-1-1-1-1", user.toString() + "0", "%20" + user)) {
      assertError(
          api.post("/v1/admin/users/" + id + "/deletion", admin, null), 400, "invalid_user_id");
      assertError(
          api.post("/v1/admin/users/" + id + "/deletion/retry", admin, null),
          400,
          "invalid_user_id");
      assertError(api.get("/v1/admin/users/" + id + "/deletion", admin), 400, "invalid_user_id");
    }
    assertNothingChanged(user);
  }

  @Test
  void givenAnOversizedBody_whenPosting_itAnswers413ByContentLengthAndByCounting() {
    UUID user = api.newUser();
    String big = "{\"keep_public_tracks\": true" + " ".repeat(17_000) + "}";
    assertError(api.post("/v1/me/deletion", api.tokens.user(user), big), 413, "body_too_large");

    // Chunked: no Content-Length to trust, the bytes are counted.
    HttpRequest.BodyPublisher chunked = new UnknownLength(big.getBytes(StandardCharsets.UTF_8));
    Reply reply =
        api.send(
            api.request("/v1/me/deletion", api.tokens.user(user))
                .header("Content-Type", "application/json")
                .POST(chunked));
    assertError(reply, 413, "body_too_large");
    assertNothingChanged(user);

    // At the limit it is just JSON again.
    String atLimit = "{\"keep_public_tracks\": true" + " ".repeat(16384 - 28) + "}";
    assertThat(atLimit.length()).isEqualTo(16384);
    assertThat(api.post("/v1/me/deletion", api.tokens.user(user), atLimit).status()).isEqualTo(202);
  }

  @Test
  void givenInvalidListParameters_whenListingDeletions_itAnswers400() {
    String admin = api.tokens.admin(UUID.randomUUID());
    assertError(api.get("/v1/admin/deletions?phase=DONE", admin), 400, "invalid_phase");
    assertError(api.get("/v1/admin/deletions?limit=0", admin), 400, "invalid_limit");
    assertError(api.get("/v1/admin/deletions?limit=abc", admin), 400, "invalid_limit");
    assertError(api.get("/v1/admin/deletions?after=-1", admin), 400, "invalid_cursor");
  }

  @Test
  void givenAnUnknownPathOrMethod_whenCalled_itAnswersInTheErrorShape() {
    String token = api.tokens.user(UUID.randomUUID());
    assertError(api.get("/v1/nothing-here", token), 404, "not_found");
    Reply delete = api.send(api.request("/v1/me/deletion", token).DELETE());
    assertError(delete, 405, "method_not_allowed");
  }

  /** A body publisher that does not announce its length, so the client sends it chunked. */
  @SuppressWarnings("ArrayRecordComponent") // a test body, never compared or hashed
  private record UnknownLength(byte[] bytes) implements HttpRequest.BodyPublisher {
    @Override
    public long contentLength() {
      return -1;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
      HttpRequest.BodyPublishers.ofByteArray(bytes).subscribe(subscriber);
    }
  }
}

package com.veza.erasure.api;

import static com.veza.erasure.api.ApiResources.TOKENS;
import static com.veza.erasure.api.ApiResources.body;
import static com.veza.erasure.api.ApiResources.call;
import static com.veza.erasure.api.ApiResources.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real token check and role check in front of the real resources, over fake services: every
 * refusal answers in the error shape and reaches no service. {@link AuthTest} runs the same cases
 * against the whole app; these run in milliseconds, without Temporal or PostgreSQL.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthResourceTest {

  private static final FakeDeletions deletions = new FakeDeletions();
  private static final FakeExports exports = new FakeExports();
  static final ResourceExtension resources = ApiResources.extension(deletions, exports.service);

  private static void assertRefused(UUID user, String token, int status, String code) {
    try (Response response =
        post(resources, "/v1/me/deletion", token, "{\"keep_public_tracks\": false}")) {
      assertThat(response.getStatus()).as("status").isEqualTo(status);
      assertErrorShape(body(response), code);
      if (status == 401) {
        assertThat(response.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"veza\"");
      }
    }
    assertThat(deletions.callsFor(user)).isEmpty();
  }

  private static void assertErrorShape(JsonNode body, String code) {
    assertThat(body.get("code").asText()).isEqualTo(code);
    assertThat(body.get("message").asText()).isNotBlank();
    assertThat(body.size()).isEqualTo(2);
  }

  @Test
  void givenNoToken_whenRequestingADeletion_itAnswers401Unauthorized() {
    assertRefused(UUID.randomUUID(), null, 401, "unauthorized");
    try (Response basic =
        call(resources, "/v1/me/deletion", null).header("Authorization", "Basic dTpw").get()) {
      assertThat(basic.getStatus()).isEqualTo(401);
      assertErrorShape(body(basic), "unauthorized");
    }
    assertThat(deletions.calls()).noneMatch(c -> c.method().equals("status"));
  }

  @Test
  void givenAMalformedToken_whenRequestingADeletion_itAnswers401Unauthorized() {
    UUID user = UUID.randomUUID();
    assertRefused(user, "not-a-jwt", 401, "unauthorized");
    assertRefused(user, "a.b.c", 401, "unauthorized");
  }

  @Test
  void givenAForgedSignature_whenRequestingADeletion_itAnswers401Unauthorized() {
    UUID user = UUID.randomUUID();
    JWTClaimsSet claims = TOKENS.claims(user, List.of()).build();
    assertRefused(
        user,
        TOKENS.hs256WithSecret("another-secret-another-secret-another", claims),
        401,
        "unauthorized");
  }

  @Test
  void givenAnExpiredToken_whenRequestingADeletion_itAnswers401Unauthorized() {
    UUID user = UUID.randomUUID();
    assertRefused(
        user,
        TOKENS.user(
            user, c -> c.expirationTime(Date.from(TOKENS.now().minus(Duration.ofMinutes(5))))),
        401,
        "unauthorized");
    assertRefused(user, TOKENS.user(user, c -> c.expirationTime(null)), 401, "unauthorized");
  }

  @Test
  void givenATokenFromAnotherIssuer_whenRequestingADeletion_itAnswers401Unauthorized() {
    UUID user = UUID.randomUUID();
    assertRefused(
        user, TOKENS.user(user, c -> c.issuer("https://evil.example")), 401, "unauthorized");
    assertRefused(user, TOKENS.user(user, c -> c.issuer(null)), 401, "unauthorized");
  }

  @Test
  void givenANonUuidSubject_whenRequestingADeletion_itAnswers401Unauthorized() {
    UUID user = UUID.randomUUID();
    assertRefused(user, TOKENS.user(user, c -> c.subject("alice")), 401, "unauthorized");
  }

  @Test
  void givenAStaleLogin_whenRequestingADeletion_itAnswers401ReauthenticationRequired() {
    UUID user = UUID.randomUUID();
    long stale = TOKENS.now().minus(Duration.ofMinutes(11)).getEpochSecond();
    assertRefused(
        user,
        TOKENS.user(user, c -> c.claim("auth_time", stale)),
        401,
        "reauthentication_required");
  }

  @Test
  void givenAUserToken_whenCallingAdminEndpoints_itAnswers403Forbidden() {
    UUID target = UUID.randomUUID();
    String token = TOKENS.user(UUID.randomUUID());
    int backfillCalls = ApiResources.BACKFILLS.calls.get();
    List<Response> replies =
        List.of(
            call(resources, "/v1/admin/deletions", token).get(),
            call(resources, "/v1/admin/users/" + target + "/deletion", token).get(),
            post(resources, "/v1/admin/users/" + target + "/deletion", token, null),
            post(resources, "/v1/admin/users/" + target + "/deletion/retry", token, null),
            post(resources, "/v1/admin/backfill", token, null));
    for (Response reply : replies) {
      try (reply) {
        assertThat(reply.getStatus()).isEqualTo(403);
        assertErrorShape(body(reply), "forbidden");
      }
    }
    assertThat(deletions.callsFor(target)).isEmpty();
    assertThat(deletions.calls()).noneMatch(c -> c.method().equals("list"));
    assertThat(ApiResources.BACKFILLS.calls.get()).isEqualTo(backfillCalls);
  }

  @Test
  void givenAValidUserToken_whenRequestingADeletion_itReachesTheServiceAsThatUser() {
    UUID user = UUID.randomUUID();
    try (Response response =
        post(resources, "/v1/me/deletion", TOKENS.user(user), "{\"keep_public_tracks\": true}")) {
      assertThat(response.getStatus()).isEqualTo(202);
      assertThat(response.getHeaderString("Location")).endsWith("/v1/me/deletion");
      assertThat(body(response).get("workflow_id").asText()).isEqualTo("account-deletion-" + user);
    }
    assertThat(deletions.callsFor(user))
        .containsExactly(new FakeDeletions.Call("request", user, "keep=true by=user"));
  }

  @Test
  void givenAnAdminToken_whenRequestingAUsersDeletion_itReachesTheServiceAsTheAdmin() {
    UUID admin = UUID.randomUUID();
    UUID user = UUID.randomUUID();
    try (Response response =
        post(resources, "/v1/admin/users/" + user + "/deletion", TOKENS.admin(admin), null)) {
      assertThat(response.getStatus()).isEqualTo(202);
    }
    assertThat(deletions.callsFor(user))
        .containsExactly(new FakeDeletions.Call("request", user, "keep=false by=admin:" + admin));
  }

  @Test
  void givenNoToken_whenCallingExportEndpoints_itAnswers401AndStartsNothing() {
    UUID someone = UUID.randomUUID();
    for (Response reply :
        List.of(
            post(resources, "/v1/me/export", null, null),
            call(resources, "/v1/me/exports", null).get(),
            call(resources, "/v1/me/exports/" + someone + "/download", null).get())) {
      try (reply) {
        assertThat(reply.getStatus()).isEqualTo(401);
        assertErrorShape(body(reply), "unauthorized");
      }
    }
  }

  @Test
  void givenAValidUserToken_whenRequestingAnExport_itStartsOneForThatUser() {
    UUID user = UUID.randomUUID();
    try (Response response = post(resources, "/v1/me/export", TOKENS.user(user), null)) {
      assertThat(response.getStatus()).isEqualTo(202);
    }
    assertThat(exports.startedFor(user)).hasSize(1);
  }
}

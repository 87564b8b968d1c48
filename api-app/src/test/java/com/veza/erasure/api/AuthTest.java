package com.veza.erasure.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.veza.erasure.api.ApiHarness.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every way a token can be refused answers the right status and code, and changes nothing. */
class AuthTest {

  @RegisterExtension static final ApiHarness api = new ApiHarness();

  private static void assertRefused(UUID user, String token, int status, String code) {
    Reply reply = api.post("/v1/me/deletion", token, "{\"keep_public_tracks\": false}");
    assertThat(reply.status()).as("status").isEqualTo(status);
    assertThat(reply.code()).isEqualTo(code);
    assertThat(reply.body().get("message").asText()).isNotBlank();
    assertNothingChanged(user);
  }

  private static void assertNothingChanged(UUID user) {
    assertThat(api.get("/v1/me/deletion", api.tokens.user(user)).code()).isEqualTo("no_deletion");
    assertThat(api.deletedAt(user)).isNull();
    assertThat(api.ledgerRows(user)).isZero();
  }

  @Test
  void givenNoToken_whenCallingAnEndpoint_itAnswers401() {
    UUID user = api.newUser();
    assertRefused(user, null, 401, "unauthorized");
    Reply reply =
        api.send(api.request("/v1/me/deletion", null).header("Authorization", "Basic dTpw").GET());
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.raw().headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void givenAMalformedToken_whenCallingAnEndpoint_itAnswers401() {
    UUID user = api.newUser();
    assertRefused(user, "not-a-jwt", 401, "unauthorized");
    assertRefused(user, "a.b.c", 401, "unauthorized");
  }

  @Test
  void givenAForgedSignature_whenCallingAnEndpoint_itAnswers401() {
    UUID user = api.newUser();
    JWTClaimsSet claims = api.tokens.claims(user, List.of("admin")).build();
    assertRefused(
        user,
        api.tokens.hs256WithSecret("another-secret-another-secret-another", claims),
        401,
        "unauthorized");
    // A valid token whose payload was swapped keeps its old signature.
    String valid = api.tokens.user(api.newUser());
    String[] parts = valid.split("\\.", -1);
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
    assertRefused(user, parts[0] + "." + payload + "." + parts[2], 401, "unauthorized");
  }

  @Test
  void givenAnUnsignedToken_whenCallingAnEndpoint_itAnswers401() {
    UUID user = api.newUser();
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                api.tokens
                    .claims(user, List.of())
                    .build()
                    .toString()
                    .getBytes(StandardCharsets.UTF_8));
    assertRefused(user, header + "." + payload + ".", 401, "unauthorized");
  }

  @Test
  void givenAnExpiredTokenOrNoExp_whenCallingAnEndpoint_itAnswers401() {
    UUID user = api.newUser();
    assertRefused(
        user,
        api.tokens.user(
            user, c -> c.expirationTime(Date.from(api.tokens.now().minus(Duration.ofMinutes(5))))),
        401,
        "unauthorized");
    assertRefused(user, api.tokens.user(user, c -> c.expirationTime(null)), 401, "unauthorized");
  }

  @Test
  void givenATokenNotYetValid_whenCallingAnEndpoint_itAnswers401() {
    UUID user = api.newUser();
    assertRefused(
        user,
        api.tokens.user(
            user, c -> c.notBeforeTime(Date.from(api.tokens.now().plus(Duration.ofMinutes(10))))),
        401,
        "unauthorized");
    assertRefused(
        user,
        api.tokens.user(
            user, c -> c.issueTime(Date.from(api.tokens.now().plus(Duration.ofMinutes(10))))),
        401,
        "unauthorized");
  }

  @Test
  void givenAWrongIssuer_whenCallingAnEndpoint_itAnswers401() {
    UUID user = api.newUser();
    assertRefused(
        user, api.tokens.user(user, c -> c.issuer("https://evil.example")), 401, "unauthorized");
    assertRefused(user, api.tokens.user(user, c -> c.issuer(null)), 401, "unauthorized");
  }

  @Test
  void givenATokenForAnotherAudience_whenCallingAnEndpoint_itAnswers401() {
    UUID user = api.newUser();
    assertRefused(
        user, api.tokens.user(user, c -> c.audience("veza-billing")), 401, "unauthorized");
    assertRefused(
        user,
        api.tokens.user(user, c -> c.audience(List.of("veza-billing", "veza-search"))),
        401,
        "unauthorized");
  }

  @Test
  void givenATokenWithoutAudience_whenCallingAnEndpoint_itAnswers401() {
    UUID user = api.newUser();
    assertRefused(user, api.tokens.user(user, c -> c.audience((String) null)), 401, "unauthorized");
  }

  @Test
  void givenAnAdminTokenForAnotherAudience_whenCallingAdminEndpoints_itAnswers401() {
    UUID admin = UUID.randomUUID();
    UUID target = api.newUser();
    JWTClaimsSet billingAdmin =
        api.tokens.claims(admin, List.of("admin")).audience("veza-billing").build();
    for (String token : List.of(api.tokens.hs256(billingAdmin), api.tokens.rs256(billingAdmin))) {
      for (Reply reply :
          List.of(
              api.get("/v1/admin/deletions", token),
              api.get("/v1/admin/users/" + target + "/deletion", token),
              api.post("/v1/admin/users/" + target + "/deletion", token, null))) {
        assertThat(reply.status()).as("status").isEqualTo(401);
        assertThat(reply.code()).isEqualTo("unauthorized");
      }
    }
    assertNothingChanged(target);
  }

  @Test
  void givenATokenCarryingOurAudience_whenCallingAnEndpoint_itIsAccepted() {
    UUID user = api.newUser();
    // aud may be a list: a token for several services, this one among them.
    String token = api.tokens.user(user, c -> c.audience(List.of("veza-billing", Tokens.AUDIENCE)));
    assertThat(api.get("/v1/me/deletion", token).code()).isEqualTo("no_deletion");
    UUID admin = UUID.randomUUID();
    assertThat(
            api.get(
                    "/v1/admin/deletions",
                    api.tokens.rs256(api.tokens.claims(admin, List.of("admin")).build()))
                .status())
        .isEqualTo(200);
  }

  @Test
  void givenANonUuidSubject_whenCallingAnEndpoint_itAnswers401() {
    UUID user = api.newUser();
    assertRefused(user, api.tokens.user(user, c -> c.subject("alice")), 401, "unauthorized");
    assertRefused(user, api.tokens.user(user, c -> c.subject("1-1-1-1-1")), 401, "unauthorized");
    assertRefused(user, api.tokens.user(user, c -> c.subject(null)), 401, "unauthorized");
  }

  @Test
  void givenAStaleOrNoAuthTime_whenMakingADestructiveCall_itAnswers401ReauthenticationRequired() {
    UUID user = api.newUser();
    long stale = api.tokens.now().minus(Duration.ofMinutes(11)).getEpochSecond();
    assertRefused(
        user,
        api.tokens.user(user, c -> c.claim("auth_time", stale)),
        401,
        "reauthentication_required");
    assertRefused(
        user,
        api.tokens.user(user, c -> c.claim("auth_time", null)),
        401,
        "reauthentication_required");

    // Reading needs no recent login; recovering does.
    assertThat(api.post("/v1/me/deletion", api.tokens.user(user), null).status()).isEqualTo(202);
    String staleToken = api.tokens.user(user, c -> c.claim("auth_time", stale));
    assertThat(api.get("/v1/me/deletion", staleToken).status()).isEqualTo(200);
    Reply recover = api.post("/v1/me/deletion/recover", staleToken, null);
    assertThat(recover.status()).isEqualTo(401);
    assertThat(recover.code()).isEqualTo("reauthentication_required");
    api.env().sleep(Duration.ofMinutes(1));
    assertThat(api.get("/v1/me/deletion", api.tokens.user(user)).body().get("phase").asText())
        .isEqualTo("SCHEDULED");
  }

  @Test
  void givenAUserToken_whenCallingAdminEndpoints_itAnswers403() {
    UUID user = api.newUser();
    UUID target = api.newUser();
    String token = api.tokens.user(user);
    for (Reply reply :
        List.of(
            api.get("/v1/admin/deletions", token),
            api.get("/v1/admin/users/" + target + "/deletion", token),
            api.post("/v1/admin/users/" + target + "/deletion", token, null),
            api.post("/v1/admin/users/" + target + "/deletion/retry", token, null))) {
      assertThat(reply.status()).isEqualTo(403);
      assertThat(reply.code()).isEqualTo("forbidden");
    }
    assertNothingChanged(target);
    assertThat(api.get("/v1/admin/deletions", null).status()).isEqualTo(401);
  }

  @Test
  void givenAnRs256TokenFromAConfiguredKey_whenCallingAnEndpoint_itIsAccepted() {
    UUID admin = UUID.randomUUID();
    String token = api.tokens.rs256(api.tokens.claims(admin, List.of("admin")).build());
    assertThat(api.get("/v1/admin/deletions", token).status()).isEqualTo(200);
    // An RS256 header over an HMAC signature with the public key as secret is the classic confusion
    // attack.
    String forged =
        api.tokens.hs256WithSecret(
            "-----BEGIN PUBLIC KEY-----MIIBIjANBgkqhkiG9w0BAQEFAAOC",
            api.tokens.claims(admin, List.of("admin")).build());
    assertThat(api.get("/v1/admin/deletions", forged).status()).isEqualTo(401);
  }
}

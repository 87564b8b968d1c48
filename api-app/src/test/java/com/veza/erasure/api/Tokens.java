package com.veza.erasure.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.veza.erasure.api.auth.VezaPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Signs test tokens the way Veza's identity service would, on the app's clock. */
public final class Tokens {

  public static final String ISSUER = "https://id.veza.test";

  /** The api-app's {@code security.audience} in api-test.yml. */
  public static final String AUDIENCE = "veza-erasure";

  private final String secret;
  private final Clock clock;

  public Tokens(String secret, Clock clock) {
    this.secret = secret;
    this.clock = clock;
  }

  /** A user who just logged in. */
  public String user(UUID userId) {
    return hs256(claims(userId, List.of()).build());
  }

  public String admin(UUID adminId) {
    return hs256(claims(adminId, List.of(VezaPrincipal.ADMIN)).build());
  }

  /** A user token with some claims changed. */
  public String user(UUID userId, Consumer<JWTClaimsSet.Builder> change) {
    JWTClaimsSet.Builder claims = claims(userId, List.of());
    change.accept(claims);
    return hs256(claims.build());
  }

  public JWTClaimsSet.Builder claims(UUID userId, List<String> roles) {
    Instant now = clock.instant();
    return new JWTClaimsSet.Builder()
        .subject(userId.toString())
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
        .claim("roles", roles)
        .claim("auth_time", now.getEpochSecond());
  }

  public Instant now() {
    return clock.instant();
  }

  public String hs256(JWTClaimsSet claims) {
    return sign(JWSAlgorithm.HS256, macSigner(secret), claims);
  }

  public String hs256WithSecret(String otherSecret, JWTClaimsSet claims) {
    return sign(JWSAlgorithm.HS256, macSigner(otherSecret), claims);
  }

  public String rs256(JWTClaimsSet claims) {
    return sign(JWSAlgorithm.RS256, new RSASSASigner(testPrivateKey()), claims);
  }

  private static JWSSigner macSigner(String key) {
    try {
      return new MACSigner(key.getBytes(StandardCharsets.UTF_8));
    } catch (JOSEException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String sign(JWSAlgorithm alg, JWSSigner signer, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PrivateKey testPrivateKey() {
    try (InputStream in = Tokens.class.getResourceAsStream("/rs256-test-private.pem")) {
      String pem =
          new String(in.readAllBytes(), StandardCharsets.US_ASCII)
              .replace("-----BEGIN PRIVATE KEY-----", "")
              .replace("-----END PRIVATE KEY-----", "")
              .replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

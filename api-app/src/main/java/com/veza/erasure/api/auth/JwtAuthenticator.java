package com.veza.erasure.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.veza.erasure.common.UserIds;
import io.dropwizard.auth.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a bearer JWT: HS256 with the configured secret, or RS256 with one of the configured
 * public keys; {@code exp} required, {@code nbf}/{@code iat} checked when present, {@code iss} and
 * {@code aud} when configured; {@code sub} must be a UUID. Any failure is an empty result (401),
 * with no detail to the caller.
 */
public final class JwtAuthenticator implements Authenticator<String, VezaPrincipal> {

  private static final Logger log = LoggerFactory.getLogger(JwtAuthenticator.class);

  /** Tolerated clock difference between the token issuer and this service. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  private final JWSVerifier hmac;
  private final List<JWSVerifier> rsa;
  private final DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier;
  private final Clock clock;

  public JwtAuthenticator(SecurityFactory security, Clock clock) {
    try {
      this.hmac = new MACVerifier(security.getHs256Secret().getBytes(StandardCharsets.UTF_8));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("security.hs256Secret is not a usable HS256 key", e);
    }
    this.rsa = new ArrayList<>();
    for (RSAPublicKey key : security.rsaPublicKeys()) {
      rsa.add(new RSASSAVerifier(key));
    }
    this.claimsVerifier = claimsVerifier(security, clock);
    this.clock = clock;
  }

  /**
   * exp, nbf, iss and aud by nimbus's own rules, on the app's clock (tests skip time) with our
   * skew. With an audience configured, a token minted for another service that shares the secret or
   * the identity provider fails here, admin role or not.
   */
  private static DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(
      SecurityFactory security, Clock clock) {
    Set<String> audience = security.getAudience() == null ? null : Set.of(security.getAudience());
    JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
    if (security.getIssuer() != null) {
      exact.issuer(security.getIssuer());
    }
    DefaultJWTClaimsVerifier<SecurityContext> verifier =
        new DefaultJWTClaimsVerifier<>(
            audience, exact.build(), Set.of(JWTClaimNames.EXPIRATION_TIME), null) {
          @Override
          protected Date currentTime() {
            return Date.from(clock.instant());
          }
        };
    verifier.setMaxClockSkew(Math.toIntExact(CLOCK_SKEW.toSeconds()));
    return verifier;
  }

  @Override
  public Optional<VezaPrincipal> authenticate(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!signatureValid(jwt)) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      claimsVerifier.verify(claims, null);
      return principal(claims);
    } catch (ParseException | JOSEException | BadJWTException | RuntimeException e) {
      log.debug("bearer token rejected: {}", e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  private boolean signatureValid(SignedJWT jwt) throws JOSEException {
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    // Pinned per key type: an RS256 public key is never tried as an HMAC secret, and "none" never
    // passes.
    if (JWSAlgorithm.HS256.equals(alg)) {
      return jwt.verify(hmac);
    }
    if (JWSAlgorithm.RS256.equals(alg)) {
      for (JWSVerifier verifier : rsa) {
        if (jwt.verify(verifier)) {
          return true;
        }
      }
    }
    return false;
  }

  private Optional<VezaPrincipal> principal(JWTClaimsSet claims) throws ParseException {
    // The claims verifier leaves iat alone; one from the future means a broken or forged issuer.
    Date iat = claims.getIssueTime();
    if (iat != null && iat.toInstant().isAfter(clock.instant().plus(CLOCK_SKEW))) {
      return Optional.empty();
    }
    Optional<UUID> userId = UserIds.tryParse(claims.getSubject());
    if (userId.isEmpty()) {
      return Optional.empty();
    }
    List<String> roleList = claims.getStringListClaim("roles");
    Set<String> roles = roleList == null ? Set.of() : new HashSet<>(roleList);
    roles.remove(null);
    Long authTime = claims.getLongClaim("auth_time");
    return Optional.of(
        new VezaPrincipal(
            userId.get(), roles, authTime == null ? null : Instant.ofEpochSecond(authTime)));
  }
}

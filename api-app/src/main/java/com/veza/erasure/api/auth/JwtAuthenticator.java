package com.veza.erasure.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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
 * public keys; {@code exp} required, {@code nbf}/{@code iat} checked when present, {@code iss} when
 * configured; {@code sub} must be a UUID. Any failure is an empty result (401), with no detail to
 * the caller.
 */
public final class JwtAuthenticator implements Authenticator<String, VezaPrincipal> {

  private static final Logger log = LoggerFactory.getLogger(JwtAuthenticator.class);

  /** Tolerated clock difference between the token issuer and this service. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  private final JWSVerifier hmac;
  private final List<JWSVerifier> rsa;
  private final String issuer;
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
    this.issuer = security.getIssuer();
    this.clock = clock;
  }

  @Override
  public Optional<VezaPrincipal> authenticate(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!signatureValid(jwt)) {
        return Optional.empty();
      }
      return principal(jwt.getJWTClaimsSet());
    } catch (ParseException | JOSEException | RuntimeException e) {
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
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null || !now.isBefore(exp.toInstant().plus(CLOCK_SKEW))) {
      return Optional.empty();
    }
    if (notYet(claims.getNotBeforeTime(), now) || notYet(claims.getIssueTime(), now)) {
      return Optional.empty();
    }
    if (issuer != null && !issuer.equals(claims.getIssuer())) {
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

  private static boolean notYet(Date claim, Instant now) {
    return claim != null && claim.toInstant().isAfter(now.plus(CLOCK_SKEW));
  }
}

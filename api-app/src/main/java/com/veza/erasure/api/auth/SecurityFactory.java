package com.veza.erasure.api.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code security} block: how bearer tokens are checked. */
public class SecurityFactory {

  /** From {@code JWT_HS256_SECRET} only; never written in a YAML file. */
  private String hs256Secret;

  /** PEM ({@code -----BEGIN PUBLIC KEY-----}) keys for RS256 tokens from an identity provider. */
  @NotNull private List<String> rs256PublicKeys = new ArrayList<>();

  /** When set, a token's {@code iss} must equal it. */
  private String issuer;

  /**
   * When set, a token's {@code aud} must contain it: the secret and the identity provider may be
   * shared with other services, the audience names this one.
   */
  private String audience;

  /** How recent {@code auth_time} must be for a destructive call on the user's own account. */
  @NotNull private Duration recentAuth = Duration.ofMinutes(10);

  /** HS256 needs a key at least as long as the hash (RFC 7518 §3.2): 32 bytes. */
  @ValidationMethod(message = "security.hs256Secret (JWT_HS256_SECRET) must be at least 32 bytes")
  @JsonIgnore
  public boolean isHs256SecretLongEnough() {
    return hs256Secret != null && hs256Secret.getBytes(StandardCharsets.UTF_8).length >= 32;
  }

  @ValidationMethod(message = "security.rs256PublicKeys must be PEM-encoded RSA public keys")
  @JsonIgnore
  public boolean isRs256PublicKeysParseable() {
    try {
      rsaPublicKeys();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * An identity provider signs tokens for every service it serves; without {@code iss} pinned, a
   * token from any other provider whose key is listed would pass for ours.
   */
  @ValidationMethod(
      message =
          "security.issuer (JWT_ISSUER) is required when security.rs256PublicKeys are configured")
  @JsonIgnore
  public boolean isIssuerSetForRs256Keys() {
    return rs256PublicKeys == null || rs256PublicKeys.isEmpty() || issuer != null;
  }

  @ValidationMethod(message = "security.recentAuth must be positive")
  @JsonIgnore
  public boolean isRecentAuthPositive() {
    return recentAuth != null && !recentAuth.isNegative() && !recentAuth.isZero();
  }

  public List<RSAPublicKey> rsaPublicKeys() {
    List<RSAPublicKey> keys = new ArrayList<>();
    for (String pem : rs256PublicKeys) {
      keys.add(PemKeys.rsaPublicKey(pem));
    }
    return keys;
  }

  @JsonProperty
  public String getHs256Secret() {
    return hs256Secret;
  }

  @JsonProperty
  public void setHs256Secret(String hs256Secret) {
    this.hs256Secret = hs256Secret;
  }

  @JsonProperty
  public List<String> getRs256PublicKeys() {
    return rs256PublicKeys;
  }

  @JsonProperty
  public void setRs256PublicKeys(List<String> rs256PublicKeys) {
    this.rs256PublicKeys = rs256PublicKeys == null ? new ArrayList<>() : rs256PublicKeys;
  }

  @JsonProperty
  public String getIssuer() {
    return issuer;
  }

  @JsonProperty
  public void setIssuer(String issuer) {
    this.issuer = issuer == null || issuer.isBlank() ? null : issuer;
  }

  @JsonProperty
  public String getAudience() {
    return audience;
  }

  @JsonProperty
  public void setAudience(String audience) {
    this.audience = audience == null || audience.isBlank() ? null : audience;
  }

  @JsonProperty
  public Duration getRecentAuth() {
    return recentAuth;
  }

  @JsonProperty
  public void setRecentAuth(Duration recentAuth) {
    this.recentAuth = recentAuth;
  }
}

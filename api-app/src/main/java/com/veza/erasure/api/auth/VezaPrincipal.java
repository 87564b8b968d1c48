package com.veza.erasure.api.auth;

import java.security.Principal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The caller, from a verified bearer token.
 *
 * @param userId the token's {@code sub}
 * @param roles the token's {@code roles}; {@code admin} opens {@code /v1/admin/*}
 * @param authTime when the user last entered credentials ({@code auth_time}), null if not stated
 */
public record VezaPrincipal(UUID userId, Set<String> roles, Instant authTime) implements Principal {

  public static final String ADMIN = "admin";

  public VezaPrincipal {
    roles = Set.copyOf(roles);
  }

  @Override
  public String getName() {
    return userId.toString();
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}

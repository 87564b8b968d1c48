package com.veza.erasure.api.auth;

import com.veza.erasure.api.http.ApiException;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Destructive calls on the user's own account need a recent login ({@code auth_time}), so a token
 * lifted from an idle session cannot delete an account or undo a deletion.
 */
public final class RecentAuthentication {

  private final Duration maxAge;
  private final Clock clock;

  public RecentAuthentication(Duration maxAge, Clock clock) {
    this.maxAge = maxAge;
    this.clock = clock;
  }

  public void require(VezaPrincipal principal) {
    Instant authTime = principal.authTime();
    Instant now = clock.instant();
    boolean fresh =
        authTime != null
            && !authTime.isBefore(now.minus(maxAge))
            && !authTime.isAfter(now.plus(JwtAuthenticator.CLOCK_SKEW));
    if (!fresh) {
      throw new ApiException(
          Response.Status.UNAUTHORIZED,
          "reauthentication_required",
          "this action needs a login within the last " + maxAge.toMinutes() + " minutes");
    }
  }
}

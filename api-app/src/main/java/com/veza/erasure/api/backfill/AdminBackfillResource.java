package com.veza.erasure.api.backfill;

import com.veza.erasure.api.auth.VezaPrincipal;
import com.veza.erasure.api.http.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Operators: run the backfill of legacy soft-deletes now, or see what it would start
 * (docs/operations.md#backfill-of-legacy-soft-deletes).
 */
@Path("/v1/admin/backfill")
@RolesAllowed(VezaPrincipal.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public final class AdminBackfillResource {

  static final int DEFAULT_LIMIT = 1000;
  static final int MAX_LIMIT = 10_000;

  private final Backfills backfills;

  public AdminBackfillResource(Backfills backfills) {
    this.backfills = backfills;
  }

  @POST
  public Response backfill(
      @QueryParam("dry_run") String dryRun, @QueryParam("limit") String limit) {
    // Taken as strings: Jersey answers a malformed typed query param with 404, we want 400 and a
    // code.
    if (dryRun(dryRun)) {
      return Response.ok(backfills.dryRun(limit(limit))).build();
    }
    if (limit != null) {
      throw new ApiException(400, "invalid_limit", "limit applies to a dry run only");
    }
    return Response.accepted(backfills.runNow()).build();
  }

  private static boolean dryRun(String raw) {
    if (raw == null || raw.isEmpty() || raw.equals("false")) {
      return false;
    }
    if (raw.equals("true")) {
      return true;
    }
    throw new ApiException(400, "invalid_dry_run", "dry_run must be true or false");
  }

  private static int limit(String raw) {
    if (raw == null || raw.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiException(400, "invalid_limit", "limit must be between 1 and " + MAX_LIMIT);
  }
}

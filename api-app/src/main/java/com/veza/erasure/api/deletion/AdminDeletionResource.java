package com.veza.erasure.api.deletion;

import com.veza.erasure.api.auth.VezaPrincipal;
import com.veza.erasure.api.http.ApiException;
import com.veza.erasure.api.http.JsonBodies;
import com.veza.erasure.api.http.UserIdParam;
import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionStatus;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/**
 * Operators: the ledger by phase, a deletion on a user's behalf, a retry, a status with receipt.
 */
@Path("/v1/admin")
@RolesAllowed(VezaPrincipal.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public final class AdminDeletionResource {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final Deletions deletions;
  private final JsonBodies bodies;

  public AdminDeletionResource(Deletions deletions, JsonBodies bodies) {
    this.deletions = deletions;
    this.bodies = bodies;
  }

  @GET
  @Path("/deletions")
  public LedgerPage list(
      @QueryParam("phase") String phase,
      @QueryParam("limit") String limit,
      @QueryParam("after") String after) {
    // Taken as strings: Jersey answers a malformed typed query param with 404, we want 400 and a
    // code.
    return deletions.list(phase(phase), after(after), limit(limit));
  }

  @POST
  @Path("/users/{id}/deletion")
  public Response request(@Auth VezaPrincipal admin, @PathParam("id") String id, byte[] body) {
    UUID userId = UserIdParam.parse(id);
    DeletionBody request = bodies.read(body, DeletionBody.class, DeletionBody.DEFAULT);
    DeletionAccepted accepted =
        deletions.request(userId, request.keep(), "admin:" + admin.userId());
    return Response.accepted(accepted)
        .location(URI.create("/v1/admin/users/" + userId + "/deletion"))
        .build();
  }

  @POST
  @Path("/users/{id}/deletion/retry")
  public DeletionStatus retry(@PathParam("id") String id) {
    return deletions.retry(UserIdParam.parse(id));
  }

  @GET
  @Path("/users/{id}/deletion")
  public AdminDeletionView status(@PathParam("id") String id) {
    return deletions.adminView(UserIdParam.parse(id));
  }

  private static DeletionPhase phase(String raw) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      return DeletionPhase.valueOf(raw);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          400,
          "invalid_phase",
          "phase must be one of SCHEDULED, RECOVERED, ERASING, NEEDS_ATTENTION, COMPLETED");
    }
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

  private static long after(String raw) {
    if (raw == null || raw.isEmpty()) {
      return 0;
    }
    try {
      long after = Long.parseLong(raw);
      if (after >= 0) {
        return after;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiException(
        400, "invalid_cursor", "after must be the next_after of a previous page");
  }
}

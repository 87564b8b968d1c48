package com.veza.erasure.api.deletion;

import com.veza.erasure.api.auth.RecentAuthentication;
import com.veza.erasure.api.auth.VezaPrincipal;
import com.veza.erasure.api.http.JsonBodies;
import com.veza.erasure.deletion.DeletionStatus;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The signed-in user's own deletion (GDPR Art. 17): ask, look, take it back during the window. */
@Path("/v1/me/deletion")
@Produces(MediaType.APPLICATION_JSON)
public final class MeDeletionResource {

  static final URI LOCATION = URI.create("/v1/me/deletion");

  private final Deletions deletions;
  private final RecentAuthentication recentAuth;
  private final JsonBodies bodies;

  public MeDeletionResource(
      Deletions deletions, RecentAuthentication recentAuth, JsonBodies bodies) {
    this.deletions = deletions;
    this.recentAuth = recentAuth;
    this.bodies = bodies;
  }

  @POST
  public Response request(@Auth VezaPrincipal me, byte[] body) {
    DeletionBody request = bodies.read(body, DeletionBody.class, DeletionBody.DEFAULT);
    recentAuth.require(me);
    DeletionAccepted accepted = deletions.request(me.userId(), request.keep(), "user");
    return Response.accepted(accepted).location(LOCATION).build();
  }

  @GET
  public DeletionStatus status(@Auth VezaPrincipal me) {
    return deletions.status(me.userId());
  }

  @POST
  @Path("/recover")
  public DeletionStatus recover(@Auth VezaPrincipal me) {
    recentAuth.require(me);
    return deletions.recover(me.userId());
  }
}

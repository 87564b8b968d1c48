package com.veza.erasure.api.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The API's OpenAPI 3 description, public so that clients can be generated from it. */
@Path("/v1/openapi.yaml")
public final class OpenApiResource {

  public static final String RESOURCE = "/openapi.yaml";
  private final byte[] document;

  public OpenApiResource() {
    try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the classpath");
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GET
  @Produces("application/yaml")
  public Response get() {
    return Response.ok(document).build();
  }
}

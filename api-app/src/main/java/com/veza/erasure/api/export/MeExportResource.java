package com.veza.erasure.api.export;

import com.veza.erasure.api.auth.VezaPrincipal;
import com.veza.erasure.api.http.ApiError;
import com.veza.erasure.api.http.ApiException;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Optional;
import java.util.UUID;

/**
 * The signed-in user's own data exports (GDPR Art. 15/20): ask for one, list them, download one.
 */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public final class MeExportResource {

  static final String ZIP = "application/zip";

  private final ExportService exports;

  public MeExportResource(ExportService exports) {
    this.exports = exports;
  }

  @POST
  @Path("/export")
  public Response request(@Auth VezaPrincipal me) {
    try {
      ExportAccepted accepted = exports.request(me.userId());
      return Response.accepted(accepted).location(downloadUri(accepted.exportId())).build();
    } catch (ExportService.RateLimitedException e) {
      return Response.fromResponse(
              ApiError.response(
                  429,
                  "export_rate_limited",
                  "at most the configured number of exports per 24 hours; retry later"))
          .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
          .build();
    }
  }

  @GET
  @Path("/exports")
  public ExportList list(@Auth VezaPrincipal me) {
    return exports.list(me.userId());
  }

  @GET
  @Path("/exports/{id}/download")
  @Produces({ZIP, MediaType.APPLICATION_JSON})
  public Response download(@Auth VezaPrincipal me, @PathParam("id") String id) {
    // A malformed id names no export: the same 404 as an unknown or someone else's.
    UUID exportId =
        parse(id).orElseThrow(() -> new ApiException(404, "not_found", "no such export"));
    java.nio.file.Path file = exports.file(me.userId(), exportId);
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StreamingOutput body = out -> Files.copy(file, out);
    return Response.ok(body, ZIP)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"veza-export-" + exportId + ".zip\"")
        .header(HttpHeaders.CONTENT_LENGTH, size)
        // Personal data: never kept by a shared cache or the browser's.
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  static URI downloadUri(UUID exportId) {
    return URI.create("/v1/me/exports/" + exportId + "/download");
  }

  private static Optional<UUID> parse(String raw) {
    try {
      UUID id = UUID.fromString(raw);
      return id.toString().equalsIgnoreCase(raw) ? Optional.of(id) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}

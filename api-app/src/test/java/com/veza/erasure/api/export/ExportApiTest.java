package com.veza.erasure.api.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.veza.erasure.api.ApiHarness;
import com.veza.erasure.api.http.ApiException;
import com.veza.erasure.export.ExportState;
import io.temporal.client.WorkflowExecutionDescription;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The export endpoints against real PostgreSQL and a Temporal test server
 * (docs/design.md#data-export-workflow, docs/api.md#data-exports).
 */
class ExportApiTest {

  @RegisterExtension static final ApiHarness api = new ApiHarness();

  // --- POST /v1/me/export --------------------------------------------------------------------

  @Test
  void givenTwentyParallelRequests_itAcceptsExactlyThreeAndRefusesTheRest() throws Exception {
    UUID user = UUID.randomUUID();
    String token = api.tokens.user(user);
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      HttpRequest request =
          api.request("/v1/me/export", token).POST(HttpRequest.BodyPublishers.noBody()).build();
      inFlight.add(api.http().sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }

    List<String> accepted = new ArrayList<>();
    int refused = 0;
    for (CompletableFuture<HttpResponse<String>> future : inFlight) {
      HttpResponse<String> response = future.get();
      JsonNode body = api.json.readTree(response.body());
      if (response.statusCode() == 202) {
        accepted.add(body.get("export_id").asText());
        assertThat(body.get("status").asText()).isEqualTo("PENDING");
      } else {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(body.get("code").asText()).isEqualTo("export_rate_limited");
        assertThat(retryAfter(response))
            .isBetween(Duration.ofHours(23).toSeconds(), Duration.ofHours(24).toSeconds());
        refused++;
      }
    }
    assertThat(accepted).hasSize(3).doesNotHaveDuplicates();
    assertThat(refused).isEqualTo(17);
    assertThat(rows(user)).isEqualTo(3);

    ApiHarness.Reply fourth = api.post("/v1/me/export", token, null);
    assertThat(fourth.status()).isEqualTo(429);
    assertThat(fourth.code()).isEqualTo("export_rate_limited");
    assertThat(retryAfter(fourth.raw())).isPositive();
    assertThat(rows(user)).isEqualTo(3);
  }

  @Test
  void givenAnAcceptedRequest_itStartsTheWorkflowAndRecordsAPendingRow() {
    UUID user = UUID.randomUUID();
    ApiHarness.Reply reply = api.post("/v1/me/export", api.tokens.user(user), null);

    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(202);
    String exportId = reply.body().get("export_id").asText();
    assertThat(reply.raw().headers().firstValue("Location"))
        .hasValueSatisfying(
            l -> assertThat(l).endsWith("/v1/me/exports/" + exportId + "/download"));
    WorkflowExecutionDescription description =
        api.env().getWorkflowClient().newUntypedWorkflowStub("data-export-" + exportId).describe();
    assertThat(description.getWorkflowType()).isEqualTo("DataExportWorkflow");
    assertThat(description.getTaskQueue()).isEqualTo("erasure");
    assertThat(status(UUID.fromString(exportId))).isEqualTo("PENDING");
  }

  @Test
  void givenTheDailyLimitReached_itAnswersRetryAfterWhenTheOldestRequestTurns24HoursOld() {
    UUID user = UUID.randomUUID();
    Instant now = api.clock.instant();
    insert(user, ExportState.READY, now.minus(Duration.ofHours(23)), null, null);
    insert(user, ExportState.FAILED, now.minus(Duration.ofHours(2)), null, null);
    insert(user, ExportState.RUNNING, now.minus(Duration.ofMinutes(5)), null, null);

    ApiHarness.Reply reply = api.post("/v1/me/export", api.tokens.user(user), null);

    assertThat(reply.status()).isEqualTo(429);
    assertThat(retryAfter(reply.raw())).isBetween(3600L - 60, 3600L + 1);
  }

  @Test
  void givenRequestsOlderThan24Hours_whenRequestingAnExport_itNoLongerCountsThem() {
    UUID user = UUID.randomUUID();
    Instant dayAgo = api.clock.instant().minus(Duration.ofHours(24)).minusSeconds(5);
    for (int i = 0; i < 3; i++) {
      insert(user, ExportState.EXPIRED, dayAgo.minusSeconds(i), null, null);
    }

    assertThat(api.post("/v1/me/export", api.tokens.user(user), null).status()).isEqualTo(202);
  }

  @Test
  void givenTheWorkflowCannotStart_itAnswers503AndTheRowIsFailedWithoutCountingAgainstTheUser() {
    ExportService service =
        new ExportService(
            api.jdbi().onDemand(ExportRequestDao.class),
            request -> {
              throw new IllegalStateException("Temporal is down");
            },
            new ExportFileReader(api.exportsDir()),
            new ExportApiSettings(),
            api.clock);
    UUID user = UUID.randomUUID();

    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> service.request(user))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.code()).isEqualTo("export_unavailable");
              });
    }
    List<String> rows =
        api.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT status || '/' || error_code FROM data_exports WHERE user_id = :u")
                        .bind("u", user)
                        .mapTo(String.class)
                        .list());
    assertThat(rows).hasSize(4).containsOnly("FAILED/START_FAILED");
  }

  // --- GET /v1/me/exports --------------------------------------------------------------------

  @Test
  void whenListingExports_itShowsTheUsersOwnExportsNewestFirst() {
    UUID user = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    Instant now = api.clock.instant();
    UUID oldest = insert(user, ExportState.EXPIRED, now.minus(Duration.ofDays(20)), null, null);
    UUID ready =
        insert(
            user,
            ExportState.READY,
            now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(6)),
            "k");
    UUID newest = insert(user, ExportState.PENDING, now.minus(Duration.ofMinutes(1)), null, null);
    insert(other, ExportState.READY, now, now.plus(Duration.ofDays(7)), "k");

    ApiHarness.Reply reply = api.get("/v1/me/exports", api.tokens.user(user));

    assertThat(reply.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    reply.body().get("items").forEach(item -> ids.add(item.get("id").asText()));
    assertThat(ids).containsExactly(newest.toString(), ready.toString(), oldest.toString());
    JsonNode readyItem = reply.body().get("items").get(1);
    assertThat(readyItem.get("status").asText()).isEqualTo("READY");
    assertThat(readyItem.get("size_bytes").asLong()).isEqualTo(1234);
    assertThat(readyItem.get("sha256").asText()).isEqualTo("ab".repeat(32));
    assertThat(Instant.parse(readyItem.get("expires_at").asText())).isAfter(now);
    assertThat(readyItem.has("requested_at")).isTrue();
    assertThat(readyItem.has("completed_at")).isTrue();
    assertThat(readyItem.has("storage_key")).isFalse();
  }

  // --- GET /v1/me/exports/{id}/download ------------------------------------------------------

  @Test
  void givenAReadyExport_whenTheOwnerDownloadsIt_itServesTheZip() throws Exception {
    UUID user = UUID.randomUUID();
    UUID exportId = UUID.randomUUID();
    byte[] zip = zip("README.txt", "Your Veza data");
    // The worker's layout: one file per build attempt under the export's directory.
    String key = user + "/" + exportId + "/" + UUID.randomUUID() + ".zip";
    Files.createDirectories(api.exportsDir().resolve(key).getParent());
    Files.write(api.exportsDir().resolve(key), zip);
    insert(
        exportId,
        user,
        ExportState.READY,
        api.clock.instant(),
        api.clock.instant().plus(Duration.ofDays(7)),
        key);

    HttpResponse<byte[]> response = download(exportId, user);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(zip);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
    assertThat(response.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"veza-export-" + exportId + ".zip\"");
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(zip.length);
  }

  @Test
  void givenAnotherUsersOrAnUnknownExport_whenDownloading_itAnswersNotFound() throws Exception {
    UUID owner = UUID.randomUUID();
    UUID exportId = readyExportWithFile(owner);

    assertNotFound(download(exportId, UUID.randomUUID()));
    assertNotFound(download(UUID.randomUUID(), owner));
    HttpResponse<byte[]> malformed =
        api.http()
            .send(
                api.request("/v1/me/exports/not-a-uuid/download", api.tokens.user(owner))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertNotFound(malformed);
  }

  @Test
  void givenAnExpiredExport_whenDownloading_itAnswersGone() throws Exception {
    UUID user = UUID.randomUUID();
    Instant now = api.clock.instant();
    UUID expired =
        insert(
            user,
            ExportState.EXPIRED,
            now.minus(Duration.ofDays(8)),
            now.minus(Duration.ofDays(1)),
            null);
    UUID pastItsLink = readyExportWithFile(user);
    api.jdbi()
        .useHandle(
            h ->
                h.createUpdate("UPDATE data_exports SET expires_at = :t WHERE id = :id")
                    .bind("t", now.minusSeconds(1))
                    .bind("id", pastItsLink)
                    .execute());

    assertError(download(expired, user), 410, "export_expired");
    assertError(download(pastItsLink, user), 410, "export_expired");
  }

  @Test
  void givenAnExportNotBuiltYet_whenDownloading_itAnswersNotReady() throws Exception {
    UUID user = UUID.randomUUID();
    UUID pending = insert(user, ExportState.PENDING, api.clock.instant(), null, null);
    UUID running = insert(user, ExportState.RUNNING, api.clock.instant(), null, null);

    assertError(download(pending, user), 409, "export_not_ready");
    assertError(download(running, user), 409, "export_not_ready");
  }

  @Test
  void givenAStorageKeyOutsideTheExportDirectory_whenDownloading_itIsNeverServed()
      throws Exception {
    UUID user = UUID.randomUUID();
    Path outside = Files.createTempDirectory("veza-outside-");
    Files.write(outside.resolve("secret.zip"), zip("secret.txt", "not yours"));
    Instant now = api.clock.instant();
    Instant later = now.plus(Duration.ofDays(7));
    String relative = api.exportsDir().relativize(outside.resolve("secret.zip")).toString();
    assertThat(relative).startsWith("..");

    for (String key :
        List.of(
            relative,
            outside.resolve("secret.zip").toString(),
            user + "/../../" + outside.getFileName() + "/secret.zip",
            "",
            ".")) {
      UUID exportId = insert(user, ExportState.READY, now, later, key);
      assertNotFound(download(exportId, user));
    }
  }

  // --- helpers ------------------------------------------------------------------------------

  /** A READY export whose file is in the first layout, which stays readable. */
  private static UUID readyExportWithFile(UUID user) throws Exception {
    UUID exportId = UUID.randomUUID();
    String key = user + "/" + exportId + ".zip";
    Files.createDirectories(api.exportsDir().resolve(user.toString()));
    Files.write(api.exportsDir().resolve(key), zip("README.txt", "hello"));
    insert(
        exportId,
        user,
        ExportState.READY,
        api.clock.instant(),
        api.clock.instant().plus(Duration.ofDays(7)),
        key);
    return exportId;
  }

  private static HttpResponse<byte[]> download(UUID exportId, UUID asUser) throws Exception {
    return api.http()
        .send(
            api.request("/v1/me/exports/" + exportId + "/download", api.tokens.user(asUser))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void assertNotFound(HttpResponse<byte[]> response) throws Exception {
    assertError(response, 404, "not_found");
  }

  private static void assertError(HttpResponse<byte[]> response, int status, String code)
      throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(api.json.readTree(response.body()).get("code").asText()).isEqualTo(code);
  }

  private static long retryAfter(HttpResponse<String> response) {
    return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
  }

  private static byte[] zip(String name, String content) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static UUID insert(
      UUID user, ExportState state, Instant requestedAt, Instant expiresAt, String key) {
    return insert(UUID.randomUUID(), user, state, requestedAt, expiresAt, key);
  }

  private static UUID insert(
      UUID id, UUID user, ExportState state, Instant requestedAt, Instant expiresAt, String key) {
    boolean ready = state == ExportState.READY;
    api.jdbi()
        .useHandle(
            h ->
                h.createUpdate(
                        """
            INSERT INTO data_exports (id, user_id, status, requested_at, completed_at, expires_at,
                                      size_bytes, sha256, storage_key)
            VALUES (:id, :user, :status, :requested, :completed, :expires, :size, :sha, :key)""")
                    .bind("id", id)
                    .bind("user", user)
                    .bind("status", state.name())
                    .bind("requested", requestedAt)
                    .bind("completed", ready ? requestedAt.plusSeconds(30) : null)
                    .bind("expires", expiresAt)
                    .bind("size", ready ? 1234L : null)
                    .bind("sha", ready ? "ab".repeat(32) : null)
                    .bind("key", key)
                    .execute());
    return id;
  }

  private static int rows(UUID user) {
    return api.jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM data_exports WHERE user_id = :u")
                    .bind("u", user)
                    .mapTo(Integer.class)
                    .one());
  }

  private static String status(UUID exportId) {
    return api.jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT status FROM data_exports WHERE id = :id")
                    .bind("id", exportId)
                    .mapTo(String.class)
                    .one());
  }
}

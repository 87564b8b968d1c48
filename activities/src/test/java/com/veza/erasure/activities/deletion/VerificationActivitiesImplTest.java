package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.activities.export.ExportCleanupActivitiesImpl;
import com.veza.erasure.activities.export.LocalDirectoryExportStorage;
import com.veza.erasure.deletion.AnonymizeInput;
import com.veza.erasure.deletion.CollectContentInput;
import com.veza.erasure.deletion.LedgerRef;
import com.veza.erasure.deletion.MarkPendingInput;
import com.veza.erasure.deletion.OwnedContent;
import com.veza.erasure.deletion.VerificationActivities;
import com.veza.erasure.deletion.VerificationReport;
import com.veza.erasure.deletion.VerifyInput;
import com.veza.erasure.export.EraseExportsInput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VERIFY on a real PostgreSQL and a real export directory, after the real erasure steps. */
@SuppressWarnings("deprecation") // also covers the path of runs started before content-snapshot
class VerificationActivitiesImplTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final UUID VICTIM = UUID.fromString("3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0c");
  // Shares the victim's first 35 characters: a string-prefix count would include its files.
  private static final UUID NEIGHBOUR = UUID.fromString("3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0d");
  private static final LedgerRef REF =
      new LedgerRef(VICTIM.toString(), "account-deletion-" + VICTIM, "run-1");

  @TempDir Path dir;

  private LocalDirectoryExportStorage exports;
  private VerificationActivities verification;
  private OwnedContent content;

  @BeforeEach
  void eraseTheVictim() {
    Jdbi jdbi = PlatformRows.freshDatabase();
    PlatformRows rows = new PlatformRows(jdbi);
    rows.user(VICTIM, "jane");
    rows.user(NEIGHBOUR, "john");
    rows.track(VICTIM, false, "Jane Doe");
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    exports = new LocalDirectoryExportStorage(dir);
    AccountActivitiesImpl account = new AccountActivitiesImpl(jdbi, clock);
    account.markPendingDeletion(
        new MarkPendingInput(REF, false, "user", NOW, NOW.plus(Duration.ofDays(30))));
    content = account.collectOwnedContent(new CollectContentInput(VICTIM.toString()));
    account.anonymizeAccount(new AnonymizeInput(REF, false, content));
    new ExportCleanupActivitiesImpl(jdbi, exports, clock)
        .eraseUserExports(new EraseExportsInput(VICTIM.toString()));
    verification =
        new VerificationActivitiesImpl(
            new AccountVerifier(jdbi), null, null, exports, new ContentSnapshots(jdbi));
  }

  @Test
  void givenNoExportFileLeft_whenVerifyingAfterErasure_itReportsClean() {
    VerificationReport report = verify();
    assertThat(report.exportFilesLeft()).isZero();
    assertThat(report.clean()).isTrue();
  }

  @Test
  void givenAnExportFilePutBackAfterErasure_whenVerifying_itCountsItAndReportsNotClean()
      throws IOException {
    write(VICTIM + "/" + UUID.randomUUID() + "/late.zip");
    write(VICTIM + "/.part-123.tmp");
    write(NEIGHBOUR + "/" + UUID.randomUUID() + "/theirs.zip");

    VerificationReport report = verify();

    assertThat(report.exportFilesLeft()).isEqualTo(2);
    assertThat(report.clean()).isFalse();
  }

  private VerificationReport verify() {
    return verification.verifyErasure(new VerifyInput(VICTIM.toString(), false, content));
  }

  private void write(String key) throws IOException {
    try (OutputStream out = exports.create(key)) {
      out.write(1);
    }
  }
}

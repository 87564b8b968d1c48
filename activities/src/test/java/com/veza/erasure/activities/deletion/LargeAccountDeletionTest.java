package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.deletion.AccountDeletionWorkflow;
import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.DeletionRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Accounts of any size erase with a history of the same size (docs/design.md#content-snapshot), on
 * real PostgreSQL, Redis and Elasticsearch.
 */
class LargeAccountDeletionTest {

  /** The track count of the measured account (default 1,000,000). */
  private static final String MEASURE = "veza.erasure.measureTracks";

  private DeletionWorld world;

  @BeforeEach
  void setUp() {
    world = new DeletionWorld(Duration.ofMinutes(10));
  }

  @AfterEach
  void tearDown() throws Exception {
    world.close();
  }

  @Test
  void givenAccountsOf10And100000Tracks_whenErased_itRecordsHistoriesWithin2KbOfEachOther()
      throws Exception {
    world.startWorker(true);
    long small = historyBytesOfErasing(10);
    long large = historyBytesOfErasing(100_000);

    System.out.printf("history bytes: 10 tracks %d, 100,000 tracks %d%n", small, large);
    assertThat(Math.abs(large - small)).isLessThan(2_048);
  }

  /**
   * A measurement, not a check: minutes long, so the build leaves the {@code measurement} tag out
   * (see the parent POM's {@code veza.test.excludedGroups}); docs/design.md#content-snapshot gives
   * the command.
   */
  @Test
  @Tag("measurement")
  void givenAMeasuredAccountSize_whenErased_itReportsTimeAndPeakHeap() throws Exception {
    int tracks = Integer.getInteger(MEASURE, 1_000_000);
    world.startWorker(true);
    // The same path for a small account first: its history is the baseline of the large one's.
    long smallHistory = measure(10);
    long largeHistory = measure(tracks);
    System.out.printf(
        "history bytes: 10 tracks %d, %d tracks %d (difference %d)%n",
        smallHistory, tracks, largeHistory, largeHistory - smallHistory);
  }

  /**
   * Erases an account of {@code tracks} tracks; prints time and peak heap; returns history bytes.
   */
  private long measure(int tracks) throws Exception {
    UUID user = seed(tracks);
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    long started = System.nanoTime();

    world.starter.start(world.request(user, false));
    // Just past the window: a sleep beyond it would wait for the erasure under a gRPC deadline.
    world.temporal.sleep(DeletionRequest.DEFAULT_RECOVERY_WINDOW.plusSeconds(1));
    DeletionReceipt receipt =
        world.temporal.skippingWhile(
            () ->
                world
                    .starter
                    .untyped(user.toString())
                    .getResult(30, TimeUnit.MINUTES, DeletionReceipt.class));

    long millis = (System.nanoTime() - started) / 1_000_000;
    long peakHeap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .mapToLong(p -> p.getPeakUsage().getUsed())
            .sum();
    long history = historyBytes(user);
    System.out.printf(
        "erased %d tracks in %d ms; peak heap %d MiB of max %d MiB; history %d bytes%n",
        tracks, millis, peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20, history);
    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.verification().clean()).isTrue();
    return history;
  }

  private long historyBytesOfErasing(int tracks) throws Exception {
    UUID user = seed(tracks);
    DeletionReceipt receipt = erase(user);
    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.verification().clean()).isTrue();
    assertThat(world.rows.count("SELECT count(*) FROM tracks WHERE creator_id = ?", user)).isZero();
    return historyBytes(user);
  }

  private DeletionReceipt erase(UUID user) {
    world.starter.start(world.request(user, false));
    world.temporal.sleep(Duration.ofDays(31));
    return world.result(user);
  }

  private long historyBytes(UUID user) {
    return world
        .temporal
        .client()
        .fetchHistory(AccountDeletionWorkflow.workflowId(user.toString()))
        .toJson(false)
        .length();
  }

  /** A user whose tracks are inserted in one statement, half of them public. */
  private UUID seed(int tracks) throws Exception {
    // The same length of id for every user: the history holds it a few times.
    UUID user = UUID.randomUUID();
    world.seed(user, "big");
    world.jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    INSERT INTO tracks (id, creator_id, title, artist, is_public)
                    SELECT gen_random_uuid(), :user, 'Song ' || i, 'big', i % 2 = 0
                      FROM generate_series(4, :tracks) AS i
                    """)
                .bind("user", user)
                .bind("tracks", tracks)
                .execute());
    return user;
  }
}

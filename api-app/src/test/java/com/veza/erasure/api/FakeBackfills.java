package com.veza.erasure.api;

import com.veza.erasure.api.backfill.BackfillDryRun;
import com.veza.erasure.api.backfill.BackfillStarted;
import com.veza.erasure.api.backfill.Backfills;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the calls that reach the backfill service; answers as an empty platform would. */
final class FakeBackfills implements Backfills {

  final AtomicInteger calls = new AtomicInteger();

  @Override
  public BackfillStarted runNow() {
    calls.incrementAndGet();
    return new BackfillStarted("legacy-backfill-now", "run-1");
  }

  @Override
  public BackfillDryRun dryRun(int limit) {
    calls.incrementAndGet();
    return new BackfillDryRun(true, 0, List.of(), false);
  }
}

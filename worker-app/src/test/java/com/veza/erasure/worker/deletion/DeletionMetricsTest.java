package com.veza.erasure.worker.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.activities.deletion.DeletionActivities;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.common.metadata.POJOActivityImplMetadata;
import io.temporal.common.metadata.POJOActivityMethodMetadata;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** A metric keyed by an activity type no worker registers would silently stay at zero. */
class DeletionMetricsTest {

  @Test
  void givenTheDeletionWorkersActivities_whenMetricsCountSuccesses_itCountsOnlyRegisteredTypes() {
    // Never connects: the implementations are only inspected for the types they register.
    Set<String> registered = new TreeSet<>();
    for (Object activities :
        DeletionActivities.create(
            Jdbis.create(new PGSimpleDataSource()), Clock.systemUTC(), null, null, null)) {
      for (POJOActivityMethodMetadata method :
          POJOActivityImplMetadata.newInstance(activities.getClass()).getActivityMethods()) {
        registered.add(method.getActivityTypeName());
      }
    }

    Set<String> counted = new DeletionMetrics(new SimpleMeterRegistry()).countedTypes();

    assertThat(counted).isNotEmpty();
    assertThat(registered).containsAll(counted);
  }
}

package com.veza.erasure.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.deletion.CacheActivities;
import com.veza.erasure.deletion.LedgerActivities;
import com.veza.erasure.export.ExportCleanupActivities;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityTypesTest {

  @Test
  void givenAMethodCall_whenItsTypeIsRead_itIsTheNameTemporalRegisters() {
    assertThat(ActivityTypes.typeOf(CacheActivities.class, c -> c.purgeCache(null)))
        .isEqualTo("PurgeCache");
    // void and primitive results are recorded too
    assertThat(ActivityTypes.typeOf(LedgerActivities.class, l -> l.recordPhase(null)))
        .isEqualTo("RecordPhase");
    assertThat(ActivityTypes.typeOf(ExportCleanupActivities.class, e -> e.eraseUserExports(null)))
        .isEqualTo("EraseUserExports");
  }

  @Test
  void givenACallThatInvokesNoMethod_whenItsTypeIsRead_itFails() {
    assertThatThrownBy(() -> ActivityTypes.typeOf(CacheActivities.class, c -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenAnInterface_whenItsTypesAreListed_itHasOnePerMethod() {
    assertThat(ActivityTypes.typesOf(List.of(LedgerActivities.class)))
        .containsExactlyInAnyOrder("RecordPhase", "RecordReceipt");
  }
}

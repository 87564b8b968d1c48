package com.veza.erasure.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.common.ActivityTypes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportActivityOptionsTest {

  @Test
  void givenAnEmailBudget_whenOverridesAreBuilt_itKeysThemByTheMailActivitysType() {
    var perType =
        ExportActivityOptions.withEmailGiveUpAfter(Duration.ofHours(1)).getActivityOptions();

    assertThat(perType).containsOnlyKeys(ExportActivityOptions.SEND_READY_EMAIL);
    assertThat(ActivityTypes.typesOf(List.of(ExportActivities.class, ExportMailActivities.class)))
        .containsAll(perType.keySet());
    assertThat(perType.get(ExportActivityOptions.SEND_READY_EMAIL).getScheduleToCloseTimeout())
        .isEqualTo(Duration.ofHours(1));
  }
}

package com.veza.erasure.export;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The "your export is ready" email. The address is read from PostgreSQL, never passed in history.
 */
@ActivityInterface
public interface ExportMailActivities {

  @ActivityMethod
  void sendReadyEmail(ReadyEmailInput input);
}

package com.veza.erasure.export;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Part of account erasure: the user's export files are deleted and their rows anonymized. */
@ActivityInterface
public interface ExportCleanupActivities {

  /** Returns how many export files were deleted; idempotent. */
  @ActivityMethod
  long eraseUserExports(EraseExportsInput input);
}

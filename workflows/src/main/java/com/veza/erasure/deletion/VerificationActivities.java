package com.veza.erasure.deletion;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Re-reads every store after erasure: the evidence on the receipt. */
@ActivityInterface
public interface VerificationActivities {

  @ActivityMethod
  VerificationReport verifyErasure(VerifyInput input);
}

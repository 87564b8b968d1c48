package com.veza.erasure.api.deletion;

import com.veza.erasure.deletion.DeletionPhase;
import java.time.Instant;

/** Answer of a deletion request: the workflow that carries it (a new one, or the running one). */
public record DeletionAccepted(
    String workflowId, String runId, DeletionPhase phase, Instant scheduledFor) {}

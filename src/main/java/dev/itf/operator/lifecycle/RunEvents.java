package dev.itf.operator.lifecycle;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.operator.Events;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * core/v1 Events on a TestRun: one at each phase change (the reason is the new phase), and warnings. Each names the
 * operator replica that wrote it (reportingInstance, the pod's name), so one can see which replica led.
 */
@ApplicationScoped
public class RunEvents {
    private final Events events;

    public RunEvents(Events events) {
        this.events = events;
    }

    public void phaseChanged(TestRun run, RunPhase phase, String message, Instant now) {
        // the name is unique per run and phase, so a repeated reconcile does not post the same event twice
        String name = run.getMetadata().getName() + "." + phase.name().toLowerCase() + "."
                + run.getMetadata().getUid().substring(0, 8);
        post(run, name, phase.name(), message == null ? "phase " + phase : message,
                phase == RunPhase.Error || phase == RunPhase.Failed ? "Warning" : "Normal", now);
    }

    /** A Warning Event about something the operator skipped, once per run, reason and message. */
    public void warning(TestRun run, String reason, String message, Instant now) {
        String name = run.getMetadata().getName() + "." + reason.toLowerCase() + "."
                + Integer.toHexString((run.getMetadata().getUid() + message).hashCode());
        post(run, name, reason, message, "Warning", now);
    }

    private void post(TestRun run, String name, String reason, String message, String type, Instant now) {
        events.post(run, name, reason, message, type, now);
    }
}

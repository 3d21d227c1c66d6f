package dev.itf.runner;

import dev.itf.api.WaitAction;

import java.time.Duration;
import java.util.Map;

/** Pauses the case; the case timeout still bounds it. */
public final class WaitStep implements StepAction {

    private final WaitAction action;

    public WaitStep(WaitAction action) {
        this.action = action;
    }

    @Override
    public StepResponse execute(StepContext ctx) throws InterruptedException {
        Duration d = Durations.parse(ctx.render(action.duration));
        long started = System.nanoTime();
        Thread.sleep(d.toMillis());
        ctx.log("waited " + Durations.format(d));
        return new StepResponse(null, Map.of(), null, null, Duration.ofNanos(System.nanoTime() - started));
    }
}

package dev.itf.runner.load;

import dev.itf.results.LoadResult;
import dev.itf.results.LoadStats;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What a load step measures, in constant memory whatever its duration: latencies in microseconds go into an
 * HdrHistogram recorder (lock-free for the senders); once a second the interval's histogram becomes a timeline entry
 * and is added to the total. Only requests sent after the warm-up count.
 */
final class LoadRecorder {

    private final Recorder recorder = new Recorder(LoadStats.SIGNIFICANT_DIGITS);
    private final Histogram total = LoadStats.histogram();
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder secondRequests = new LongAdder();
    private final LongAdder secondErrors = new LongAdder();
    private final Map<String, LongAdder> errorsByKind = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final List<LoadResult.Second> timeline = new ArrayList<>();
    private final long measuredFrom;
    private final LongSupplier inFlight;

    /** @param measuredFrom System.nanoTime() from which sends are measured (the warm-up ends) */
    LoadRecorder(long measuredFrom, LongSupplier inFlight) {
        this.measuredFrom = measuredFrom;
        this.inFlight = inFlight;
    }

    boolean measured(long sendTime) {
        return sendTime - measuredFrom >= 0;
    }

    /** A response; errorKind null when every expectation held. */
    void response(long sendTime, long latencyNanos, int status, String errorKind) {
        if (!measured(sendTime)) {
            return;
        }
        recorder.recordValue(Math.max(1, latencyNanos / 1000));
        byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
        count(errorKind);
    }

    /** A request that got no response: connection refused, timed out, TLS ... */
    void failure(long sendTime, String errorKind) {
        if (measured(sendTime)) {
            count(errorKind);
        }
    }

    void dropped(long intendedTime) {
        if (measured(intendedTime)) {
            dropped.increment();
        }
    }

    private void count(String errorKind) {
        requests.increment();
        secondRequests.increment();
        if (errorKind != null) {
            errors.increment();
            secondErrors.increment();
            errorsByKind.computeIfAbsent(errorKind, k -> new LongAdder()).increment();
        }
    }

    /** Ends a second of the timeline (the last one may be shorter) and adds its latencies to the total. */
    synchronized void tick() {
        Histogram interval = recorder.getIntervalHistogram();
        total.add(interval);
        LoadResult.Second s = new LoadResult.Second();
        s.second = timeline.size();
        s.requests = secondRequests.sumThenReset();
        s.errors = secondErrors.sumThenReset();
        if (interval.getTotalCount() > 0) {
            s.p50Ms = LoadStats.ms(interval.getValueAtPercentile(50));
            s.p95Ms = LoadStats.ms(interval.getValueAtPercentile(95));
            s.p99Ms = LoadStats.ms(interval.getValueAtPercentile(99));
        }
        s.inFlight = inFlight.getAsLong();
        timeline.add(s);
    }

    long requests() {
        return requests.sum();
    }

    long errors() {
        return errors.sum();
    }

    /** The measurements, after the last {@link #tick}. */
    synchronized LoadResult result(String model, long measuredNanos, boolean open) {
        LoadResult r = new LoadResult();
        r.model = model;
        r.requests = requests.sum();
        r.errors = errors.sum();
        new TreeMap<>(errorsByKind).forEach((k, v) -> r.errorsByKind.put(k, v.sum()));
        new TreeMap<>(byStatus).forEach((k, v) -> r.byStatus.put(Integer.toString(k), v.sum()));
        r.dropped = open ? dropped.sum() : null;
        r.measuredMs = measuredNanos / 1_000_000;
        r.throughput = measuredNanos <= 0 ? null : Math.round(r.requests / (measuredNanos / 1e9) * 10) / 10.0;
        r.latencyMs = LoadStats.latencyMs(total);
        r.timeline = new ArrayList<>(timeline);
        r.histogram = LoadStats.encode(total);
        return r;
    }
}

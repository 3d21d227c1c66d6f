package dev.itf.results;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a load step measured (SPEC §6), on {@link StepResult#load}. Every field is optional: reports show what is
 * there. Latencies are milliseconds (fractions allowed); the histogram keeps the exact microsecond data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoadResult {
    /** open (arrival rate; latency from the intended send time) or closed (virtual users; from the actual send time). */
    public String model;
    public Long requests;
    public Long errors;
    /** Errors by error kind (e.g. status, timeout, connection). */
    public Map<String, Long> errorsByKind = new LinkedHashMap<>();
    /** Responses by status code, e.g. {"200": 5980, "503": 20}. */
    public Map<String, Long> byStatus = new LinkedHashMap<>();
    /** Arrivals dropped because maxInFlight requests were outstanding (open model). */
    public Long dropped;
    /** The measured period, warm-up excluded. */
    public Long measuredMs;
    /** When the measured period began (ISO-8601 instant): with measuredMs, the window resources are judged in. */
    public String measuredFrom;
    /** Completed requests per second over the measured period. */
    public Double throughput;
    /** Latency by statistic: min, mean, p50, p90, p95, p99, p99.9, max. */
    public Map<String, Double> latencyMs = new LinkedHashMap<>();
    /** One entry per second of the measured period. */
    public List<Second> timeline = new ArrayList<>();
    /** The HdrHistogram of latencies in microseconds, compressed and base64-encoded. */
    public String histogram;
    /** Each threshold of the step with its actual value and verdict. */
    public List<Threshold> thresholds = new ArrayList<>();
    /** In a TestRun with load shards: this runner's share (0-based) of the load; after merging, null. */
    public Integer shard;
    /** In a TestRun with load shards: how many runner Jobs share the load (absent or 1: one). */
    public Integer shards;
    /** After merging the shares of several shards: how many shares arrived. */
    public Integer shardsMerged;
    /** Why the load stopped early (stopWhen), or null when it ran its course. */
    public String stopped;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Second {
        /** Seconds since the measured period began. */
        public int second;
        public long requests;
        public long errors;
        public Double p50Ms;
        public Double p95Ms;
        public Double p99Ms;
        public Long inFlight;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Threshold {
        /** mean, p50 ... max, errorRate, throughput, dropped, or resources:COMPONENT:cpu|memory. */
        public String name;
        /** As written in the suite, e.g. 500ms, 1%, 100/s. */
        public String limit;
        /** The measured value in the same unit, e.g. 412ms; null when not measured. */
        public String actual;
        /** True held, false failed, null not measured (see reason). */
        public Boolean passed;
        public String reason;
    }
}

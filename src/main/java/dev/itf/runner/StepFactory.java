package dev.itf.runner;

import dev.itf.api.Step;
import dev.itf.runner.auth.AuthProfiles;
import dev.itf.runner.data.RedisStep;
import dev.itf.runner.data.SqlStep;
import dev.itf.runner.events.ExpectMessageStep;
import dev.itf.runner.events.PublishStep;
import dev.itf.runner.http.GraphqlStep;
import dev.itf.runner.http.HttpStep;
import dev.itf.runner.security.SecurityStep;
import dev.itf.runner.load.LoadStep;

import java.time.Duration;
import java.util.Map;

/** Creates the action of a step. The one place that maps a step's kind to the class that runs it. */
public final class StepFactory {

    private final Map<String, String> defaultHeaders;
    private final AuthProfiles auth;
    private final int shard;
    private final int shards;

    public StepFactory(Map<String, String> defaultHeaders, AuthProfiles auth) {
        this(defaultHeaders, auth, 0, 1);
    }

    /** For runner shard {@code shard} of {@code shards}: a load step split over shards runs this shard's share. */
    public StepFactory(Map<String, String> defaultHeaders, AuthProfiles auth, int shard, int shards) {
        this.defaultHeaders = defaultHeaders == null ? Map.of() : Map.copyOf(defaultHeaders);
        this.auth = auth;
        this.shard = shard;
        this.shards = shards;
    }

    public StepAction create(Step step) {
        String kind = kind(step);
        switch (kind) {
            case "http":
                return new HttpStep(step.http, defaultHeaders, auth);
            case "graphql":
                return new GraphqlStep(step.graphql, defaultHeaders, auth);
            case "wait":
                return new WaitStep(step.wait);
            case "publish":
                return new PublishStep(step.publish);
            case "expectMessage":
                return new ExpectMessageStep(step.expectMessage);
            case "sql":
                return new SqlStep(step.sql);
            case "redis":
                return new RedisStep(step.redis);
            case "security":
                return new SecurityStep(step.security, auth);
            case "load":
                StepAction request = step.load.request != null && step.load.request.graphql != null
                        ? new GraphqlStep(step.load.request.graphql, defaultHeaders, auth)
                        : new HttpStep(step.load.request == null ? null : step.load.request.http, defaultHeaders, auth);
                return new LoadStep(step, request, shard, LoadStep.shares(step.load, shards));
            default:
                throw new IllegalStateException("step type " + kind + " is unknown");
        }
    }

    /** The step's kind; a step must set exactly one action. */
    public static String kind(Step step) {
        String kind = step.action();
        if (kind == null) {
            throw new IllegalArgumentException(step.actions().isEmpty()
                    ? "the step sets no action: set one of " + String.join(", ", Step.ACTIONS)
                    : "the step sets several actions (" + String.join(", ", step.actions()) + "): set exactly one");
        }
        return kind;
    }

    /** The step's own timeout, or null when it has none (the case timeout still bounds it). */
    public static Duration timeout(Step step) {
        if (step.http != null) {
            return Durations.parse(step.http.timeout);
        }
        if (step.graphql != null) {
            return Durations.parse(step.graphql.timeout);
        }
        return null;
    }
}

package dev.itf.runner.events;

import dev.itf.results.ErrorKind;
import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.ExpectMessageAction;
import dev.itf.api.JsonPathExpectation;
import dev.itf.runner.Durations;
import dev.itf.runner.Endpoint;
import dev.itf.runner.StepAction;
import dev.itf.runner.StepContext;
import dev.itf.runner.StepFailure;
import dev.itf.runner.StepResponse;
import dev.itf.runner.TemplateException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code expectMessage} step. It subscribes when the case starts, so a message caused by an earlier step of the
 * case is seen; only when the destination needs a value captured by an earlier step does it subscribe when the step
 * itself starts. It then waits, at most {@code within} from the step's start, for {@code count} matching messages
 * or the {@code sequence}; with {@code absent: true} it passes only if no matching message arrives in that time.
 */
public final class ExpectMessageStep implements StepAction {

    static final int LISTED = 10;
    static final int CUT = 200;

    private final ExpectMessageAction action;
    private Subscription subscription;
    private Instant listeningSince;
    private Exception setupError;

    public ExpectMessageStep(ExpectMessageAction action) {
        this.action = action;
    }

    @Override
    public void beforeCase(StepContext ctx) {
        try {
            subscription = open(ctx);
            listeningSince = Instant.now();
        } catch (TemplateException needsCapture) {
            // the destination or endpoint names a variable captured later in the case: subscribe at the step instead
            subscription = null;
        } catch (Exception e) {
            // reported by execute, so the error belongs to this step and not to the case's start
            setupError = e;
        }
    }

    private Subscription open(StepContext ctx) throws Exception {
        Endpoint endpoint = Endpoint.resolve(ctx, "expectMessage", action.component, action.uri, Brokers.SCHEMES);
        String destination = ctx.render(action.destination);
        Broker broker = Brokers.of(ctx, endpoint);
        try {
            return broker.subscribe(destination, ctx.timeout());
        } catch (Exception e) {
            throw new IllegalStateException(endpoint.failure("subscribe to '" + destination + "' on " + Brokers.name(endpoint), e, ctx.redactor()), e);
        }
    }

    @Override
    public StepResponse execute(StepContext ctx) throws Exception {
        long start = System.nanoTime();
        if (setupError != null) {
            throw setupError;
        }
        if (action.within == null) {
            throw new IllegalArgumentException("expectMessage.within is required: how long to wait, e.g. 5s");
        }
        Duration within = Durations.parse(ctx.render(action.within));
        boolean absent = Boolean.TRUE.equals(action.absent);
        if (absent && ctx.timeout().compareTo(within) < 0) {
            throw new IllegalArgumentException("expectMessage: within " + action.within + " is longer than the step's timeout ("
                    + ctx.timeout().toMillis() + "ms left), so absence cannot be shown; raise the timeout or shorten within");
        }
        if (subscription == null) {
            subscription = open(ctx);
            listeningSince = Instant.now();
            ctx.log("listening on " + subscription.destination() + " from this step: its destination uses a captured variable");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        action.headers.forEach((k, v) -> headers.put(k, ctx.render(v)));
        MessageMatch match = new MessageMatch(render(ctx, action.match), headers);
        List<MessageMatch> sequence = null;
        if (action.sequence != null && !action.sequence.isEmpty()) {
            sequence = new ArrayList<>();
            for (List<JsonPathExpectation> element : action.sequence) {
                sequence.add(new MessageMatch(render(ctx, element), headers));
            }
        }
        int count = action.count == null ? 1 : action.count;
        Duration limit = ctx.timeout().compareTo(within) < 0 ? ctx.timeout() : within;
        long deadline = start + limit.toNanos();

        while (true) {
            List<ReceivedMessage> seen = subscription.messages();
            ReceivedMessage first = sequence != null ? sequenceStart(seen, sequence) : nthMatch(seen, match, count);
            if (absent) {
                // with a count, absent means "fewer than count": count 2 says a message must not come twice
                if (nthMatch(seen, match, count) != null) {
                    List<ReceivedMessage> unwanted = seen.stream().filter(match::matches).toList();
                    throw new StepFailure(ErrorKind.MESSAGE, ctx.redactor().redact("expected " + (count == 1 ? "no message" : "fewer than " + count
                            + " messages") + " matching " + match + " on " + subscription.destination() + " within " + action.within
                            + ", but " + (unwanted.size() == 1 ? "one" : unwanted.size()) + " arrived: " + line(unwanted.get(unwanted.size() - 1))));
                }
            } else if (first != null) {
                return response(first, start);
            }
            if (subscription.failure() != null) {
                throw new IllegalStateException(ctx.redactor().redact(subscription.failure()));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (absent) {
                    ctx.log("no message matching " + match + " within " + action.within);
                    return new StepResponse(null, Map.of(), null, null, Duration.ofNanos(System.nanoTime() - start));
                }
                throw new StepFailure(ErrorKind.MESSAGE, ctx.redactor().redact(timeoutMessage(seen, match, sequence, count, limit, within)));
            }
            subscription.awaitMore(seen.size(), Duration.ofNanos(left));
        }
    }

    @Override
    public void afterCase() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        setupError = null;
    }

    private static List<JsonPathExpectation> render(StepContext ctx, List<JsonPathExpectation> expectations) {
        List<JsonPathExpectation> out = new ArrayList<>();
        for (JsonPathExpectation e : expectations) {
            JsonPathExpectation r = new JsonPathExpectation();
            r.path = ctx.render(e.path);
            r.equals = renderNode(ctx, e.equals);
            r.notEquals = renderNode(ctx, e.notEquals);
            r.contains = renderNode(ctx, e.contains);
            r.matches = e.matches == null ? null : ctx.render(e.matches);
            r.greaterThan = e.greaterThan;
            r.lessThan = e.lessThan;
            r.exists = e.exists;
            out.add(r);
        }
        return out;
    }

    private static JsonNode renderNode(StepContext ctx, JsonNode node) {
        return node == null ? null : ctx.render(node);
    }

    /** The first matching message once at least {@code count} match, else null. */
    private static ReceivedMessage nthMatch(List<ReceivedMessage> seen, MessageMatch match, int count) {
        List<ReceivedMessage> matching = seen.stream().filter(match::matches).toList();
        return matching.size() >= count ? matching.get(0) : null;
    }

    /** The message that began the sequence once all of it arrived in order (others may come between), else null. */
    private static ReceivedMessage sequenceStart(List<ReceivedMessage> seen, List<MessageMatch> sequence) {
        int next = 0;
        ReceivedMessage first = null;
        for (ReceivedMessage m : seen) {
            if (sequence.get(next).matches(m)) {
                first = first == null ? m : first;
                if (++next == sequence.size()) {
                    return first;
                }
            }
        }
        return null;
    }

    private String timeoutMessage(List<ReceivedMessage> seen, MessageMatch match, List<MessageMatch> sequence, int count,
                                  Duration limit, Duration within) {
        StringBuilder s = new StringBuilder("expected ");
        if (sequence != null) {
            s.append("in order: ");
            List<String> parts = new ArrayList<>();
            for (MessageMatch element : sequence) {
                parts.add("[" + element + "]");
            }
            s.append(String.join(" then ", parts));
        } else {
            long matching = seen.stream().filter(match::matches).count();
            s.append(count).append(count == 1 ? " message" : " messages").append(" matching ").append(match);
            if (matching > 0) {
                s.append(" (").append(matching).append(" matched)");
            }
        }
        s.append(" on ").append(subscription.destination()).append(" within ").append(action.within);
        if (limit.compareTo(within) < 0) {
            s.append(" (cut short by the step's timeout after ").append(limit.toMillis()).append("ms)");
        }
        if (seen.isEmpty()) {
            return s.append("; no message arrived").toString();
        }
        s.append("; ").append(seen.size()).append(seen.size() == 1 ? " message" : " messages").append(" arrived:");
        for (int i = 0; i < Math.min(LISTED, seen.size()); i++) {
            s.append("\n  ").append(i + 1).append(". ").append(line(seen.get(i)));
        }
        if (seen.size() > LISTED) {
            s.append("\n  ... and ").append(seen.size() - LISTED).append(" more");
        }
        return s.toString();
    }

    private String line(ReceivedMessage m) {
        StringBuilder s = new StringBuilder();
        s.append('+').append(Duration.between(listeningSince, m.arrived()).toMillis()).append("ms ");
        if (m.key() != null) {
            s.append("key=").append(m.key()).append(' ');
        }
        if (!m.headers().isEmpty()) {
            s.append("headers=").append(m.headers()).append(' ');
        }
        String body = m.body() == null ? "" : m.body().replaceAll("\\s+", " ");
        s.append(body.length() > CUT ? body.substring(0, CUT) + "...(" + body.length() + " chars)" : body);
        return s.toString();
    }

    private static StepResponse response(ReceivedMessage m, long start) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        m.headers().forEach((k, v) -> headers.put(k, v == null ? List.of() : List.of(v)));
        return new StepResponse(null, headers, m.body(), m.json(), Duration.ofNanos(System.nanoTime() - start));
    }
}

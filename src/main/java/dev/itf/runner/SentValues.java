package dev.itf.runner;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the run's steps sent (URLs and bodies), so the dataExposure check can ignore values the suite itself sent:
 * an email the suite posted and the service echoes is not a leak. Bounded: the oldest texts go first.
 */
public final class SentValues implements AutoCloseable {

    public static final String KEY = "sent-values";
    private static final long MAX_CHARS = 4_000_000;

    private final ConcurrentLinkedDeque<String> texts = new ConcurrentLinkedDeque<>();
    private final AtomicLong chars = new AtomicLong();

    public static SentValues of(RunResources resources) {
        return resources.shared(KEY, SentValues::new);
    }

    public void add(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (text.equals(texts.peekLast())) {
            // a load step sends the same URL thousands of times a second: once is enough to recognise it
            return;
        }
        texts.add(text);
        if (chars.addAndGet(text.length()) > MAX_CHARS) {
            var it = texts.iterator();
            while (chars.get() > MAX_CHARS && it.hasNext()) {
                chars.addAndGet(-it.next().length());
                it.remove();
            }
        }
    }

    /** Whether some text the suite sent holds this value. */
    public boolean contains(String value) {
        for (String t : texts) {
            if (t.contains(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        texts.clear();
    }
}

package dev.itf.results;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * Latency statistics of a load step from its HdrHistogram (microseconds, 3 significant digits), and the histogram's
 * encoding in results: compressed and base64, so shards' histograms add up exactly wherever they are merged.
 */
public final class LoadStats {

    public static final int SIGNIFICANT_DIGITS = 3;

    private LoadStats() {
    }

    /** An empty histogram as load steps record them: microseconds, resizing as larger values arrive. */
    public static Histogram histogram() {
        Histogram h = new Histogram(SIGNIFICANT_DIGITS);
        h.setAutoResize(true);
        return h;
    }

    public static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int size = h.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[size];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The histogram of an encoded text; throws IllegalArgumentException when the text is not one. */
    public static Histogram decode(String encoded) {
        try {
            Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
            h.setAutoResize(true);
            return h;
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("the load histogram cannot be decoded: " + e.getMessage(), e);
        }
    }

    /** min, mean, p50, p90, p95, p99, p99.9 and max in milliseconds; empty for an empty histogram. */
    public static Map<String, Double> latencyMs(Histogram h) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (h.getTotalCount() == 0) {
            return m;
        }
        m.put("min", ms(h.getMinValue()));
        m.put("mean", Math.round(h.getMean()) / 1000.0);
        m.put("p50", ms(h.getValueAtPercentile(50)));
        m.put("p90", ms(h.getValueAtPercentile(90)));
        m.put("p95", ms(h.getValueAtPercentile(95)));
        m.put("p99", ms(h.getValueAtPercentile(99)));
        m.put("p99.9", ms(h.getValueAtPercentile(99.9)));
        m.put("max", ms(h.getMaxValue()));
        return m;
    }

    public static double ms(long micros) {
        return micros / 1000.0;
    }
}

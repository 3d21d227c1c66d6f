import dev.itf.api.TestSuite;
import dev.itf.manifest.Manifest;
import dev.itf.manifest.Manifests;
import dev.itf.manifest.Typed;
import dev.itf.validation.Problem;
import dev.itf.validation.SuiteValidator;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a suite the way {@code itf run} does and prints, per phase, this thread's CPU time and the bytes it allocated:
 * YAML to a tree, the tree to a {@code TestSuite}, validation; then the heap still live. In a fresh JVM the first round
 * is the cold one every {@code itf run} pays. Figures in docs/benchmarks.md:
 *
 * <pre>java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp APP_CLASSPATH bench/SuiteLoad.java SUITE.yaml [ROUNDS]</pre>
 */
public class SuiteLoad {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        for (int round = 1; round <= rounds; round++) {
            String text = Files.readString(file);
            long[] start = now();
            List<Manifest> documents = Manifests.parse(file, text);
            long[] parsed = now();
            Typed<TestSuite> typed = documents.get(0).as(TestSuite.class);
            long[] converted = now();
            List<Problem> problems = SuiteValidator.validate(typed.resource());
            long[] validated = now();
            System.gc();
            Runtime heap = Runtime.getRuntime();
            System.out.printf("ROUND %d parse_cpu_ms=%d parse_alloc_mb=%d typed_cpu_ms=%d typed_alloc_mb=%d validate_cpu_ms=%d "
                            + "validate_alloc_mb=%d live_mb=%d problems=%d%n", round,
                    (parsed[0] - start[0]) / 1_000_000, (parsed[1] - start[1]) >> 20,
                    (converted[0] - parsed[0]) / 1_000_000, (converted[1] - parsed[1]) >> 20,
                    (validated[0] - converted[0]) / 1_000_000, (validated[1] - converted[1]) >> 20,
                    (heap.totalMemory() - heap.freeMemory()) >> 20, problems.size() + typed.problems().size());
        }
    }

    /** This thread's CPU time (ns) and allocated bytes. */
    private static long[] now() {
        return new long[] {THREADS.getCurrentThreadCpuTime(), THREADS.getThreadAllocatedBytes(Thread.currentThread().getId())};
    }
}

import dev.itf.api.TestSuite;
import dev.itf.manifest.Manifests;
import dev.itf.results.RunResult;
import dev.itf.runner.RunOptions;
import dev.itf.runner.SuiteRunner;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a suite in this JVM several times and prints, per round, the wall time and the CPU time (all threads, user and
 * system) per case. Later rounds show the engine warmed up; CPU time per case holds even on a machine busy with other
 * work, where wall times do not. Used by bench/http-cases.sh:
 *
 * <pre>java -cp APP_CLASSPATH bench/CaseCpu.java SUITE.yaml PARALLEL ROUNDS</pre>
 */
public class CaseCpu {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int parallel = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        TestSuite suite = Manifests.parse(file, Files.readString(file)).get(0).as(TestSuite.class).resource();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 1; round <= rounds; round++) {
            RunOptions options = new RunOptions();
            options.parallel = parallel;
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            RunResult result = new SuiteRunner(suite, options).run();
            wall = System.nanoTime() - wall;
            cpu = os.getProcessCpuTime() - cpu;
            int n = result.cases.size();
            System.out.printf("ROUND %d cases=%d passed=%d wall_us_per_case=%.1f cpu_us_per_case=%.1f%n",
                    round, n, result.summary.passed, wall / 1e3 / n, cpu / 1e3 / n);
        }
    }
}

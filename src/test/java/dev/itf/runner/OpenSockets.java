package dev.itf.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Connections this JVM holds open to a port, read from the kernel's socket tables, to show a run leaks none. */
public final class OpenSockets {

    private static final String ESTABLISHED = "01";

    private OpenSockets() {
    }

    /** How many established TCP connections of this process have the given remote port. */
    public static int to(int remotePort) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing: not an open socket
                }
            }
        }
        int count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] f = line.trim().split("\\s+");
                int port = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
                if (port == remotePort && ESTABLISHED.equals(f[3]) && inodes.contains(f[9])) {
                    count++;
                }
            }
        }
        return count;
    }
}

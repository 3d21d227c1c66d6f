package dev.itf.operator.run;

import dev.itf.api.TestRun;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Deterministic names of everything a run creates, so a restarted operator finds what it made instead of making it twice. */
public final class RunNames {
    public static final String SUITE_CONFIG_MAP = "itf-suite";
    public static final String TOKEN_SECRET = "itf-run-token";
    public static final String TOKEN_KEY = "token";
    public static final String SUITE_SECRETS = "itf-suite-secrets";
    public static final String ANNOTATION_RUN_NAME = "itf.dev/run-name";
    public static final String ANNOTATION_RUN_UID = "itf.dev/run-uid";

    private static final int MAX_LABEL = 63;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private RunNames() {
    }

    /** itf-RUN-XXXXX, at most 63 characters; the suffix is a hash of the run's uid, so it is the same after a restart. */
    public static String namespace(TestRun run) {
        String suffix = hash(run.getMetadata().getUid(), 5);
        int room = MAX_LABEL - "itf-".length() - 1 - suffix.length();
        String base = run.getMetadata().getName().replace('.', '-');
        if (base.length() > room) {
            base = base.substring(0, room);
        }
        base = base.replaceAll("-+$", "");
        return "itf-" + base + "-" + suffix;
    }

    public static String runnerJob(int shard) {
        return "itf-runner-" + shard;
    }

    public static String credentialsSecret(String component) {
        return component + "-credentials";
    }

    public static String initConfigMap(String component) {
        return component + "-init";
    }

    public static String configConfigMap(String component) {
        return component + "-config";
    }

    /** A label value: at most 63 characters, ending in an alphanumeric character. */
    public static String labelValue(String value) {
        String v = value.length() > MAX_LABEL ? value.substring(0, MAX_LABEL) : value;
        return v.replaceAll("[^A-Za-z0-9]+$", "");
    }

    static String hash(String input, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < length; i++) {
                out.append(ALPHABET.charAt((digest[i] & 0xff) % ALPHABET.length()));
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}

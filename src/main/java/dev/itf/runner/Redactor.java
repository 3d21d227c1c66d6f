package dev.itf.runner;

import dev.itf.results.SecretNames;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The one place that keeps secrets out of output: every secret value the run reads is registered here. */
public final class Redactor {

    public static final String MASK = SecretNames.MASK;
    private static final Pattern URI_PASSWORD = Pattern.compile("(?<=://)([^:/@\\s]+):([^@/\\s]+)@");

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    /** The secrets, longest first (so a secret containing another is masked whole), sorted once per new secret. */
    private volatile String[] longestFirst = new String[0];

    /** Registers a value to mask; values shorter than 3 characters would mask ordinary text and are skipped. */
    public void register(String secret) {
        if (secret != null && secret.length() >= 3 && secrets.add(secret)) {
            synchronized (this) {
                longestFirst = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toArray(String[]::new);
            }
        }
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        // the pattern needs both: most lines have neither, and skip the regex
        if (text.indexOf('@') >= 0 && text.contains("://")) {
            out = URI_PASSWORD.matcher(text).replaceAll("$1:" + MASK + "@");
        }
        for (String s : longestFirst) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    /** Whether a variable or header of this name holds a credential, so its value is never shown. */
    public static boolean isSecretName(String name) {
        return SecretNames.isSecret(name);
    }

    /** The value as reports may show it: the mask for a secret name or a registered secret, else the value redacted. */
    public String shown(String name, String value) {
        if (value == null) {
            return null;
        }
        if (isSecretName(name) || secrets.contains(value)) {
            return MASK;
        }
        return redact(value);
    }
}

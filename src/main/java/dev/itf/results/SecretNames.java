package dev.itf.results;

import java.util.regex.Pattern;

/** The naming rule for credentials, shared by the runner (which masks them) and the reports (which never show them). */
public final class SecretNames {

    /** What a report shows in place of a secret value. */
    public static final String MASK = "******";

    /** Names of variables and headers whose values are credentials. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(auth|token|key|secret|cookie|password|passwd|credential).*");

    private SecretNames() {
    }

    /** Whether a variable or header of this name holds a credential, so its value is never shown. */
    public static boolean isSecret(String name) {
        return name != null && SECRET_NAME.matcher(name).matches();
    }
}

package dev.itf.runner.security;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The kinds of sensitive data dataExposure looks for, each a pattern and, where one exists, a checksum. */
final class SensitiveData {

    private static final Map<String, Pattern> PATTERNS = Map.of(
            "email", Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"),
            "creditCard", Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])"),
            "ssn", Pattern.compile("(?<![0-9-])(?!000|666|9[0-9]{2})[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}(?![0-9-])"),
            "iban", Pattern.compile("(?<![A-Z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}(?![A-Z0-9])"),
            "jwt", Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"),
            "privateKey", Pattern.compile("-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----"),
            "password", Pattern.compile("(?i)\"(?:password|passwd|pwd|client_secret|secret)\"\\s*:\\s*\"([^\"]+)\"|(?:^|[?&\\s])(?:password|passwd|pwd)=([^&\\s]+)"),
            "stackTrace", Pattern.compile("\\bat [A-Za-z0-9_$.]+\\([A-Za-z0-9_$]+\\.(?:java|kt|scala):[0-9]+\\)"
                    + "|Traceback \\(most recent call last\\)|\\bat [^\\s()]+ \\([^()\\s]+\\.[cm]?js:[0-9]+:[0-9]+\\)"
                    + "|Exception in thread \"|\\bgoroutine [0-9]+ \\[running\\]|System\\.[A-Za-z]+Exception:"));

    /** One match: the kind, the value found and how evidence shows it. */
    record Match(String kind, String value, String masked) {
    }

    private SensitiveData() {
    }

    /** The matches of one kind in the text, checksums applied (Luhn for cards, mod 97 for IBANs). */
    static List<Match> find(String kind, String text) {
        List<Match> out = new ArrayList<>();
        Pattern p = PATTERNS.get(kind);
        if (p == null || text == null) {
            return out;
        }
        Matcher m = p.matcher(text);
        while (m.find()) {
            String value = m.group();
            if (kind.equals("password")) {
                value = m.group(1) != null ? m.group(1) : m.group(2);
            }
            String bare = value.replaceAll("[ -]", "");
            if (kind.equals("creditCard") && !(bare.length() >= 13 && bare.length() <= 19 && luhn(bare))) {
                continue;
            }
            if (kind.equals("iban") && !iban(bare)) {
                continue;
            }
            out.add(new Match(kind, value, mask(kind, bare, value)));
        }
        return out;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    static boolean iban(String s) {
        if (s.length() < 15 || s.length() > 34) {
            return false;
        }
        String moved = s.substring(4) + s.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : moved.toUpperCase(Locale.ROOT).toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** What evidence shows: never the value itself, at most its last four characters for cards and accounts. */
    private static String mask(String kind, String bare, String value) {
        return switch (kind) {
            case "creditCard", "iban" -> "*".repeat(bare.length() - 4) + bare.substring(bare.length() - 4);
            case "email" -> value.charAt(0) + "***@" + value.substring(value.indexOf('@') + 1);
            case "ssn" -> "***-**-" + bare.substring(bare.length() - 4);
            case "privateKey" -> value;
            case "stackTrace" -> value.length() > 80 ? value.substring(0, 80) : value;
            default -> "(" + value.length() + " characters)";
        };
    }
}

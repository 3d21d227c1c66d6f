package dev.itf.runner.security;

import dev.itf.runner.SentValues;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Sensitive data never in responses; values the suite itself sent (an email it posted) are not leaks. */
final class DataExposureCheck {

    private DataExposureCheck() {
    }

    static void run(Scan scan, List<String> kinds) {
        SentValues sent = SentValues.of(scan.ctx.resources());
        for (String kind : kinds) {
            int found = 0;
            Set<SecurityRequest> reported = new HashSet<>();
            for (Exchange x : scan.seen) {
                for (SensitiveData.Match m : SensitiveData.find(kind, x.body())) {
                    if (sent.contains(m.value())) {
                        continue;
                    }
                    if (!kind.equals("stackTrace")) {
                        // the value is sensitive from now on: it must not reach a log or report by another path
                        scan.ctx.redactor().register(m.value());
                    }
                    found++;
                    if (reported.add(x.request())) {
                        scan.findings.add("dataExposure", "dataExposure." + kind, x.request(), false, severity(kind),
                                x.line() + ": " + kind + " in the response: " + m.masked());
                    }
                    break;
                }
            }
            if (found == 0) {
                scan.findings.add("dataExposure", "dataExposure." + kind, null, true, severity(kind),
                        "no " + kind + " in " + scan.seen.size() + " responses");
            }
        }
    }

    private static String severity(String kind) {
        return switch (kind) {
            case "creditCard", "privateKey", "password", "jwt", "ssn", "iban" -> Findings.HIGH;
            case "email" -> Findings.MEDIUM;
            default -> Findings.LOW;
        };
    }
}

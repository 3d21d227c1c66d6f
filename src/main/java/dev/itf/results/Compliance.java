package dev.itf.results;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

/** The compliance report of a run (SPEC §7), on {@link RunResult#compliance} and in compliance.json: one entry per selected profile. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Compliance {
    public List<Profile> profiles = new ArrayList<>();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Profile {
        /** e.g. owasp-api-2023, pci-dss-4.0. */
        public String profile;
        /** Share of the profile's controls that were tested, 0 to 1. */
        public Double coverage;
        public List<Control> controls = new ArrayList<>();

        public long count(String status) {
            return controls.stream().filter(c -> status.equals(c.status)).count();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Control {
        public static final String PASSED = "passed";
        public static final String FAILED = "failed";
        public static final String NOT_TESTED = "not tested";

        /** PROFILE:CONTROL, e.g. owasp-api-2023:API1. */
        public String control;
        public String title;
        /** passed, failed or not tested. */
        public String status;
        public List<String> checks = new ArrayList<>();
        public List<String> cases = new ArrayList<>();
        public List<String> evidence = new ArrayList<>();
    }
}

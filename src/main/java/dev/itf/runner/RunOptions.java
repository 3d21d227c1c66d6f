package dev.itf.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** How to run a suite: run variables, which cases, how many at once, and who to tell about results. */
public final class RunOptions {

    /** Run variables; they override the suite's variables. Components come in as components.NAME.KEY. */
    public Map<String, String> variables = new LinkedHashMap<>();
    /** Run only cases with at least one of these tags (empty: every case). */
    public List<String> tags = new ArrayList<>();
    /** Leave out cases with any of these tags. */
    public List<String> excludeTags = new ArrayList<>();
    /** Run only these case ids (empty: every case). */
    public List<String> ids = new ArrayList<>();
    /** This runner's shard (0-based) and the number of shards: shard i runs selected cases at positions p % shards == i. */
    public int shard;
    public int shards = 1;
    /** Cases run at once. */
    public int parallel = 1;
    /** Overrides every case's retries when set. */
    public Integer retries;
    /** Directory of the suite file: schemaRef files and schemas/CONFIGMAP/KEY are read relative to it. */
    public Path suiteDirectory = Path.of(".");
    /** Environment variables, for ${env.NAME} and secrets (ITF_SECRET_NAME_KEY). */
    public Function<String, String> environment = System::getenv;
    /** Keep request and response bodies in the step logs of passing cases too (by default only cases that did not pass keep them). */
    public boolean fullLogs;
    /** Told about each case as it finishes. */
    public List<CaseListener> listeners = new ArrayList<>();
}

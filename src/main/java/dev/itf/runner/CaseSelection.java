package dev.itf.runner;

import dev.itf.api.TestCase;

import java.util.ArrayList;
import java.util.List;

/**
 * Which cases of a suite this runner runs: those with any of the tags (all when none are given), none of the
 * excluded tags, and one of the ids (all when none are given); then shard i of N keeps the selected cases at
 * positions p with p % N == i, so shards split the work evenly and never overlap. A case whose load step is split
 * over K shards runs in shards 0 to K-1, each with its share of the load.
 */
public final class CaseSelection {

    private CaseSelection() {
    }

    /** The cases this shard runs. */
    public static List<TestCase> select(List<TestCase> cases, RunOptions options) {
        if (options.shards < 1 || options.shard < 0 || options.shard >= options.shards) {
            throw new IllegalArgumentException("shard " + options.shard + " of " + options.shards
                    + ": the shard must be between 0 and shards - 1, and shards at least 1");
        }
        List<TestCase> selected = matching(cases, options);
        List<TestCase> shard = new ArrayList<>();
        for (int p = 0; p < selected.size(); p++) {
            int loadShares = dev.itf.runner.load.LoadStep.shares(selected.get(p), options.shards);
            if (loadShares > 1 ? options.shard < loadShares : p % options.shards == options.shard) {
                shard.add(selected.get(p));
            }
        }
        return shard;
    }

    /** The cases the tags, excluded tags and ids select, before sharding. */
    public static List<TestCase> matching(List<TestCase> cases, RunOptions options) {
        List<TestCase> selected = new ArrayList<>();
        for (TestCase c : cases) {
            boolean tagged = options.tags.isEmpty() || c.tags.stream().anyMatch(options.tags::contains);
            boolean excluded = c.tags.stream().anyMatch(options.excludeTags::contains);
            boolean named = options.ids.isEmpty() || options.ids.contains(c.id) || instanceSelected(c, options.ids);
            if (tagged && !excluded && named) {
                selected.add(c);
            }
        }
        return selected;
    }

    /**
     * Data-driven cases: an instance {@code API_001[2]} is selected by its own id or by {@code API_001} (all instances);
     * a forEach case not yet expanded by either form.
     */
    private static boolean instanceSelected(TestCase c, List<String> ids) {
        String base = CaseInstances.baseId(c.id);
        if (!base.equals(c.id)) {
            return ids.contains(base);
        }
        return c.forEach != null && ids.stream().anyMatch(id -> CaseInstances.baseId(id).equals(c.id));
    }
}

package dev.itf.operator.lifecycle;

import dev.itf.api.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Components in dependsOn order: every component after the ones it depends on (the validator rejects cycles). */
public final class ComponentOrder {
    private ComponentOrder() {
    }

    public static List<Component> sort(List<Component> components) {
        List<Component> out = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        List<Component> left = new ArrayList<>(components);
        while (!left.isEmpty()) {
            Component next = left.stream().filter(c -> placed.containsAll(known(c, components))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("components depend on each other in a cycle: "
                            + left.stream().map(c -> c.name).toList()));
            out.add(next);
            placed.add(next.name);
            left.remove(next);
        }
        return out;
    }

    /** Whether every component c depends on is ready. */
    public static boolean canStart(Component c, Set<String> ready) {
        return ready.containsAll(c.dependsOn);
    }

    private static List<String> known(Component c, List<Component> all) {
        return c.dependsOn.stream().filter(d -> all.stream().anyMatch(x -> x.name.equals(d))).toList();
    }
}

package dev.itf.operator;

import dev.itf.validation.ObjectLookup;
import dev.itf.validation.Problem;
import dev.itf.validation.ReferenceCheck;
import dev.itf.validation.Reference;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Watches the Secrets and ConfigMaps that primaries refer to: an index on the primaries (namespace, kind and name of
 * each referenced object) maps a Secret or ConfigMap event back to the primaries that name it, so a resource is
 * validated again when an object it refers to appears, changes or goes away. The informers follow the controller's
 * namespaces and keep only key names (see {@link KeyNamesStore}).
 */
final class ReferenceWatch {

    private static final String INDEX = "itf-references";
    private static final String SECRETS = "referenced-secrets";
    private static final String CONFIG_MAPS = "referenced-configmaps";

    private ReferenceWatch() {
    }

    static <P extends HasMetadata> List<EventSource<?, P>> eventSources(EventSourceContext<P> context,
                                                                        Function<P, List<Reference>> references) {
        context.getPrimaryCache().addIndexer(INDEX, primary -> references.apply(primary).stream()
                .map(r -> key(r.kind(), primary.getMetadata().getNamespace(), r.name()))
                .distinct()
                .toList());
        var secrets = InformerEventSourceConfiguration.from(Secret.class, context.getPrimaryResourceClass())
                .withName(SECRETS)
                .withNamespacesInheritedFromController()
                .withItemStore(KeyNamesStore.secrets())
                .withSecondaryToPrimaryMapper(s -> primaries(context, Reference.Kind.Secret, s))
                .build();
        var configMaps = InformerEventSourceConfiguration.from(ConfigMap.class, context.getPrimaryResourceClass())
                .withName(CONFIG_MAPS)
                .withNamespacesInheritedFromController()
                .withItemStore(KeyNamesStore.configMaps())
                .withSecondaryToPrimaryMapper(c -> primaries(context, Reference.Kind.ConfigMap, c))
                .build();
        return List.of(new InformerEventSource<>(secrets, context), new InformerEventSource<>(configMaps, context));
    }

    /** Problems of the primary's references: missing Secrets and ConfigMaps, or missing keys. */
    static <P extends HasMetadata> List<Problem> check(Context<P> context, P primary, List<Reference> references) {
        String namespace = primary.getMetadata().getNamespace();
        return ReferenceCheck.check(references, lookup(context, namespace), namespace, true);
    }

    /** Looks referenced objects up in the informer caches, in the primary's namespace. */
    @SuppressWarnings("unchecked")
    private static <P extends HasMetadata> ObjectLookup lookup(Context<P> context, String namespace) {
        var secrets = (InformerEventSource<Secret, P>) context.eventSourceRetriever().getEventSourceFor(Secret.class, SECRETS);
        var configMaps = (InformerEventSource<ConfigMap, P>) context.eventSourceRetriever().getEventSourceFor(ConfigMap.class, CONFIG_MAPS);
        return (kind, name) -> switch (kind) {
            case Secret -> secrets.get(new ResourceID(name, namespace)).map(s -> keys(s.getData())).orElse(null);
            case ConfigMap -> configMaps.get(new ResourceID(name, namespace)).map(c -> keys(c.getData())).orElse(null);
        };
    }

    private static <P extends HasMetadata> Set<ResourceID> primaries(EventSourceContext<P> context, Reference.Kind kind, HasMetadata object) {
        return context.getPrimaryCache()
                .byIndex(INDEX, key(kind, object.getMetadata().getNamespace(), object.getMetadata().getName()))
                .stream()
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    private static String key(Reference.Kind kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }

    private static Set<String> keys(Map<String, String> data) {
        return data == null ? Set.of() : new TreeSet<>(data.keySet());
    }
}

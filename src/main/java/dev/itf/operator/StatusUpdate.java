package dev.itf.operator;

import dev.itf.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

import java.util.function.BiConsumer;

/**
 * Writes a status only when it changed, so a reconcile that finds nothing new writes nothing, and writes it whole, on
 * the resourceVersion it was computed from.
 *
 * <p>The status is replaced (PUT on the status subresource) with optimistic locking, not patched from a diff: a diff
 * computed against a stale copy, sent without a resourceVersion, can add a list entry a second time. On a conflict
 * the resource is read again; when only its metadata or spec moved on, the same status is written on the new
 * resourceVersion; when its status moved on, the conflict goes back to the controller, which reconciles the newer
 * resource. The written resource is handed to the controller's cache, so the next reconcile starts from it.
 */
public final class StatusUpdate {

    private static final ObjectMapper MAPPER = Json.MAPPER;
    /** Conflicts on metadata or spec alone written through before the conflict goes back to the controller. */
    static final int ATTEMPTS = 5;

    private StatusUpdate() {
    }

    /** A deep copy of a status, to build the next one from without touching the observed one. */
    public static <S> S copy(S status, Class<S> type) {
        return status == null ? null : MAPPER.convertValue(status, type);
    }

    public static boolean same(Object a, Object b) {
        return MAPPER.valueToTree(a).equals(MAPPER.valueToTree(b));
    }

    /** Writes {@code next} when it differs from the resource's status; either way the controller has nothing to patch. */
    public static <S, P extends CustomResource<?, S>> UpdateControl<P> patchIfChanged(P resource, S next, Context<P> context) {
        S seen = resource.getStatus();
        if (!same(seen, next)) {
            resource.setStatus(next);
            write(resource, seen, context);
        }
        return UpdateControl.noUpdate();
    }

    /**
     * Writes the status the resource holds, on its resourceVersion.
     *
     * @param resource the resource as the reconcile read it, holding the next status
     * @param seen     the status the reconcile read, which the next one was computed from
     * @return the resource as written
     */
    public static <S, P extends CustomResource<?, S>> P write(P resource, S seen, Context<P> context) {
        return write(context.getClient(), resource, seen, (written, replaced) -> context.eventSourceRetriever()
                .getControllerEventSource().handleRecentResourceUpdate(ResourceID.fromResource(written), written, replaced));
    }

    /**
     * @param written told of each resource written, with the resource it replaced (whose resourceVersion was the base)
     */
    static <S, P extends CustomResource<?, S>> P write(KubernetesClient client, P resource, S seen, BiConsumer<P, P> written) {
        for (int attempt = 1; ; attempt++) {
            try {
                P result = client.resource(resource).updateStatus();
                written.accept(result, resource);
                return result;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
                P fresh = client.resource(resource).get();
                if (fresh == null || !same(fresh.getStatus(), seen)) {
                    throw e;
                }
                resource.getMetadata().setResourceVersion(fresh.getMetadata().getResourceVersion());
            }
        }
    }
}

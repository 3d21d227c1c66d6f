package dev.itf.operator;

import dev.itf.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/** Patches a status only when it changed, so a reconcile that finds nothing new writes nothing. */
public final class StatusUpdate {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private StatusUpdate() {
    }

    /** A deep copy of a status, to build the next one from without touching the observed one. */
    public static <S> S copy(S status, Class<S> type) {
        return status == null ? null : MAPPER.convertValue(status, type);
    }

    public static boolean same(Object a, Object b) {
        return MAPPER.valueToTree(a).equals(MAPPER.valueToTree(b));
    }

    /** patchStatus with {@code next} when it differs from the resource's status, noUpdate otherwise. */
    public static <S, P extends CustomResource<?, S>> UpdateControl<P> patchIfChanged(P resource, S next) {
        if (same(resource.getStatus(), next)) {
            return UpdateControl.noUpdate();
        }
        resource.setStatus(next);
        return UpdateControl.patchStatus(resource);
    }
}

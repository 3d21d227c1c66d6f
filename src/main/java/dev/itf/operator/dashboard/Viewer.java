package dev.itf.operator.dashboard;

import io.fabric8.kubernetes.api.model.authentication.UserInfo;

/**
 * Who looks at the dashboard: a signed-in Kubernetes identity with its session, or anyone when
 * {@code itf.reports.auth=none}. The bearer token it signed in with is not kept.
 *
 * @param session the session's id (its digest keys the access cache); null for anyone
 * @param user the identity the TokenReview returned; null for anyone
 */
public record Viewer(String session, UserInfo user) {
    public static final Viewer ANYONE = new Viewer(null, null);

    public String name() {
        return user == null ? "" : user.getUsername();
    }

    public boolean anyone() {
        return user == null;
    }
}

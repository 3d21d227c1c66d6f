package dev.itf.validation;

import java.util.Set;

/**
 * Whether objects of a kind live in a namespace. In a cluster the operator asks the API server's discovery, which
 * knows every CustomResourceDefinition; {@link #BUILT_IN} answers without a cluster (for {@code itf lint}) and when
 * discovery cannot.
 */
@FunctionalInterface
public interface KindScope {

    /** The cluster-scoped kinds of Kubernetes itself, by kind alone: a custom kind of the same name is refused too. */
    Set<String> CLUSTER_SCOPED_KINDS = Set.of("Namespace", "Node", "PersistentVolume", "ComponentStatus",
            "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "APIService",
            "StorageClass", "CSIDriver", "CSINode", "VolumeAttachment", "PriorityClass", "IngressClass", "RuntimeClass",
            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy",
            "ValidatingAdmissionPolicyBinding", "CertificateSigningRequest", "FlowSchema", "PriorityLevelConfiguration",
            "PodSecurityPolicy", "TokenReview", "SubjectAccessReview", "SelfSubjectAccessReview", "SelfSubjectRulesReview");

    /** The built-in list: a kind it does not name counts as namespaced. */
    KindScope BUILT_IN = (apiVersion, kind) -> CLUSTER_SCOPED_KINDS.contains(kind);

    /** @param apiVersion as in a manifest, e.g. {@code v1} or {@code rbac.authorization.k8s.io/v1} */
    boolean clusterScoped(String apiVersion, String kind);
}

package dev.itf.operator.notify;

/** One notification to one receiver, which may be attempted more than once. */
public interface Delivery {

    /** The receiver, for Events and logs: a host or an address, never a URL's path or a secret. */
    String target();

    /** One attempt; returns when delivered. */
    void attempt() throws DeliveryFailure;
}

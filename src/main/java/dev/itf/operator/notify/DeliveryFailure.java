package dev.itf.operator.notify;

/** A notification that was not delivered; retryable when sending it again may succeed (the receiver was down, busy). */
public final class DeliveryFailure extends Exception {
    private final boolean retryable;

    public DeliveryFailure(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /** An HTTP answer: 2xx delivered; 408, 429 and 5xx worth another try; any other refusal final. */
    static void checkHttp(int status) throws DeliveryFailure {
        if (status / 100 != 2) {
            throw new DeliveryFailure("HTTP " + status, status == 408 || status == 429 || status / 100 == 5);
        }
    }
}

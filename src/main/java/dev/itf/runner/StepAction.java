package dev.itf.runner;

/**
 * What a step does. The engine creates one action per step when a case attempt starts, calls {@link #beforeCase}
 * on all of them in order (so an expectMessage step can start listening before the step that triggers the message
 * runs), then {@link #execute} on each step in order, and {@link #afterCase} on all of them at the end, always.
 * <p>
 * {@code execute} returns what the step's expectations and captures are checked against. An exception means the
 * step could not run (the case is errored); its message must name the address and cause, never a credential.
 */
public interface StepAction {

    default void beforeCase(StepContext ctx) throws Exception {
    }

    StepResponse execute(StepContext ctx) throws Exception;

    default void afterCase() {
    }
}

package dev.itf.api;

public enum RunPhase {
    Pending, Provisioning, Running, Succeeded, Failed, Error;

    public boolean isFinal() {
        return this == Succeeded || this == Failed || this == Error;
    }
}

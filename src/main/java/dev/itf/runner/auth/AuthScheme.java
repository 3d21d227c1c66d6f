package dev.itf.runner.auth;

import dev.itf.runner.StepContext;

/** One way of authenticating a request; instances live for the whole run and are called from many cases at once. */
interface AuthScheme {

    void apply(AuthTarget target, StepContext ctx) throws Exception;
}

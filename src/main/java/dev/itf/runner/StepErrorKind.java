package dev.itf.runner;

import dev.itf.results.ErrorKind;
import dev.itf.runner.auth.AuthException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Why a step could not run, read from the exception it threw and the causes inside it (drivers wrap the telling one deeply). */
public final class StepErrorKind {

    private StepErrorKind() {
    }

    /** Tests on one exception, most telling first: an unresolved name inside a refused connection is a DNS problem. */
    private static final List<Function<Throwable, ErrorKind>> TESTS = List.of(
            t -> t instanceof TemplateException ? ErrorKind.TEMPLATE : null,
            t -> t instanceof AuthException ? ErrorKind.AUTH : null,
            t -> t instanceof UnknownHostException || t instanceof UnresolvedAddressException ? ErrorKind.DNS : null,
            t -> t instanceof SSLException || t instanceof GeneralSecurityException ? ErrorKind.TLS : null,
            t -> t instanceof HttpTimeoutException || t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || t.getClass().getSimpleName().endsWith("TimeoutException") ? ErrorKind.TIMEOUT : null,
            t -> t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("28") ? ErrorKind.AUTH : null,
            // drivers' own types: RabbitMQ AuthenticationFailureException, Kafka SaslAuthenticationException,
            // Jedis JedisAccessControlException, MQTT MqttSecurityException
            t -> t.getClass().getSimpleName().matches(".*(Authentication|AccessControl|Security).*Exception") ? ErrorKind.AUTH : null,
            t -> t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof PortUnreachableException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")
                    || t.getClass().getSimpleName().matches(".*Connection.*Exception") ? ErrorKind.CONNECTION : null);

    public static ErrorKind of(Throwable error) {
        for (Function<Throwable, ErrorKind> test : TESTS) {
            for (Throwable t = error; t != null; t = t.getCause()) {
                ErrorKind kind = test.apply(t);
                if (kind != null) {
                    return kind;
                }
            }
        }
        // what is left: a step input that cannot be used (a bad URL, a missing field), or a server that answered
        // in a way the step cannot use (an SQL error, a refused publish)
        return error instanceof IllegalArgumentException ? ErrorKind.TEMPLATE : ErrorKind.PROTOCOL;
    }
}

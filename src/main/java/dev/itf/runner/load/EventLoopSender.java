package dev.itf.runner.load;

import dev.itf.http.Headers;
import dev.itf.http.Request;
import dev.itf.http.Response;
import dev.itf.runner.StepContext;
import dev.itf.runner.StepResponse;
import dev.itf.runner.http.HttpStep;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Sends a load step's plain-http requests from a few event-loop threads instead of a thread per request in flight:
 * each request in flight holds one keep-alive connection (reused for the next request), so a slow server costs
 * connections, not threads. The step's own code builds every request (templates, auth, headers: {@link HttpStep#prepare})
 * and checks every response against the step's expectations; a redirect, or a request rendered for another origin,
 * is sent once more through the step's blocking client, which follows it.
 */
final class EventLoopSender {

    /** The largest response body read; a bigger one is a failed request. */
    private static final int MAX_BODY = 16 * 1024 * 1024;
    private static final long CONNECT_TIMEOUT_MILLIS = 10_000;
    /** The most arrivals handed to a loop in one task. */
    private static final int BATCH = 64;
    /** The most connections a loop opens at once. */
    private static final int CONNECTING = 4;

    /** What the load step does with a response or a failure. */
    interface Outcomes {
        /** Records a response, checked against the step's expectations; latency {@code took} nanoseconds. */
        void response(long sendTime, long took, StepResponse response);

        void failure(long sendTime, Throwable error);

        /** Sends one request through the step's blocking client, from {@code from} (redirects are followed there). */
        void blocking(long sendTime, long from);
    }

    private final HttpStep http;
    private final StepContext ctx;
    private final Outcomes outcomes;
    private final AtomicLong inFlight;
    private final Duration timeout;
    private final URI uri;
    private final String host;
    private final int port;
    private final boolean head;
    private final String method;
    private final boolean followRedirects;
    /** The request's bytes when every request is the same; null when each is rendered anew. */
    private final byte[] fixed;
    private final NioEventLoopGroup group;
    private final Lane[] lanes;
    private ExecutorService blocking;

    EventLoopSender(HttpStep http, StepContext ctx, Duration timeout, AtomicLong inFlight, Outcomes outcomes) throws Exception {
        this.http = http;
        this.ctx = ctx;
        this.timeout = timeout;
        this.inFlight = inFlight;
        this.outcomes = outcomes;
        Request first = http.prepare(ctx);
        this.uri = first.uri();
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.method = first.method();
        this.head = method.equals("HEAD");
        this.followRedirects = http.followsRedirects();
        this.fixed = http.samePerRequest() ? first.bytes() : null;
        // a loop per core (at most 4), as wrk runs a thread per core: on a shared machine a thread is a share of the CPU
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        this.group = new NioEventLoopGroup(threads, new DefaultThreadFactory("itf-load-loop", true));
        this.lanes = new Lane[threads];
        for (int i = 0; i < threads; i++) {
            lanes[i] = new Lane(group.next());
        }
    }

    /** Whether the step's request can go over the event loop: plain http, default TLS settings. */
    static boolean suits(Object request, StepContext ctx) {
        return request instanceof HttpStep h && h.eventLoopCapable(ctx);
    }

    /** Closed model: each virtual user sends its next request when its last one returned; returns when sending ended. */
    long closed(LoadPlan plan, long start, long end, BooleanSupplier running) throws InterruptedException {
        int users = plan.maxUsers();
        for (int u = 0; u < users; u++) {
            Lane lane = lanes[u % lanes.length];
            User user = new User(u, lane, plan, start, end, running);
            lane.loop.execute(user::next);
        }
        return waitUntil(end, running);
    }

    /**
     * Open model: arrivals at the plan's times whatever the responses do; one taken while maxInFlight requests are in
     * flight is dropped and counted. Latency counts from the arrival's intended time.
     */
    long open(LoadPlan plan, long start, long end, BooleanSupplier running, LoadRecorder recorder) throws InterruptedException {
        int next = 0;
        long[] batch = new long[BATCH];
        int size = 0;
        for (long n = 0; running.getAsBoolean(); ) {
            double at = plan.arrival(n);
            if (at >= plan.totalSeconds) {
                break;
            }
            long due = start + Math.round(at * 1e9);
            long now = System.nanoTime();
            if (now - end >= 0) {
                break;
            }
            if (due - now > 0 || size == batch.length) {
                // the arrivals due so far go to a loop in one task: one wake-up for all of them
                if (size > 0) {
                    hand(lanes[next], batch, size);
                    next = (next + 1) % lanes.length;
                    size = 0;
                    continue;
                }
                LockSupport.parkNanos(due - now);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                continue;
            }
            n++;
            if (inFlight.get() >= plan.maxInFlight) {
                recorder.dropped(due);
                continue;
            }
            inFlight.incrementAndGet();
            batch[size++] = due;
        }
        if (size > 0) {
            hand(lanes[next], batch, size);
        }
        return waitUntil(end, running);
    }

    private static void hand(Lane lane, long[] batch, int size) {
        long[] dues = Arrays.copyOf(batch, size);
        lane.loop.execute(() -> {
            for (long d : dues) {
                lane.send(d);
            }
        });
    }

    private static long waitUntil(long end, BooleanSupplier running) throws InterruptedException {
        while (running.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return Math.min(System.nanoTime(), end);
    }

    /** Waits for the requests in flight until {@code drainUntil} (System.nanoTime()), then closes every connection. */
    void close(long drainUntil) throws InterruptedException {
        while (inFlight.get() > 0 && drainUntil - System.nanoTime() > 0) {
            Thread.sleep(5);
        }
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).await(5, TimeUnit.SECONDS);
        synchronized (this) {
            if (blocking != null) {
                blocking.shutdownNow();
                blocking.awaitTermination(Math.max(1, TimeUnit.NANOSECONDS.toMillis(drainUntil - System.nanoTime())), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Sends one request through the step's blocking client on another thread; then runs {@code done} on the loop. */
    private synchronized void sendBlocking(long sendTime, long from, EventLoop loop, Runnable done) {
        if (blocking == null) {
            blocking = Executors.newCachedThreadPool(new DefaultThreadFactory("itf-load-blocking", true));
        }
        blocking.execute(() -> {
            try {
                outcomes.blocking(sendTime, from);
            } finally {
                inFlight.decrementAndGet();
                loop.execute(done);
            }
        });
    }

    /** The bytes of the next request; null (handed to the blocking client) when it goes to another origin. */
    private byte[] nextRequest() throws Exception {
        if (fixed != null) {
            return fixed;
        }
        Request r = http.prepare(ctx);
        URI u = r.uri();
        int p = u.getPort() < 0 ? 80 : u.getPort();
        if (!"http".equalsIgnoreCase(u.getScheme()) || !host.equalsIgnoreCase(u.getHost()) || p != port) {
            return null;
        }
        return r.bytes();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * One event loop with its connections (open model). An arrival takes an idle connection, or opens one while fewer
     * than {@link #CONNECTING} are being opened, or waits for the first connection free (its latency still counts from
     * its intended time): so a stall does not turn into a storm of new connections. Touched by its loop's thread only.
     */
    private final class Lane {
        final EventLoop loop;
        final ArrayDeque<Conn> idle = new ArrayDeque<>();
        final ArrayDeque<Long> waiting = new ArrayDeque<>();
        int connecting;

        Lane(EventLoop loop) {
            this.loop = loop;
        }

        void send(long due) {
            Conn c = idle.pollFirst();
            if (c != null) {
                c.send(due, due, this::free);
            } else if (connecting < CONNECTING) {
                new Conn(this).send(due, due, this::free);
            } else {
                waiting.addLast(due);
            }
        }

        /** A connection's exchange ended: it takes the next waiting arrival, or waits itself. */
        void free(Conn conn) {
            Long due = waiting.pollFirst();
            if (due != null) {
                (conn.open() ? conn : new Conn(this)).send(due, due, this::free);
            } else if (conn.open()) {
                idle.addFirst(conn);
            }
        }

        /** A connection was opened (or failed to): another may be opened for the arrivals waiting. */
        void connected() {
            connecting--;
            while (connecting < CONNECTING && !waiting.isEmpty()) {
                long due = waiting.pollFirst();
                new Conn(this).send(due, due, this::free);
            }
        }
    }

    /** A closed-model virtual user: its own connection, one request at a time. Runs on its lane's loop. */
    private final class User {
        final int index;
        final LoadPlan plan;
        final long start;
        final long end;
        final BooleanSupplier running;
        final Conn conn;

        User(int index, Lane lane, LoadPlan plan, long start, long end, BooleanSupplier running) {
            this.index = index;
            this.plan = plan;
            this.start = start;
            this.end = end;
            this.running = running;
            this.conn = new Conn(lane);
        }

        void next() {
            long now = System.nanoTime();
            if (!running.getAsBoolean() || now - end >= 0) {
                return;
            }
            if (index >= plan.activeUsers((now - start) / 1e9)) {
                conn.lane.loop.schedule(this::next, 10, TimeUnit.MILLISECONDS);
                return;
            }
            inFlight.incrementAndGet();
            conn.send(now, now, c -> next());
        }
    }

    /** What to do when a connection's exchange ended (it may be closed then). */
    private interface Then {
        void accept(Conn conn);
    }

    /** The handler of one channel: a connection reconnects through a new one (a handler belongs to one channel). */
    private static final class Handler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final Conn conn;

        Handler(Conn conn) {
            this.conn = conn;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext c, FullHttpResponse msg) {
            conn.received(c, msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext c) throws Exception {
            conn.inactive(c);
            super.channelInactive(c);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
            conn.caught(c, cause);
        }
    }

    /** One keep-alive connection carrying one exchange at a time. Touched by its lane's loop only. */
    private final class Conn {
        final Lane lane;
        Channel channel;
        boolean busy;
        long sendTime;
        long from;
        long exchange;
        Then then;
        ScheduledFuture<?> timer;

        Conn(Lane lane) {
            this.lane = lane;
        }

        boolean open() {
            return channel != null && channel.isActive();
        }

        void send(long sendTime, long from, Then then) {
            this.sendTime = sendTime;
            this.from = from;
            this.then = then;
            byte[] bytes;
            try {
                bytes = nextRequest();
            } catch (Exception e) {
                outcomes.failure(sendTime, e);
                inFlight.decrementAndGet();
                lane.loop.execute(() -> then.accept(this));
                return;
            }
            if (bytes == null) {
                sendBlocking(sendTime, from, lane.loop, () -> then.accept(this));
                return;
            }
            busy = true;
            long id = ++exchange;
            timer = lane.loop.schedule(() -> {
                if (busy && exchange == id) {
                    fail(new HttpTimeoutException(method + " " + uri + ": no response within " + timeout.toMillis() + " ms"));
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (open()) {
                channel.writeAndFlush(Unpooled.wrappedBuffer(bytes), channel.voidPromise());
                return;
            }
            ChannelFuture connecting = new Bootstrap().group(lane.loop).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(CONNECT_TIMEOUT_MILLIS, Math.max(1, timeout.toMillis())))
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpResponseDecoder() {
                                @Override
                                protected boolean isContentAlwaysEmpty(HttpMessage msg) {
                                    return head || super.isContentAlwaysEmpty(msg);
                                }
                            }, new HttpObjectAggregator(MAX_BODY), new Handler(Conn.this));
                        }
                    })
                    .connect(host, port);
            channel = connecting.channel();
            lane.connecting++;
            connecting.addListener(f -> {
                lane.connected();
                if (!busy || exchange != id) {
                    return;
                }
                if (f.isSuccess()) {
                    channel.writeAndFlush(Unpooled.wrappedBuffer(bytes), channel.voidPromise());
                } else {
                    fail(f.cause());
                }
            });
        }

        void received(ChannelHandlerContext c, FullHttpResponse msg) {
            if (!busy || c.channel() != channel) {
                c.close();
                return;
            }
            if (msg.decoderResult().isFailure()) {
                fail(new IOException("not an HTTP/1.x response: " + msg.decoderResult().cause().getMessage(), msg.decoderResult().cause()));
                return;
            }
            long took = System.nanoTime() - from;
            busy = false;
            timer.cancel(false);
            boolean keep = HttpUtil.isKeepAlive(msg);
            if (!keep) {
                c.close();
                channel = null;
            }
            int status = msg.status().code();
            Headers headers = new Headers();
            for (Map.Entry<String, String> h : msg.headers()) {
                headers.addReceived(h.getKey(), h.getValue());
            }
            if (followRedirects && isRedirect(status) && headers.first("Location") != null) {
                Then after = then;
                sendBlocking(sendTime, from, lane.loop, () -> after.accept(this));
                return;
            }
            Response response = new Response(status, headers, ByteBufUtil.getBytes(msg.content()), uri);
            try {
                outcomes.response(sendTime, took, StepResponse.parsingJsonOnDemand(status, headers::map, response.text(), Duration.ofNanos(took)));
            } finally {
                inFlight.decrementAndGet();
            }
            then.accept(this);
        }

        void inactive(ChannelHandlerContext c) {
            if (busy && c.channel() == channel) {
                fail(new EOFException("the server closed the connection without a response"));
            }
        }

        void caught(ChannelHandlerContext c, Throwable cause) {
            if (busy && c.channel() == channel) {
                fail(cause);
            } else {
                c.close();
            }
        }

        private void fail(Throwable error) {
            busy = false;
            if (timer != null) {
                timer.cancel(false);
            }
            if (channel != null) {
                channel.close();
                channel = null;
            }
            try {
                outcomes.failure(sendTime, error);
            } finally {
                inFlight.decrementAndGet();
            }
            then.accept(this);
        }
    }
}

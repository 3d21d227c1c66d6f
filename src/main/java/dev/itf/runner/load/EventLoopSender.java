package dev.itf.runner.load;

import dev.itf.http.Headers;
import dev.itf.http.Request;
import dev.itf.http.Response;
import dev.itf.runner.StepContext;
import dev.itf.runner.StepResponse;
import dev.itf.runner.http.HttpStep;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
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
    /** The shortest wait of a loop for its next arrival: arrivals closer than this go out together, fewer wake-ups. */
    private static final long LEAST_WAIT_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
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
    /** Set when the load starts, before any request is sent. */
    private Outcomes outcomes;
    private final AtomicLong inFlight;
    private final Duration timeout;
    private final URI uri;
    private final String host;
    private final int port;
    private final boolean head;
    private final String method;
    private final boolean followRedirects;
    /** The request, encoded once in a direct buffer, when every request is the same; null when each is rendered anew. */
    private final ByteBuf fixed;
    /** {@link #fixed} that a write cannot release: no reference count shared between the loops to update per request. */
    private final ByteBuf fixedView;
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final Lane[] lanes;
    private ExecutorService blocking;

    EventLoopSender(HttpStep http, StepContext ctx, Duration timeout, AtomicLong inFlight) throws Exception {
        this.http = http;
        this.ctx = ctx;
        this.timeout = timeout;
        this.inFlight = inFlight;
        Request first = http.prepare(ctx);
        this.uri = first.uri();
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.method = first.method();
        this.head = method.equals("HEAD");
        this.followRedirects = http.followsRedirects();
        if (http.samePerRequest()) {
            byte[] bytes = first.bytes();
            this.fixed = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
            this.fixedView = Unpooled.unreleasableBuffer(fixed);
        } else {
            this.fixed = null;
            this.fixedView = null;
        }
        // a loop per core (at most 4), as wrk runs a thread per core: on a shared machine a thread is a share of the CPU
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        DefaultThreadFactory named = new DefaultThreadFactory("itf-load-loop", true);
        // epoll where Netty's native transport loads: fewer system calls and no selector bookkeeping per read than NIO
        boolean epoll = Epoll.isAvailable();
        this.group = epoll ? new EpollEventLoopGroup(threads, named) : new NioEventLoopGroup(threads, named);
        this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        this.lanes = new Lane[threads];
        for (int i = 0; i < threads; i++) {
            lanes[i] = new Lane(group.next());
        }
        // a first connection per loop, before the load's clock starts: a cold JVM takes its time over the transport's
        // first connect, which would otherwise count as the first requests' latency
        List<ChannelFuture> opening = new ArrayList<>();
        for (Lane lane : lanes) {
            Conn c = new Conn(lane);
            ChannelFuture f = c.connect();
            f.addListener(done -> {
                if (!done.isSuccess()) {
                    return;
                }
                if (lane.keepsIdle) {
                    lane.idle.addLast(c);
                } else {
                    c.channel.close();
                }
            });
            opening.add(f);
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (ChannelFuture f : opening) {
            f.await(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitUntil - System.nanoTime())));
        }
    }

    /** Whether the step's request can go over the event loop: plain http, default TLS settings. */
    static boolean suits(Object request, StepContext ctx) {
        return request instanceof HttpStep h && h.eventLoopCapable(ctx);
    }

    /** Closed model: each virtual user sends its next request when its last one returned; returns when sending ended. */
    long closed(LoadPlan plan, long start, long end, BooleanSupplier running, Outcomes outcomes) throws InterruptedException {
        this.outcomes = outcomes;
        int users = plan.maxUsers();
        Span span = new Span(plan, start, end, running);
        for (int u = 0; u < users; u++) {
            Lane lane = lanes[u % lanes.length];
            int index = u;
            lane.loop.execute(() -> new User(index, lane, span).next());
        }
        // a connection opened beforehand that no user took is closed: a server may serve one connection at a time
        for (Lane lane : lanes) {
            lane.loop.execute(() -> {
                lane.keepsIdle = false;
                for (Conn c; (c = lane.idle.pollFirst()) != null; ) {
                    if (c.channel != null) {
                        c.channel.close();
                    }
                }
            });
        }
        return waitUntil(end, running);
    }

    /**
     * Open model: arrivals at the plan's times whatever the responses do; one taken while maxInFlight requests are in
     * flight is dropped and counted. Latency counts from the arrival's intended time.
     */
    long open(LoadPlan plan, long start, long end, BooleanSupplier running, LoadRecorder recorder, Outcomes outcomes)
            throws InterruptedException {
        this.outcomes = outcomes;
        for (int k = 0; k < lanes.length; k++) {
            lanes[k].loop.execute(new Pacer(lanes[k], k, new Span(plan, start, end, running), recorder));
        }
        return waitUntil(end, running);
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
        if (fixed != null) {
            fixed.release();
        }
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

    /** The next request to write; null (handed to the blocking client) when it goes to another origin. */
    private ByteBuf nextRequest() throws Exception {
        if (fixed != null) {
            // the same bytes every time, written without a copy: a view with its own indexes
            return fixedView.duplicate();
        }
        Request r = http.prepare(ctx);
        URI u = r.uri();
        int p = u.getPort() < 0 ? 80 : u.getPort();
        if (!"http".equalsIgnoreCase(u.getScheme()) || !host.equalsIgnoreCase(u.getHost()) || p != port) {
            return null;
        }
        return Unpooled.wrappedBuffer(r.bytes());
    }

    /** Whether the connection stays open after a response: HTTP/1.1 unless it says close, HTTP/1.0 only if it says keep-alive. */
    private static boolean keepAlive(HttpResponse r) {
        String connection = r.headers().get(HttpHeaderNames.CONNECTION);
        if (connection == null) {
            return r.protocolVersion().isKeepAliveDefault();
        }
        String c = connection.toLowerCase(Locale.ROOT);
        return r.protocolVersion().isKeepAliveDefault() ? !c.contains("close") : c.contains("keep-alive");
    }

    /** The received header fields, by name: built only when an expectation reads them. */
    private static Map<String, List<String>> fields(HttpHeaders received) {
        Headers h = new Headers();
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = received.iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            h.addReceived(e.getKey().toString(), e.getValue().toString());
        }
        return h.map();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * One event loop with its connections (open model). An arrival takes an idle connection, or opens one while fewer
     * than {@link #CONNECTING} are being opened, or waits for the first connection free (its latency still counts from
     * its intended time): so a stall does not turn into a storm of new connections. Touched by its loop's thread only.
     * A sweep a few times a second fails the exchanges past the timeout: no timer to set and cancel per request.
     */
    private final class Lane {
        final EventLoop loop;
        final ArrayDeque<Conn> idle = new ArrayDeque<>();
        final ArrayDeque<Long> waiting = new ArrayDeque<>();
        /** The connections with an exchange under way since the last sweep. */
        final List<Conn> busy = new ArrayList<>();
        final Then free = this::free;
        int connecting;
        /** Whether connections wait in {@link #idle} for the next arrival: in the open model only. */
        boolean keepsIdle = true;

        Lane(EventLoop loop) {
            this.loop = loop;
            long every = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(TimeUnit.MILLISECONDS.toNanos(100), timeout.toNanos() / 10));
            loop.scheduleAtFixedRate(this::sweep, every, every, TimeUnit.NANOSECONDS);
        }

        void send(long due) {
            Conn c = idle.pollFirst();
            if (c != null) {
                c.send(due, due, free);
            } else if (connecting < CONNECTING) {
                new Conn(this).send(due, due, free);
            } else {
                waiting.addLast(due);
            }
        }

        /** A connection's exchange ended: it takes the next waiting arrival, or waits itself. */
        void free(Conn conn) {
            Long due = waiting.pollFirst();
            if (due != null) {
                (conn.open() ? conn : new Conn(this)).send(due, due, free);
            } else if (conn.open()) {
                idle.addFirst(conn);
            }
        }

        /** A connection was opened (or failed to): another may be opened for the arrivals waiting. */
        void connected() {
            connecting--;
            while (connecting < CONNECTING && !waiting.isEmpty()) {
                long due = waiting.pollFirst();
                new Conn(this).send(due, due, free);
            }
        }

        /** Fails the exchanges that outlived the timeout; forgets the connections that are no longer busy. */
        void sweep() {
            long now = System.nanoTime();
            for (int i = busy.size() - 1; i >= 0; i--) {
                Conn c = busy.get(i);
                if (c.busy && now - c.deadline >= 0) {
                    c.fail(new HttpTimeoutException(method + " " + uri + ": no response within " + timeout.toMillis() + " ms"));
                }
                if (!c.busy) {
                    // the last one moves into its place: order does not matter
                    Conn last = busy.remove(busy.size() - 1);
                    if (i < busy.size()) {
                        busy.set(i, last);
                    }
                    c.swept = false;
                }
            }
        }
    }

    /**
     * Open model: one loop's share of the arrivals (every L-th of L loops), sent at their times by the loop itself, so
     * no thread hands arrivals over to it. An arrival due while maxInFlight requests are outstanding is dropped.
     */
    private final class Pacer implements Runnable {
        final Lane lane;
        final Span span;
        final LoadRecorder recorder;
        /** The next arrival of this loop's share. */
        long n;

        Pacer(Lane lane, int first, Span span, LoadRecorder recorder) {
            this.lane = lane;
            this.n = first;
            this.span = span;
            this.recorder = recorder;
        }

        @Override
        public void run() {
            LoadPlan plan = span.plan();
            // every arrival due before the end is sent (or dropped and counted), however late the loop gets to it
            for (long now = System.nanoTime(); span.running().getAsBoolean(); now = System.nanoTime()) {
                double at = plan.arrival(n);
                if (at >= plan.totalSeconds) {
                    return;
                }
                long due = span.start() + Math.round(at * 1e9);
                if (due - now > 0) {
                    lane.loop.schedule(this, Math.max(due - now, LEAST_WAIT_NANOS), TimeUnit.NANOSECONDS);
                    return;
                }
                n += lanes.length;
                if (inFlight.get() >= plan.maxInFlight) {
                    recorder.dropped(due);
                    continue;
                }
                inFlight.incrementAndGet();
                lane.send(due);
            }
        }
    }

    /** A closed-model virtual user: its own connection, one request at a time. Created and run on its lane's loop. */
    private final class User {
        final int index;
        final Span span;
        final Conn conn;
        final Then again = c -> next();

        User(int index, Lane lane, Span span) {
            this.index = index;
            this.span = span;
            // the loop's connection opened beforehand, if any is left
            Conn ready = lane.idle.pollFirst();
            this.conn = ready != null ? ready : new Conn(lane);
        }

        void next() {
            long now = System.nanoTime();
            if (!span.running().getAsBoolean() || now - span.end() >= 0) {
                return;
            }
            if (index >= span.plan().activeUsers((now - span.start()) / 1e9)) {
                conn.lane.loop.schedule(this::next, 10, TimeUnit.MILLISECONDS);
                return;
            }
            inFlight.incrementAndGet();
            conn.send(now, now, again);
        }
    }

    /** A load's plan, its start and end (System.nanoTime()), and whether it is still running. */
    private record Span(LoadPlan plan, long start, long end, BooleanSupplier running) {
    }

    /** What to do when a connection's exchange ended (it may be closed then). */
    private interface Then {
        void accept(Conn conn);
    }

    /**
     * The handler of one channel: a connection reconnects through a new one (a handler belongs to one channel). It takes
     * the decoder's pieces as they come (head, body parts, end) rather than an aggregated copy of the whole response.
     */
    private static final class Handler extends SimpleChannelInboundHandler<HttpObject> {
        private final Conn conn;

        Handler(Conn conn) {
            this.conn = conn;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext c, HttpObject msg) {
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
        /** Whether the lane's sweep watches this connection. */
        boolean swept;
        long sendTime;
        long from;
        long deadline;
        long exchange;
        Then then;
        // the response being read
        int status;
        HttpHeaders headers;
        boolean keep;
        boolean interim;
        byte[] body;
        int length;

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
            ByteBuf request;
            try {
                request = nextRequest();
            } catch (Exception e) {
                outcomes.failure(sendTime, e);
                inFlight.decrementAndGet();
                lane.loop.execute(() -> then.accept(this));
                return;
            }
            if (request == null) {
                sendBlocking(sendTime, from, lane.loop, () -> then.accept(this));
                return;
            }
            busy = true;
            headers = null;
            body = null;
            length = 0;
            interim = false;
            deadline = System.nanoTime() + timeout.toNanos();
            if (!swept) {
                swept = true;
                lane.busy.add(this);
            }
            long id = ++exchange;
            if (open()) {
                channel.writeAndFlush(request, channel.voidPromise());
                return;
            }
            ChannelFuture connecting = connect();
            lane.connecting++;
            connecting.addListener(f -> {
                lane.connected();
                if (!busy || exchange != id) {
                    request.release();
                    return;
                }
                if (f.isSuccess()) {
                    channel.writeAndFlush(request, channel.voidPromise());
                } else {
                    request.release();
                    fail(f.cause());
                }
            });
        }

        /** Opens this connection's channel; the future completes on the lane's loop. */
        ChannelFuture connect() {
            ChannelFuture connecting = new Bootstrap().group(lane.loop).channel(channelType)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(CONNECT_TIMEOUT_MILLIS, Math.max(1, timeout.toMillis())))
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            // header fields are read, not forwarded: validating every name and value costs per response
                            ch.pipeline().addLast(new HttpResponseDecoder(new HttpDecoderConfig().setValidateHeaders(false)) {
                                @Override
                                protected boolean isContentAlwaysEmpty(HttpMessage msg) {
                                    return head || super.isContentAlwaysEmpty(msg);
                                }
                            }, new Handler(Conn.this));
                        }
                    })
                    .connect(host, port);
            channel = connecting.channel();
            return connecting;
        }

        void received(ChannelHandlerContext c, HttpObject msg) {
            if (!busy || c.channel() != channel) {
                c.close();
                return;
            }
            if (msg.decoderResult().isFailure()) {
                fail(new IOException("not an HTTP/1.x response: " + msg.decoderResult().cause().getMessage(), msg.decoderResult().cause()));
                return;
            }
            if (msg instanceof HttpResponse r) {
                status = r.status().code();
                // an interim response (100 Continue, 103 Early Hints) comes before the real one
                interim = status >= 100 && status < 200 && status != 101;
                headers = r.headers();
                keep = keepAlive(r);
                body = null;
                length = 0;
            }
            if (msg instanceof HttpContent part) {
                if (!append(part.content())) {
                    fail(new IOException("the response body is larger than " + MAX_BODY + " bytes"));
                    return;
                }
                if (msg instanceof LastHttpContent) {
                    if (interim) {
                        interim = false;
                        headers = null;
                        return;
                    }
                    complete(c);
                }
            }
        }

        /** Adds a part of the body; false when the body grows beyond {@link #MAX_BODY}. */
        private boolean append(ByteBuf part) {
            int n = part.readableBytes();
            if (n == 0 || interim) {
                return true;
            }
            if (length + n > MAX_BODY) {
                return false;
            }
            if (body == null) {
                body = new byte[n];
            } else if (length + n > body.length) {
                body = Arrays.copyOf(body, Math.min(MAX_BODY, Math.max(length + n, body.length * 2)));
            }
            part.getBytes(part.readerIndex(), body, length, n);
            length += n;
            return true;
        }

        private void complete(ChannelHandlerContext c) {
            long took = System.nanoTime() - from;
            busy = false;
            if (!keep) {
                c.close();
                channel = null;
            }
            int code = status;
            HttpHeaders received = headers;
            byte[] bytes = body == null ? new byte[0] : body;
            int size = length;
            headers = null;
            body = null;
            if (followRedirects && isRedirect(code) && received.get(HttpHeaderNames.LOCATION) != null) {
                Then after = then;
                sendBlocking(sendTime, from, lane.loop, () -> after.accept(this));
                return;
            }
            // headers and text are built only when an expectation reads them; every response is still checked
            StepResponse response = StepResponse.decodingOnDemand(code, () -> fields(received),
                    () -> new String(bytes, 0, size, Response.charset(received.get(HttpHeaderNames.CONTENT_TYPE))), Duration.ofNanos(took));
            try {
                outcomes.response(sendTime, took, response);
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

        void fail(Throwable error) {
            busy = false;
            headers = null;
            body = null;
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

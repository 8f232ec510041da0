package dev.jwe.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.jwe.core.internal.Algorithms;
import dev.jwe.core.internal.CappedBody;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verification keys from an issuer's JWK Set URL, resilient in the ways Nimbus's
 * {@code JWKSourceBuilder} is: cached; refreshed ahead of expiry in the background (a request
 * thread never waits while cached keys exist); honours {@code Cache-Control: max-age} within
 * bounds; one rate-limited refresh for an unknown {@code kid}, with a negative cache of unknown ids;
 * a response size cap; exponential backoff after failures; and the last good keys kept for
 * {@code staleIfError} during an outage. HTTPS only, plain HTTP only to loopback. Symmetric and
 * weak keys in the remote set are ignored. Thread-safe.
 *
 * <p>At most one fetch is under way at a time, and the whole of it (connect, response headers,
 * body) is bounded by the timeout: at its deadline the exchange is cancelled, which closes its
 * connection, so a server that stalls holds no connection past the timeout. Request threads that
 * need the keys (nothing usable is cached, or an unknown {@code kid}) wait for the fetch under
 * way, never past its deadline. {@link #cachedKeys()} never waits, for callers that have other
 * sources to fall back on.
 */
final class RemoteJwks implements KeySource {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,9})");
    private static final int MAX_UNKNOWN_KIDS = 10_000;
    /** How long a request waits, after cancelling a fetch at its deadline, for its outcome to be recorded. */
    private static final Duration BOOKKEEPING = Duration.ofMillis(500);

    /** Settings of one remote source. */
    public record Options(Duration refresh, Duration minRefreshInterval, Duration staleIfError, Duration timeout,
            int maxBytes, Clock clock) {
    }

    private record Snapshot(KeySet keys, Instant fetchedAt, Instant refreshAt) {
    }

    private final URI uri;
    private final Options options;
    private final HttpClient client;
    private final AtomicReference<Fetch> inFlight = new AtomicReference<>();
    private final AtomicLong fetches = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final Cache<String, Boolean> unknownKids;
    private volatile Snapshot current;
    private volatile Instant lastAttempt;
    private volatile Instant nextAttempt = Instant.MIN;
    private volatile Duration backoff;
    private volatile Instant lastFailure;
    private volatile String lastError;
    private volatile Instant lastLoggedFailure;

    /**
     * @param location the https (or loopback http) URL
     * @param options timing and size options
     * @throws KeySourceException when the URL is not https or loopback http
     */
    RemoteJwks(String location, Options options) {
        this.uri = checkUri(location);
        this.options = options;
        this.backoff = Duration.ofSeconds(1);
        // HTTP/1.1: each fetch has a connection of its own, which cancelling the fetch closes (an
        // HTTP/2 stream reset would leave a stalled server's shared connection open).
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.unknownKids = Caffeine.newBuilder().maximumSize(MAX_UNKNOWN_KIDS).executor(Runnable::run)
                .expireAfterWrite(options.minRefreshInterval()).build();
    }

    static URI checkUri(String location) {
        URI u;
        try {
            u = URI.create(location);
        } catch (IllegalArgumentException e) {
            throw new KeySourceException("Not a valid URL: " + location);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (u.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && isLoopback(u.getHost()))) {
            throw new KeySourceException("Remote key sets need https (plain http only to loopback): " + location);
        }
        return u;
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: no DNS lookup decides what counts as loopback.
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Fetches once and waits for it, at most the timeout (start-up).
     *
     * @throws KeySourceException when the fetch fails
     */
    public void fetchNow() {
        Fetch f = fetch();
        if (f == null ? current == null : !f.await()) {
            String error = lastError;
            throw new KeySourceException("Cannot fetch the key set from " + uri + ": "
                    + (error == null ? "timed out" : error));
        }
    }

    /** How many fetches were started (for tests and health). */
    public long fetchCount() {
        return fetches.get();
    }

    /** How many fetches have finished, successfully or not, and released the in-flight guard. */
    public long completedFetches() {
        return completed.get();
    }

    /**
     * The keys usable now, without ever waiting: empty when nothing usable is cached (never
     * fetched, or older than the allowed outage). Starts a fetch in the background when one is due
     * and the failure backoff allows it.
     *
     * @return the cached keys, possibly empty
     */
    public KeySet cachedKeys() {
        Instant now = options.clock().instant();
        Snapshot s = current;
        boolean usable = usable(s, now);
        if ((!usable || !now.isBefore(s.refreshAt())) && !now.isBefore(nextAttempt)) {
            fetch();
        }
        return usable ? s.keys() : KeySet.empty();
    }

    /**
     * The cached keys; when nothing usable is cached, waits for the fetch under way (started here
     * when the failure backoff allows), at most the timeout.
     *
     * @return the usable keys
     * @throws KeySourceException when no usable keys can be had
     */
    @Override
    public KeySet keys() {
        KeySet cached = cachedKeys();
        if (!cached.isEmpty()) {
            return cached;
        }
        Fetch f = inFlight.get();
        if (f != null) {
            f.await();
        }
        Snapshot s = current;
        if (usable(s, options.clock().instant())) {
            return s.keys();
        }
        throw new KeySourceException(s == null ? "No keys from " + uri + " yet: " + lastError
                : "Keys from " + uri + " are older than the allowed outage (" + options.staleIfError() + "): "
                        + lastError);
    }

    @Override
    public KeySet keysForUnknownKid(String kid) {
        KeySet keys = keys();
        Fetch f = refreshFor(kid, keys);
        if (f == null) {
            return keys;
        }
        f.await();
        Snapshot s = current;
        if (usable(s, options.clock().instant())) {
            keys = s.keys();
        }
        if (keys.byKid(kid).isEmpty()) {
            unknownKids.put(kid, Boolean.TRUE);
        }
        return keys;
    }

    /**
     * Starts, without waiting, the refresh that {@link #keysForUnknownKid} would wait for: none when
     * the cached keys have this id, it is in the negative cache, or the rate limit or the failure
     * backoff forbids one. Lets a caller with several sources fetch them all at once.
     *
     * @param kid the key id no source has
     */
    public void refreshForUnknownKid(String kid) {
        refreshFor(kid, cachedKeys());
    }

    /** The fetch that may bring {@code kid}: the one under way, a new one, or none. */
    private Fetch refreshFor(String kid, KeySet keys) {
        if (!keys.byKid(kid).isEmpty() || unknownKids.getIfPresent(kid) != null) {
            return null;
        }
        Fetch running = inFlight.get();
        if (running != null) {
            return running;
        }
        Instant now = options.clock().instant();
        Instant last = lastAttempt;
        boolean rateLimited = last != null && now.isBefore(last.plus(options.minRefreshInterval()));
        if (rateLimited || now.isBefore(nextAttempt)) {
            unknownKids.put(kid, Boolean.TRUE);
            return null;
        }
        return fetch();
    }

    @Override
    public boolean isRemote() {
        return true;
    }

    @Override
    public List<KeySourceHealth> health() {
        Snapshot s = current;
        return List.of(new KeySourceHealth(uri.toString(), s == null ? List.of() : s.keys().keyIds(),
                s == null ? null : s.fetchedAt(), lastFailure, lastError, usable(s, options.clock().instant())));
    }

    private boolean usable(Snapshot s, Instant now) {
        return s != null && now.isBefore(s.fetchedAt().plus(options.refresh()).plus(options.staleIfError()));
    }

    /** The fetch under way, or a new one; {@code null} in the rare race with one that has just ended. */
    private Fetch fetch() {
        Fetch running = inFlight.get();
        if (running != null) {
            return running;
        }
        Fetch mine = new Fetch();
        if (!inFlight.compareAndSet(null, mine)) {
            return inFlight.get();
        }
        lastAttempt = options.clock().instant();
        fetches.incrementAndGet();
        mine.start();
        return mine;
    }

    private boolean accept(byte[] body, Duration advertised) {
        List<KeyEntry> keys;
        try {
            keys = KeyLoading.parseJwksSkippingUnusable(new String(body, StandardCharsets.UTF_8), uri.toString());
        } catch (KeySourceException e) {
            fail("not a valid JWK Set");
            return false;
        }
        List<KeyEntry> usable = new ArrayList<>();
        int skipped = 0;
        for (KeyEntry k : keys) {
            int bits = Algorithms.rsaBits(k.key());
            if (k.isSymmetric() || bits >= 0 && bits < Algorithms.MIN_RSA_BITS) {
                skipped++;
            } else {
                usable.add(k);
            }
        }
        if (skipped > 0) {
            LOG.warn("jwe: ignored {} symmetric or weak key(s) in the key set at {}", skipped, uri);
        }
        if (usable.isEmpty()) {
            fail("the key set holds no usable keys");
            return false;
        }
        Instant now = options.clock().instant();
        Duration every = options.refresh();
        if (advertised != null) {
            every = advertised.compareTo(options.minRefreshInterval()) < 0 ? options.minRefreshInterval()
                    : advertised.compareTo(options.refresh()) > 0 ? options.refresh() : advertised;
        }
        current = new Snapshot(KeySet.of(usable), now, now.plus(every));
        unknownKids.invalidateAll();
        backoff = Duration.ofSeconds(1);
        nextAttempt = Instant.MIN;
        if (lastError != null) {
            LOG.info("jwe: key set at {} fetched again after failures", uri);
        }
        lastError = null;
        return true;
    }

    private void fail(String what) {
        Instant now = options.clock().instant();
        lastFailure = now;
        lastError = what;
        nextAttempt = now.plus(backoff);
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(options.refresh()) > 0 ? options.refresh() : doubled;
        Instant logged = lastLoggedFailure;
        if (logged == null || !now.isBefore(logged.plus(options.refresh()))) {
            lastLoggedFailure = now;
            LOG.warn("jwe: cannot fetch the key set at {}: {}{}", uri, what,
                    current == null ? "" : " (keeping the last good keys)");
        }
    }

    static String describe(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof CappedBody.TooLargeException) {
            return "response larger than the size cap";
        }
        if (t instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        return t == null ? "failed" : t.getClass().getSimpleName();
    }

    /**
     * One fetch, from the request to the parsed key set. Its deadline is the timeout after it
     * starts (real time, not the injected clock, which only schedules refreshes): then the
     * exchange is cancelled, closing its connection, and the fetch ends as "timed out".
     */
    private final class Fetch {
        private final CompletableFuture<Boolean> done = new CompletableFuture<>();
        private final long deadline = System.nanoTime() + options.timeout().toNanos();
        private volatile boolean timedOut;
        private volatile CompletableFuture<HttpResponse<byte[]>> exchange;
        private volatile CappedBody body;

        void start() {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(options.timeout())
                    .header("Accept", "application/jwk-set+json, application/json").GET().build();
            CompletableFuture<HttpResponse<byte[]>> sent;
            try {
                sent = client.sendAsync(request, this::subscriber);
            } catch (RuntimeException e) {
                finish(null, e);
                return;
            }
            exchange = sent;
            CompletableFuture<Void> watchdog = new CompletableFuture<>();
            watchdog.orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                    .whenComplete((ignored, late) -> {
                        if (late != null) {
                            abort();
                        }
                    });
            sent.whenComplete((response, error) -> {
                watchdog.complete(null);
                finish(response, error);
            });
        }

        private HttpResponse.BodySubscriber<byte[]> subscriber(HttpResponse.ResponseInfo info) {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            CappedBody s = new CappedBody(options.maxBytes(), declared > options.maxBytes());
            body = s;
            if (timedOut) {
                s.cancel();
            }
            return s;
        }

        /** Cancels the exchange (closing its connection); ends the fetch at once unless it already ended. */
        void abort() {
            timedOut = true;
            CappedBody b = body;
            if (b != null) {
                b.cancel();
            }
            CompletableFuture<HttpResponse<byte[]>> e = exchange;
            if (e != null) {
                e.cancel(true);
            }
        }

        private void finish(HttpResponse<byte[]> response, Throwable error) {
            boolean ok = false;
            try {
                if (error != null) {
                    fail(timedOut || error instanceof CancellationException ? "timed out" : describe(error));
                } else if (response.statusCode() != 200) {
                    fail("HTTP status " + response.statusCode());
                } else {
                    ok = accept(response.body(),
                            response.headers().firstValue("Cache-Control").map(RemoteJwks::maxAge).orElse(null));
                }
            } catch (RuntimeException e) {
                fail(describe(e));
            } finally {
                inFlight.compareAndSet(this, null);
                completed.incrementAndGet();
                done.complete(ok);
            }
        }

        /**
         * Waits for this fetch, at most until its deadline, then cancels it. Once cancelled, the
         * fetch is over at once, but it may be another thread (the watchdog, or the response
         * arriving just then) that records the outcome: that bookkeeping is waited for, briefly.
         *
         * @return whether it brought new keys
         */
        boolean await() {
            try {
                try {
                    return done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    abort();
                    return done.get(BOOKKEEPING.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (TimeoutException | ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static Duration maxAge(String cacheControl) {
        Matcher m = MAX_AGE.matcher(cacheControl.toLowerCase(Locale.ROOT));
        return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : null;
    }
}

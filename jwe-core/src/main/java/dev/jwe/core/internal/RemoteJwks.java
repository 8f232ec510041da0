package dev.jwe.core.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySet;
import dev.jwe.core.KeySource;
import dev.jwe.core.KeySourceException;
import dev.jwe.core.KeySourceHealth;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verification keys from an issuer's JWK Set URL, resilient in the ways Nimbus's
 * {@code JWKSourceBuilder} is: cached; refreshed ahead of expiry in the background (a request
 * thread never waits while cached keys exist); honours {@code Cache-Control: max-age} within
 * bounds; one rate-limited refresh for an unknown {@code kid}, with a negative cache of unknown ids;
 * connect and total timeouts and a response size cap; exponential backoff after failures; and
 * the last good keys kept for {@code staleIfError} during an outage. HTTPS only, plain HTTP only to
 * loopback. Symmetric and weak keys in the remote set are ignored. Thread-safe.
 */
public final class RemoteJwks implements KeySource {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,9})");
    private static final int MAX_UNKNOWN_KIDS = 10_000;

    /** Settings of one remote source. */
    public record Options(Duration refresh, Duration minRefreshInterval, Duration staleIfError, Duration timeout,
            int maxBytes, Clock clock) {
    }

    private record Snapshot(KeySet keys, Instant fetchedAt, Instant refreshAt) {
    }

    private record Fetched(byte[] body, Duration maxAge) {
    }

    private final URI uri;
    private final Options options;
    private final HttpClient client;
    private final AtomicBoolean inFlight = new AtomicBoolean();
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
    public RemoteJwks(String location, Options options) {
        this.uri = checkUri(location);
        this.options = options;
        this.backoff = Duration.ofSeconds(1);
        this.client = HttpClient.newBuilder().connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.unknownKids = Caffeine.newBuilder().maximumSize(MAX_UNKNOWN_KIDS).executor(Runnable::run)
                .expireAfterWrite(options.minRefreshInterval()).build();
    }

    private static URI checkUri(String location) {
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

    private static boolean isLoopback(String host) {
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
     * Fetches once, synchronously (start-up).
     *
     * @throws KeySourceException when the fetch fails
     */
    public void fetchNow() {
        if (!fetchSynchronously()) {
            throw new KeySourceException("Cannot fetch the key set from " + uri + ": " + lastError);
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

    @Override
    public KeySet keys() {
        Instant now = options.clock().instant();
        Snapshot s = current;
        if (s == null) {
            // Nothing cached: this request has to wait for a fetch (bounded by the timeout).
            if (!now.isBefore(nextAttempt)) {
                fetchSynchronously();
            }
            s = current;
            if (s == null) {
                throw new KeySourceException("No keys from " + uri + " yet: " + lastError);
            }
        }
        if (!now.isBefore(s.fetchedAt().plus(options.refresh()).plus(options.staleIfError()))) {
            throw new KeySourceException("Keys from " + uri + " are older than the allowed outage ("
                    + options.staleIfError() + "): " + lastError);
        }
        if (!now.isBefore(s.refreshAt()) && !now.isBefore(nextAttempt)) {
            refreshInBackground();
        }
        return s.keys();
    }

    @Override
    public KeySet keysForUnknownKid(String kid) {
        KeySet keys = keys();
        if (!keys.byKid(kid).isEmpty() || unknownKids.getIfPresent(kid) != null) {
            return keys;
        }
        Instant now = options.clock().instant();
        Instant last = lastAttempt;
        boolean rateLimited = last != null && now.isBefore(last.plus(options.minRefreshInterval()));
        if (!rateLimited && !now.isBefore(nextAttempt)) {
            fetchSynchronously();
            keys = keys();
        }
        if (keys.byKid(kid).isEmpty()) {
            unknownKids.put(kid, Boolean.TRUE);
        }
        return keys;
    }

    @Override
    public boolean isRemote() {
        return true;
    }

    @Override
    public List<KeySourceHealth> health() {
        Snapshot s = current;
        Instant now = options.clock().instant();
        boolean usable = s != null && now.isBefore(s.fetchedAt().plus(options.refresh()).plus(options.staleIfError()));
        return List.of(new KeySourceHealth(uri.toString(), s == null ? List.of() : s.keys().keyIds(),
                s == null ? null : s.fetchedAt(), lastFailure, lastError, usable));
    }

    private boolean fetchSynchronously() {
        if (!inFlight.compareAndSet(false, true)) {
            return current != null;
        }
        try {
            return accept(start().get(options.timeout().toMillis() * 2, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            fail("timed out");
            return false;
        } catch (ExecutionException e) {
            fail(describe(e.getCause()));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
            return false;
        } finally {
            inFlight.set(false);
            completed.incrementAndGet();
        }
    }

    private void refreshInBackground() {
        if (!inFlight.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Fetched> f;
        try {
            f = start();
        } catch (RuntimeException e) {
            fail(describe(e));
            inFlight.set(false);
            completed.incrementAndGet();
            return;
        }
        f.orTimeout(options.timeout().toMillis() * 2, TimeUnit.MILLISECONDS).whenComplete((fetched, error) -> {
            try {
                if (error != null) {
                    fail(error instanceof TimeoutException ? "timed out" : describe(error));
                } else {
                    accept(fetched);
                }
            } finally {
                inFlight.set(false);
                completed.incrementAndGet();
            }
        });
    }

    private CompletableFuture<Fetched> start() {
        lastAttempt = options.clock().instant();
        fetches.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(options.timeout())
                .header("Accept", "application/jwk-set+json, application/json").GET().build();
        return client.sendAsync(request, this::limitedBody).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP status " + response.statusCode());
            }
            return new Fetched(response.body(),
                    response.headers().firstValue("Cache-Control").map(RemoteJwks::maxAge).orElse(null));
        });
    }

    private boolean accept(Fetched fetched) {
        List<KeyEntry> keys;
        try {
            keys = KeyIo.parseJwksSkippingUnusable(new String(fetched.body(), StandardCharsets.UTF_8), uri.toString());
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
        Duration advertised = fetched.maxAge();
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

    private static String describe(Throwable error) {
        Throwable t = error;
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().startsWith("HTTP status")) {
            return t.getMessage();
        }
        if (t instanceof TooLargeException) {
            return "response larger than the size cap";
        }
        if (t instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        return t == null ? "failed" : t.getClass().getSimpleName();
    }

    private static Duration maxAge(String cacheControl) {
        Matcher m = MAX_AGE.matcher(cacheControl.toLowerCase(Locale.ROOT));
        return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : null;
    }

    private HttpResponse.BodySubscriber<byte[]> limitedBody(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new LimitedSubscriber(options.maxBytes(), declared > options.maxBytes());
    }

    /** Thrown when a body exceeds the cap. */
    private static final class TooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("too large", null, false, false);
        }
    }

    /** Collects a body up to a cap, then cancels the stream. */
    private static final class LimitedSubscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final boolean declaredTooLarge;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedSubscriber(int max, boolean declaredTooLarge) {
            this.max = max;
            this.declaredTooLarge = declaredTooLarge;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            if (declaredTooLarge) {
                s.cancel();
                result.completeExceptionally(new TooLargeException());
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (out.size() + b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLargeException());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}

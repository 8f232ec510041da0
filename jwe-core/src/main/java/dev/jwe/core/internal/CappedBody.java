package dev.jwe.core.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body collected up to a size cap, which can also be cancelled from outside (at a
 * fetch's deadline). Own code because the JDK's {@code BodySubscribers.ofByteArray()} has neither a
 * cap nor a handle to cancel the stream. Cancelling the subscription makes the HTTP client close
 * the connection. Thread-safe for one stream.
 */
public final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int max;
    private final boolean declaredTooLarge;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    /**
     * @param max the most bytes accepted
     * @param declaredTooLarge whether the response already said it is larger (its Content-Length)
     */
    public CappedBody(int max, boolean declaredTooLarge) {
        this.max = max;
        this.declaredTooLarge = declaredTooLarge;
    }

    /** Stops reading: cancels the stream (now, or as soon as it starts) and ends the body as cancelled. */
    public void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        result.completeExceptionally(new CancellationException("the fetch timed out"));
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
        if (cancelled) {
            s.cancel();
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

    /** Thrown when a body exceeds the cap. */
    public static final class TooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("too large", null, false, false);
        }
    }
}

package dev.jwe.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JWKS "server" on 127.0.0.1 (a raw server socket) that reads each request and then never
 * finishes the answer, the way a hostile or broken network behaves. It counts the connections it
 * accepted and those the client has not closed yet: a connection counts as closed once reading
 * from it (or, while dripping, writing to it) fails or reaches the end.
 */
final class StallingJwksServer implements AutoCloseable {
    /** How the answer stalls. */
    enum Stall {
        /** Sends nothing at all after the request. */
        BEFORE_HEADERS,
        /** Sends the status line and headers (announcing a body) and the first bytes of the body. */
        AFTER_HEADERS,
        /** Sends the headers, then one byte of body every 50 ms, forever: no read ever waits long. */
        DRIP
    }

    private static final String HEADERS = "HTTP/1.1 200 OK\r\nContent-Type: application/jwk-set+json\r\n"
            + "Content-Length: 100000\r\n\r\n{\"keys\":[";

    private final ServerSocket listener;
    private final Stall stall;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stalling-jwks-server");
        t.setDaemon(true);
        return t;
    });

    StallingJwksServer(Stall stall) throws IOException {
        this.stall = stall;
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                accepted.incrementAndGet();
                open.incrementAndGet();
                sockets.add(s);
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            readRequestHead(in);
            OutputStream out = s.getOutputStream();
            if (stall != Stall.BEFORE_HEADERS) {
                out.write(HEADERS.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            if (stall == Stall.DRIP) {
                while (true) {
                    Thread.sleep(50);
                    out.write(' ');
                    out.flush();
                }
            }
            while (in.read() >= 0) {
                // The client sends nothing more; the end of the stream is its close.
            }
        } catch (IOException e) {
            // The client closed (reset) the connection.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sockets.remove(s);
            open.decrementAndGet();
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed before the end of the request");
            }
            matched = c == end[matched] ? matched + 1 : c == '\r' ? 1 : 0;
        }
    }

    /** The key set URL. */
    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/jwks.json";
    }

    /** How many connections were accepted. */
    int accepted() {
        return accepted.get();
    }

    /** How many accepted connections the client has not closed. */
    int open() {
        return open.get();
    }

    /**
     * Waits until no connection is open, at most {@code within}.
     *
     * @return whether none is open
     */
    boolean awaitNoneOpen(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (open.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return open.get() == 0;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
        threads.shutdownNow();
    }
}

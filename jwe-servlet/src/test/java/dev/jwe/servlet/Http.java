package dev.jwe.servlet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A plain HTTP/1.1 client for the application under test, over loopback. */
final class Http {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    Http(URI base) {
        this.base = base;
    }

    /**
     * @param path the path below the application, with query string if any
     * @param headers name, value, name, value...; a name may repeat
     */
    Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Reply send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * An answer.
     *
     * @param status the status
     * @param headers the headers, names in lower case
     * @param body the body
     */
    record Reply(int status, Map<String, List<String>> headers, String body) {

        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            if (values == null || values.isEmpty()) {
                return Optional.empty();
            }
            if (values.size() > 1) {
                throw new AssertionError("Header " + name + " sent " + values.size() + " times: " + values);
            }
            return Optional.of(values.get(0));
        }

        /** The {@code WWW-Authenticate} attributes, after checking the header against RFC 6750 §3. */
        Map<String, String> challenge() {
            return BearerChallenge.parse(header("WWW-Authenticate")
                    .orElseThrow(() -> new AssertionError("No WWW-Authenticate in " + this)));
        }

        /** The {@link EchoServlet}'s lines. */
        Map<String, String> echo() {
            Map<String, String> out = new LinkedHashMap<>();
            for (String line : body.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    out.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return out;
        }
    }
}

package dev.jwe.samples.ee;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro as fetched by the build ({@code payara.jar}): no clustering, no phone-home, the
 * HTTP listener on 127.0.0.1 and a free port, every WAR given with {@code --deploy} (named after
 * its context root). WARs expected to fail are deployed by a post-deploy command file instead:
 * at boot, Payara Micro stops starting the remaining applications after the first that fails.
 * Started means Payara Micro said it is ready (after the post-deploy commands).
 */
final class PayaraMicroServer extends EeServer {
    private int port;

    @Override
    String name() {
        return "Payara Micro " + Path.of(System.getProperty("payara.jar")).getFileName();
    }

    @Override
    List<String> command(Map<String, Path> wars, Map<String, String> systemProperties, Path work) throws IOException {
        port = freePort();
        Path preboot = Files.writeString(work.resolve("preboot.asadmin"),
                "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1\n");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m"));
        cmd.addAll(systemPropertyArgs(systemProperties));
        cmd.addAll(List.of("-jar", System.getProperty("payara.jar"), "--nocluster", "--disablephonehome",
                "--port", String.valueOf(port), "--rootdir", Files.createDirectories(work.resolve("root")).toString(),
                "--unpackdir", work.resolve("unpacked").toString(), "--prebootcommandfile", preboot.toString()));
        Path dir = Files.createDirectories(work.resolve("deploy"));
        StringBuilder later = new StringBuilder();
        for (Map.Entry<String, Path> war : wars.entrySet()) {
            Path file = dir.resolve(war.getKey() + ".war");
            Files.copy(war.getValue(), file, StandardCopyOption.REPLACE_EXISTING);
            if (failing.contains(war.getKey())) {
                later.append("deploy --name ").append(war.getKey()).append(" --contextroot /").append(war.getKey())
                        .append(' ').append(file).append('\n');
            } else {
                cmd.addAll(List.of("--deploy", file.toString()));
            }
        }
        if (later.length() > 0) {
            // At boot, Payara Micro stops starting the remaining applications after the first that fails.
            cmd.addAll(List.of("--postdeploycommandfile", Files.writeString(work.resolve("postdeploy.asadmin"),
                    later.toString()).toString()));
        }
        return cmd;
    }

    @Override
    boolean settled(Map<String, Path> wars) throws IOException {
        String log = read(console);
        // The post-deploy commands run before Payara Micro says it is ready.
        return log.contains("Payara Micro URLs:") && log.contains(" ready in ");
    }

    /** The console, one record per line (Payara writes a record's message on lines of its own). */
    @Override
    String log() throws IOException {
        return read(console).replaceAll("\\[\\[\\r?\\n", "[[ ").replaceAll("\\r?\\n]]", " ]]");
    }

    @Override
    URI base(String context) {
        return URI.create("http://127.0.0.1:" + port + "/" + context + "/");
    }
}

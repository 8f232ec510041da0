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
 * its context root). Started means the {@code Payara Micro URLs:} block was printed; it lists the
 * applications that deployed.
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
                "--port", String.valueOf(port), "--rootdir", work.resolve("root").toString(),
                "--unpackdir", work.resolve("unpacked").toString(), "--prebootcommandfile", preboot.toString()));
        Path dir = Files.createDirectories(work.resolve("deploy"));
        for (Map.Entry<String, Path> war : wars.entrySet()) {
            Path file = dir.resolve(war.getKey() + ".war");
            Files.copy(war.getValue(), file, StandardCopyOption.REPLACE_EXISTING);
            cmd.addAll(List.of("--deploy", file.toString()));
        }
        return cmd;
    }

    @Override
    boolean settled(Map<String, Path> wars) throws IOException {
        String log = read(console);
        return log.contains("Payara Micro URLs:") && log.contains(" ready in ");
    }

    @Override
    boolean deployed(String context) throws IOException {
        String log = read(console);
        int urls = log.indexOf("Payara Micro URLs:");
        if (urls < 0) {
            return false;
        }
        int end = log.indexOf("\n\n", urls);
        String block = end < 0 ? log.substring(urls) : log.substring(urls, end);
        return block.contains(":" + port + "/" + context + "\n") || block.contains(":" + port + "/" + context + "\r")
                || block.contains(":" + port + "/" + context + "/");
    }

    @Override
    String log() throws IOException {
        return read(console);
    }

    @Override
    URI base(String context) {
        return URI.create("http://127.0.0.1:" + port + "/" + context + "/");
    }
}

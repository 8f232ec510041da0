package dev.jwe.samples.ee;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * WildFly as unpacked by the build ({@code wildfly.home}), with a server base directory of this
 * run: its configuration copied from the distribution with one change, Undertow's
 * {@code application-security-domain} {@code integrated-jaspi=false}, which Jakarta Security
 * mechanisms need (as in WildFly's ee-security quickstart). The WARs go to the deployment
 * scanner's directory before the boot; its {@code .deployed} / {@code .failed} markers say how
 * each went. All sockets on 127.0.0.1 with a free port offset.
 */
final class WildFlyServer extends EeServer {
    private Path base;
    private int offset;

    @Override
    String name() {
        return "WildFly " + Paths.get(System.getProperty("wildfly.home")).getFileName();
    }

    @Override
    List<String> command(Map<String, Path> wars, Map<String, String> systemProperties, Path work) throws IOException {
        Path home = Paths.get(System.getProperty("wildfly.home"));
        base = work.resolve("standalone");
        copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        Path config = base.resolve("configuration/standalone.xml");
        Files.writeString(config, withoutIntegratedJaspi(Files.readString(config)));
        Path deployments = Files.createDirectories(base.resolve("deployments"));
        for (Map.Entry<String, Path> war : wars.entrySet()) {
            Files.copy(war.getValue(), deployments.resolve(war.getKey() + ".war"), StandardCopyOption.REPLACE_EXISTING);
        }
        offset = freeOffset();
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.socket.binding.port-offset=" + offset));
        cmd.addAll(systemPropertyArgs(systemProperties));
        return cmd;
    }

    /** Undertow's application-security-domain (not the EJB one of the same name) gets integrated-jaspi=false. */
    static String withoutIntegratedJaspi(String xml) {
        String domain = "<application-security-domain name=\"other\" security-domain=\"ApplicationDomain\"/>";
        int undertow = xml.indexOf("urn:jboss:domain:undertow:");
        int at = xml.indexOf(domain, undertow);
        if (undertow < 0 || at < 0) {
            throw new IllegalStateException("standalone.xml: Undertow's application-security-domain not found");
        }
        return xml.substring(0, at) + "<application-security-domain name=\"other\" security-domain=\"ApplicationDomain\""
                + " integrated-jaspi=\"false\"/>" + xml.substring(at + domain.length());
    }

    private static int freeOffset() {
        for (int i = 0; i < 50; i++) {
            int o = ThreadLocalRandom.current().nextInt(100, 20000);
            if (isFree(8080 + o) && isFree(9990 + o) && isFree(8443 + o) && isFree(9993 + o)) {
                return o;
            }
        }
        throw new IllegalStateException("no free port offset for WildFly");
    }

    @Override
    boolean settled(Map<String, Path> wars) throws IOException {
        String console = read(this.console);
        if (!console.contains("WFLYSRV0025") && !console.contains("WFLYSRV0026")) {
            return false;
        }
        for (String context : wars.keySet()) {
            Path d = base.resolve("deployments");
            if (!Files.exists(d.resolve(context + ".war.deployed")) && !Files.exists(d.resolve(context + ".war.failed"))) {
                return false;
            }
        }
        return true;
    }

    @Override
    String log() throws IOException {
        return read(base.resolve("log/server.log"));
    }

    @Override
    URI base(String context) {
        return URI.create("http://127.0.0.1:" + (8080 + offset) + "/" + context + "/");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}

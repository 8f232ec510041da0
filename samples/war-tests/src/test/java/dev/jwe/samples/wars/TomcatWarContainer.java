package dev.jwe.samples.wars;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Tomcat 11: {@link Tomcat#addWebapp(String, String)} on the {@code .war} file, which Tomcat
 * unpacks and scans (WEB-INF/lib included) like a server does.
 */
public final class TomcatWarContainer implements WarContainer {

    @Override
    public Deployed deploy(Path war, String contextPath, Path workDir) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(workDir.toString());
        Files.createDirectories(workDir.resolve("webapps"));
        tomcat.setSilent(true);
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        tomcat.getHost().setAutoDeploy(false);
        // conf/web.xml's JSP servlet needs Jasper, which this test has no use for.
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp(contextPath, war.toString());
        // Scan the WAR's own WEB-INF/lib and classes, not this test's class path.
        ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
        // Leak detection on stop needs --add-opens and only warns without it.
        ((StandardContext) context).setClearReferencesThreadLocals(false);
        ((StandardContext) context).setClearReferencesRmiTargets(false);
        tomcat.start();
        if (context.getState() != LifecycleState.STARTED) {
            tomcat.stop();
            tomcat.destroy();
            throw new IllegalStateException(war.getFileName() + " did not start in Tomcat (state "
                    + context.getState() + "); the cause is in the log above");
        }
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + contextPath + "/");
        return new Deployed() {
            @Override
            public URI base() {
                return base;
            }

            @Override
            public void close() throws Exception {
                tomcat.stop();
                tomcat.destroy();
            }
        };
    }

    @Override
    public String toString() {
        return "Tomcat 11";
    }
}

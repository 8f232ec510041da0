package dev.jwe.servlet;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/** Embedded Tomcat 11: {@link Tomcat#addWebapp} for web.xml, {@link Tomcat#addContext} for code. */
final class TomcatContainer implements ServletContainer {

    @Override
    public Running start(Deployment deployment, Path workDir) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(workDir.toString());
        tomcat.setSilent(true);
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        tomcat.getHost().setAutoDeploy(false);
        Context context;
        if (deployment instanceof WebXml webXml) {
            tomcat.setAddDefaultWebXmlToWebapp(false);
            context = tomcat.addWebapp(TestApp.CONTEXT_PATH, webXml.docBase().toString());
            // The test classes are on the class path already: no need to scan every jar of it.
            ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
        } else {
            context = tomcat.addContext(TestApp.CONTEXT_PATH, Files.createDirectories(workDir.resolve("docbase")).toString());
            context.addServletContainerInitializer(((Programmatic) deployment).initializer(), null);
        }
        // Leak detection on stop needs --add-opens and only warns without it.
        ((StandardContext) context).setClearReferencesThreadLocals(false);
        ((StandardContext) context).setClearReferencesRmiTargets(false);
        // Tomcat logs a failing filter init() and marks the context FAILED instead of throwing:
        // keep what it logged so that the caller sees the cause.
        Logger contextLog = Logger.getLogger("org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].["
                + TestApp.CONTEXT_PATH + "]");
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getThrown() != null) {
                    failures.add(record.getThrown());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        // A ServletContainerInitializer that throws (jwe's start-up check) is logged by StandardContext itself.
        Logger initializerLog = Logger.getLogger(StandardContext.class.getName());
        contextLog.addHandler(capture);
        initializerLog.addHandler(capture);
        try {
            tomcat.start();
        } finally {
            contextLog.removeHandler(capture);
            initializerLog.removeHandler(capture);
        }
        if (context.getState() != LifecycleState.STARTED) {
            tomcat.stop();
            tomcat.destroy();
            throw new IllegalStateException("Context " + TestApp.CONTEXT_PATH + " is " + context.getState(),
                    failures.isEmpty() ? null : failures.get(0));
        }
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + TestApp.CONTEXT_PATH);
        return new Running() {
            @Override
            public URI base() {
                return base;
            }

            @Override
            public void stop() throws Exception {
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

package dev.jwe.samples.ee.feature;

import dev.jwe.jaxrs.JweFeature;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** Registers JweFeature; its settings come from {@code jwe-feature.properties}, which each WAR brings. */
@ApplicationPath("/api")
public class FeatureApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(JweFeature.class, FeatureResource.class);
    }

    @Override
    public Map<String, Object> getProperties() {
        Properties p = new Properties();
        try (InputStream in = FeatureApplication.class.getResourceAsStream("/jwe-feature.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> out = new HashMap<>();
        p.forEach((k, v) -> out.put((String) k, v));
        return out;
    }
}

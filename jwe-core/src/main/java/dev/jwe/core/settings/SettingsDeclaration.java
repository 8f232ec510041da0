package dev.jwe.core.settings;

import java.util.List;

/**
 * The {@code jwe.*} settings a module adds, found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.jwe.core.settings.SettingsDeclaration} entry), so that a module
 * declares its own keys and the rule "an unknown {@code jwe.*} key is an error" still knows them
 * whenever the module is on the class path. Core's own settings ({@link CoreSettings},
 * {@link AdapterSettings}) are always known. Implementations are public, have a public no-argument
 * constructor and are stateless.
 */
public interface SettingsDeclaration {

    /**
     * The module's settings, in documentation order; no name may be declared twice.
     *
     * @return the declarations
     */
    List<Setting<?>> settings();
}

package dev.jwe.spring;

import dev.jwe.core.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a jwe {@link ConfigurationException} at start-up into Boot's short "APPLICATION FAILED TO
 * START" report that names the setting, instead of a bean-creation stack trace. The message names
 * the setting and its source, never a secret value.
 */
final class JweFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        return new FailureAnalysis("jwe configuration error: " + cause.getMessage(),
                "Correct or remove " + cause.setting() + " (application.properties/.yml, a profile, a system property"
                        + " or the environment variable " + dev.jwe.core.JweSettings.environmentName(cause.setting())
                        + "). The settings are listed in the README of jwe.", cause);
    }
}

package dev.jwe.core;

import dev.jwe.core.internal.Jca;
import dev.jwe.core.settings.CoreSettings;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code jwe.crypto.provider}: which JCA provider does the validator's cryptography. {@code auto}
 * (the default) takes Amazon Corretto Crypto Provider (ACCP, native AWS-LC: RSA, ECDH, ECDSA and
 * AES several times faster than the JDK's) when it is registered with the JVM, or when its class is
 * on the class path, loaded and its self-test passed; else the JDK's providers. {@code jdk} always
 * takes the JDK's; any other value names a registered provider (ACCP also when merely on the
 * class path), and an unknown name is a {@link ConfigurationException}.
 *
 * <p>The provider is never installed in the JVM: its object is passed per operation ({@link Jca}).
 * ACCP is found by reflection so that it stays an optional dependency; when its native library
 * cannot load (another OS or architecture, or already loaded by another class loader of the same
 * JVM) {@code auto} falls back to the JDK with one warning and never fails. The outcome of
 * {@code auto} is decided once per class loader. Thread-safe.
 */
final class CryptoProviderSelection {
    private static final Logger LOG = LoggerFactory.getLogger(JweTokenValidator.class);
    static final String AUTO = "auto";
    static final String JDK = "jdk";
    static final String ACCP_NAME = "AmazonCorrettoCryptoProvider";
    private static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
    private static final AtomicReference<Jca> AUTO_CHOICE = new AtomicReference<>();

    private CryptoProviderSelection() {
    }

    /**
     * @param setting the value of {@code jwe.crypto.provider}
     * @return the JCA access to use; the choice is logged once per validator
     * @throws ConfigurationException naming the setting for a provider that is not there
     */
    static Jca select(String setting) {
        Jca jca;
        if (setting.equalsIgnoreCase(JDK)) {
            jca = Jca.jdk();
        } else if (setting.equalsIgnoreCase(AUTO)) {
            jca = AUTO_CHOICE.updateAndGet(known -> known != null ? known : auto(ACCP_CLASS));
        } else {
            jca = named(setting);
        }
        LOG.info("jwe: crypto provider {} ({}={})", jca.describe(), CoreSettings.CRYPTO_PROVIDER.name(), setting);
        return jca;
    }

    private static Jca named(String name) {
        Provider registered = Security.getProvider(name);
        if (registered != null) {
            return Jca.of(registered);
        }
        if (name.equals(ACCP_NAME)) {
            Outcome accp = loadAccp(ACCP_CLASS);
            if (accp.provider() != null) {
                return Jca.of(accp.provider());
            }
            throw new ConfigurationException(CoreSettings.CRYPTO_PROVIDER.name(), name + " cannot be used: "
                    + accp.problem());
        }
        throw new ConfigurationException(CoreSettings.CRYPTO_PROVIDER.name(), "no JCA provider named " + name
                + " is registered; use " + AUTO + ", " + JDK + " or one of "
                + Arrays.stream(Security.getProviders()).map(Provider::getName).toList());
    }

    /**
     * {@code auto}: a registered ACCP, else ACCP from the class path, else the JDK's providers.
     *
     * @param accpClass the provider class to look for (ACCP's; tests pass stand-ins)
     */
    static Jca auto(String accpClass) {
        Provider registered = Security.getProvider(ACCP_NAME);
        if (registered != null) {
            return Jca.of(registered);
        }
        Outcome accp = loadAccp(accpClass);
        if (accp.provider() != null) {
            return Jca.of(accp.provider());
        }
        if (accp.onClassPath()) {
            LOG.warn("jwe: Amazon Corretto Crypto Provider is on the class path but cannot be used ({}); using the"
                    + " JDK's crypto providers", accp.problem());
        }
        return Jca.jdk();
    }

    /**
     * ACCP's singleton by reflection, after its loading error and self-test are checked.
     *
     * @param provider the provider, or {@code null} when unusable
     * @param onClassPath whether its class was found
     * @param problem why it is unusable, or {@code null}
     */
    private record Outcome(Provider provider, boolean onClassPath, String problem) {
    }

    private static Outcome loadAccp(String accpClass) {
        Class<?> type;
        try {
            type = Class.forName(accpClass, true, CryptoProviderSelection.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return new Outcome(null, false, "not on the class path");
        } catch (LinkageError e) {
            return new Outcome(null, true, "it failed to load: " + e.getClass().getSimpleName());
        }
        try {
            Provider accp = (Provider) type.getField("INSTANCE").get(null);
            Object loadingError = type.getMethod("getLoadingError").invoke(accp);
            if (loadingError != null) {
                return new Outcome(null, true, "its native library did not load: "
                        + loadingError.getClass().getSimpleName());
            }
            Object status = type.getMethod("runSelfTests").invoke(accp);
            if (!"PASSED".equals(String.valueOf(status))) {
                return new Outcome(null, true, "its self-test answered " + status);
            }
            return new Outcome(accp, true, null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new Outcome(null, true, "it failed to load: " + cause.getClass().getSimpleName());
        }
    }
}

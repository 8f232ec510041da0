package dev.jwe.core.internal;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.KeySpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.NoSuchPaddingException;

/**
 * The JCA objects of one validator, from one chosen provider, passed per operation and never
 * installed in the JVM ({@code Cipher.getInstance(name, provider)}). Where the chosen provider
 * lacks a service (e.g. AES key wrap or XDH in Amazon Corretto Crypto Provider) the JDK's
 * providers serve it, as they do everything when no provider is chosen.
 *
 * <p>A provider's own key objects are much faster than the JDK's key objects it would have to
 * convert on every call (RSA-OAEP through ACCP: ~800 µs with a JDK key, ~270 µs with its own), so
 * each key is converted once by the provider's {@code KeyFactory} and remembered by identity.
 * Keys change only on rotation; the memory is bounded and simply cleared when full. Lock-free on
 * the hot path; thread-safe.
 */
public final class Jca {
    private static final Jca JDK = new Jca(null);
    /** Translated keys kept at most; more keys than this only happen with many rotations. */
    private static final int MAX_TRANSLATED = 64;

    private final Provider provider;
    private final String description;
    /** By service type, each algorithm name to whether the provider serves it (no key built per call). */
    private final Map<String, Map<String, Boolean>> serves = Map.of("Cipher", new ConcurrentHashMap<>(),
            "KeyAgreement", new ConcurrentHashMap<>(), "KeyFactory", new ConcurrentHashMap<>(),
            "Signature", new ConcurrentHashMap<>(), "Mac", new ConcurrentHashMap<>());
    private final Map<Identity, Key> translated = new ConcurrentHashMap<>();
    /**
     * Idle engines by type and algorithm: those that {@code getInstance} without a provider gives
     * (the JVM's configured providers). Never those of the chosen provider ({@code
     * jwe.crypto.provider}): Amazon Corretto Crypto Provider 2.5.0 destroys the key an engine holds
     * when the engine is initialised with another key (or, for key agreement, initialised again at
     * all), and the keys those engines hold are our converted keys, shared by every call (keys it
     * did not convert are not destroyed). An idle engine keeps the state of the last key it was
     * initialised with (for content ciphers, a recent token's content key) until it is used again:
     * at most a few dozen engines, in this process's memory, which already holds the long-term keys.
     */
    private final Map<String, Map<String, EnginePool>> jdkPools = pools();
    /** Stands for "no pool": engines of the chosen provider are made per call. */
    private static final EnginePool NONE = new EnginePool(0);

    private static Map<String, Map<String, EnginePool>> pools() {
        return Map.of("Cipher", new ConcurrentHashMap<>(), "KeyFactory", new ConcurrentHashMap<>(),
                "Signature", new ConcurrentHashMap<>(), "Mac", new ConcurrentHashMap<>());
    }

    private Jca(Provider provider) {
        this.provider = provider;
        this.description = provider == null ? "JDK" : provider.getName() + " " + provider.getVersionStr();
    }

    /** The JDK's providers, in their configured order. */
    public static Jca jdk() {
        return JDK;
    }

    /**
     * @param provider the provider to ask first
     * @return JCA access through it
     */
    public static Jca of(Provider provider) {
        return new Jca(provider);
    }

    /** The provider asked first, or {@code null} for the JDK's. */
    public Provider provider() {
        return provider;
    }

    /** For logs and health: {@code JDK}, or the provider's name and version. */
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * @param transformation a cipher transformation
     * @param mode {@link Cipher#DECRYPT_MODE} or {@link Cipher#UNWRAP_MODE}
     * @param key the key, converted for the provider that serves the cipher
     * @param spec the parameters, or {@code null}
     * @return an initialised cipher; give it back with {@link #release} after an operation that
     *     succeeded
     * @throws GeneralSecurityException when it cannot be made or initialised
     */
    public Cipher cipher(String transformation, int mode, Key key, AlgorithmParameterSpec spec)
            throws GeneralSecurityException {
        boolean own = serves("Cipher", transformation);
        Key k = own ? translate(key) : key;
        Cipher pooled = (Cipher) pool("Cipher", transformation, own).take();
        if (pooled != null) {
            try {
                init(pooled, mode, k, spec);
                return pooled;
            } catch (java.security.InvalidKeyException e) {
                // Bound to the provider of an earlier key that this one does not fit: a new engine.
            }
        }
        Cipher c = own ? Cipher.getInstance(transformation, provider) : Cipher.getInstance(transformation);
        init(c, mode, k, spec);
        return c;
    }

    private static void init(Cipher c, int mode, Key key, AlgorithmParameterSpec spec) throws GeneralSecurityException {
        if (spec == null) {
            c.init(mode, key);
        } else {
            c.init(mode, key, spec);
        }
    }

    /**
     * @param algorithm {@code ECDH} or {@code XDH}
     * @param privateKey our key, converted for the provider that serves the agreement
     * @param peer the other party's public key, built by {@link #publicKey(String, KeySpec)}
     * @return the shared secret
     * @throws GeneralSecurityException when the agreement fails
     */
    public byte[] agree(String algorithm, PrivateKey privateKey, PublicKey peer) throws GeneralSecurityException {
        boolean own = serves("KeyAgreement", algorithm);
        // Never pooled, not even the JDK's: an agreement is one call, and see jdkPools for ACCP's.
        KeyAgreement ka = own ? KeyAgreement.getInstance(algorithm, provider) : KeyAgreement.getInstance(algorithm);
        ka.init(own ? translate(privateKey) : privateKey);
        ka.doPhase(peer, true);
        return ka.generateSecret();
    }

    /**
     * @param algorithm a key algorithm ({@code EC}, {@code XDH})
     * @param spec the public key's specification
     * @return the key, made by the provider that serves the key agreement for it
     * @throws GeneralSecurityException when there is none, or the specification is refused
     */
    public PublicKey publicKey(String algorithm, KeySpec spec) throws GeneralSecurityException {
        String agreement = algorithm.equals("EC") ? "ECDH" : algorithm;
        boolean own = serves("KeyAgreement", agreement) && serves("KeyFactory", algorithm);
        KeyFactory factory = (KeyFactory) pool("KeyFactory", algorithm, own).take();
        if (factory == null) {
            factory = own ? KeyFactory.getInstance(algorithm, provider) : KeyFactory.getInstance(algorithm);
        }
        PublicKey key = factory.generatePublic(spec);
        pool("KeyFactory", algorithm, own).give(factory);
        return key;
    }

    /**
     * @param algorithm a signature algorithm
     * @param key the public key, converted for the provider that serves the signature
     * @param spec parameters (RSASSA-PSS), or {@code null}
     * @return a signature initialised for verification; give it back with {@link #release} after a
     *     verification that ran to its answer
     * @throws GeneralSecurityException when it cannot be made or initialised
     */
    public Signature verifier(String algorithm, PublicKey key, AlgorithmParameterSpec spec)
            throws GeneralSecurityException {
        if (serves("Signature", algorithm)) {
            PublicKey own = (PublicKey) translate(key);
            Signature pooled = (Signature) pool("Signature", algorithm, true).take();
            try {
                return verifier(pooled != null ? pooled : Signature.getInstance(algorithm, provider), own, spec);
            } catch (java.security.InvalidKeyException e) {
                // A key the provider does not take (e.g. Ed448 where only Ed25519 is served): the JDK's.
            }
        }
        Signature pooled = (Signature) pool("Signature", algorithm, false).take();
        if (pooled != null) {
            try {
                return verifier(pooled, key, spec);
            } catch (java.security.InvalidKeyException e) {
                // Bound to the provider of an earlier key that this one does not fit: a new engine.
            }
        }
        return verifier(Signature.getInstance(algorithm), key, spec);
    }

    private static Signature verifier(Signature s, PublicKey key, AlgorithmParameterSpec spec)
            throws GeneralSecurityException {
        if (spec != null) {
            s.setParameter(spec);
        }
        s.initVerify(key);
        return s;
    }

    /**
     * @param algorithm an HMAC algorithm
     * @param key the secret
     * @return an initialised MAC; give it back with {@link #release} after it computed its value
     * @throws GeneralSecurityException when it cannot be made or initialised
     */
    public Mac mac(String algorithm, Key key) throws GeneralSecurityException {
        boolean own = serves("Mac", algorithm);
        Mac pooled = (Mac) pool("Mac", algorithm, own).take();
        if (pooled != null) {
            try {
                pooled.init(key);
                return pooled;
            } catch (java.security.InvalidKeyException e) {
                // Bound to the provider of an earlier key that this one does not fit: a new engine.
            }
        }
        Mac m = own ? Mac.getInstance(algorithm, provider) : Mac.getInstance(algorithm);
        m.init(key);
        return m;
    }

    /**
     * Gives an engine from this object back for the next call. Only after an operation that
     * succeeded: an engine whose operation threw is left to the garbage collector.
     *
     * @param engine a {@code Cipher}, {@code Signature} or {@code Mac} from this object
     */
    public void release(Object engine) {
        if (engine instanceof Cipher c) {
            pool("Cipher", c.getAlgorithm(), c.getProvider() == provider).give(c);
        } else if (engine instanceof Signature s) {
            pool("Signature", s.getAlgorithm(), s.getProvider() == provider).give(s);
        } else if (engine instanceof Mac m) {
            pool("Mac", m.getAlgorithm(), m.getProvider() == provider).give(m);
        }
    }

    private EnginePool pool(String type, String algorithm, boolean own) {
        if (own && provider != null) {
            return NONE;
        }
        Map<String, EnginePool> pools = jdkPools.get(type);
        EnginePool pool = pools.get(algorithm);
        return pool != null ? pool : pools.computeIfAbsent(algorithm, k -> new EnginePool());
    }

    /** Whether the chosen provider serves this; asked once per name (a failed lookup is slow). */
    private boolean serves(String type, String algorithm) {
        if (provider == null) {
            return false;
        }
        Map<String, Boolean> known = serves.get(type);
        Boolean answer = known.get(algorithm);
        if (answer != null) {
            return answer;
        }
        return known.computeIfAbsent(algorithm, k -> {
            try {
                switch (type) {
                    case "Cipher" -> Cipher.getInstance(algorithm, provider);
                    case "KeyAgreement" -> KeyAgreement.getInstance(algorithm, provider);
                    case "KeyFactory" -> KeyFactory.getInstance(algorithm, provider);
                    case "Signature" -> Signature.getInstance(algorithm, provider);
                    case "Mac" -> Mac.getInstance(algorithm, provider);
                    default -> throw new NoSuchAlgorithmException(type);
                }
                return true;
            } catch (NoSuchAlgorithmException | NoSuchPaddingException | RuntimeException e) {
                return false;
            }
        });
    }

    /** The provider's own object for an RSA or EC key (secret keys stay as they are). */
    private Key translate(Key key) {
        String algorithm = key.getAlgorithm();
        if (!(key instanceof PublicKey || key instanceof PrivateKey)
                || !(algorithm.equals("RSA") || algorithm.equals("EC")) || !serves("KeyFactory", algorithm)) {
            return key;
        }
        Identity id = new Identity(key);
        Key known = translated.get(id);
        if (known != null) {
            return known;
        }
        Key own;
        try {
            own = KeyFactory.getInstance(algorithm, provider).translateKey(key);
        } catch (GeneralSecurityException | RuntimeException e) {
            own = key;
        }
        if (translated.size() >= MAX_TRANSLATED) {
            translated.clear();
        }
        translated.put(id, own);
        return own;
    }

    /** A key by identity: key objects' own equals and hashCode encode the key on every call. */
    private static final class Identity {
        private final Key key;

        Identity(Key key) {
            this.key = key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.key == key;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(key);
        }
    }
}

package dev.jwe.cli;

import dev.jwe.core.Jwks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.crypto.spec.SecretKeySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jwe keys generate}: makes an RSA, EC or secret key with the JDK and writes it as a private
 * JWK Set (or PKCS#8 PEM), optionally with the public half beside it (JWK Set or SPKI PEM). An
 * {@code enc} key in a JWK Set carries its key-management {@code alg} ({@code --alg}, default
 * RSA-OAEP-256 for RSA and ECDH-ES+A256KW for EC), so that issuers that choose the recipient's key
 * by {@code alg} find it. Never
 * overwrites a file without {@code --force}; files with private or secret keys are made readable by
 * the owner only where the file system has POSIX permissions. Prints a one-line JSON summary.
 */
@Command(name = "generate", sortOptions = false,
        description = {"Generate a key and write it as a private JWK Set (or PKCS#8 PEM), optionally with"
                + " the public half (JWK Set or SPKI PEM).",
            "Prints a JSON summary (kid, type, files); never prints key material."})
final class KeysGenerateCommand implements Callable<Integer> {
    private static final List<Integer> OCT_BITS = List.of(128, 192, 256, 384, 512);

    /** Key types. */
    enum Type { rsa, ec, oct }

    /** Key usage, the JWK {@code use}. */
    enum Use { enc, sig }

    /** Output formats. */
    enum Format { jwks, pem }

    @Option(names = "--type", required = true, paramLabel = "rsa|ec|oct", description = "Key type.")
    Type type;

    @Option(names = "--size", paramLabel = "BITS",
            description = "rsa: modulus bits, at least 2048 (default 2048); oct: 128, 192, 256 (default), 384 or 512.")
    Integer size;

    @Option(names = "--curve", paramLabel = "P-256|P-384|P-521", description = "ec: the curve (default P-256).")
    String curve;

    @Option(names = "--kid", paramLabel = "ID",
            description = "Key id (default: the key's RFC 7638 thumbprint). PEM files carry no key id.")
    String kid;

    @Option(names = "--use", required = true, paramLabel = "enc|sig",
            description = "What the key is for: enc (token encryption) or sig (inner signature).")
    Use use;

    @Option(names = "--alg", paramLabel = "ALG",
            description = {"enc keys: the JWE key-management algorithm written as the key's alg, which issuers that"
                + " choose the key by alg (Keycloak) need. Default: RSA-OAEP-256 for rsa, ECDH-ES+A256KW for ec,"
                + " none for oct (then every algorithm its size fits is accepted)."})
    String alg;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The private key file.")
    Path out;

    @Option(names = "--public-out", paramLabel = "FILE", description = "Also write the public key here (rsa, ec).")
    Path publicOut;

    @Option(names = "--format", paramLabel = "jwks|pem", defaultValue = "jwks",
            description = "jwks (default) or pem (PKCS#8 private key, SPKI public key).")
    Format format;

    @Option(names = "--force", description = "Overwrite existing files.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        checkOptions();
        checkTarget(out, "--out");
        if (publicOut != null) {
            checkTarget(publicOut, "--public-out");
        }
        Key key;
        PublicKey publicKey = null;
        String describedType;
        if (type == Type.oct) {
            byte[] secret = new byte[(size == null ? 256 : size) / 8];
            new SecureRandom().nextBytes(secret);
            key = new SecretKeySpec(secret, "AES");
            describedType = "oct-" + secret.length * 8;
        } else {
            KeyPair pair = generatePair();
            key = pair.getPrivate();
            publicKey = pair.getPublic();
            describedType = type == Type.rsa ? "RSA-" + (size == null ? 2048 : size) : "EC-" + curveName();
        }
        String keyAlg = keyAlgorithm(key);
        String thumbprint = Jwks.thumbprint(publicKey != null ? publicKey : key);
        String keyId = format == Format.pem ? thumbprint : kid != null ? kid : thumbprint;

        if (format == Format.pem) {
            write(out, pem("PRIVATE KEY", key.getEncoded()), true);
            if (publicOut != null) {
                write(publicOut, pem("PUBLIC KEY", publicKey.getEncoded()), false);
            }
        } else {
            write(out, Jwk.jwkSet(Jwk.privateJwk(keyId, use.name(), keyAlg, key, publicKey)), true);
            if (publicOut != null) {
                write(publicOut, Jwk.jwkSet(Jwk.publicJwk(keyId, use.name(), keyAlg, publicKey)), false);
            }
        }

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("kid", keyId);
        summary.put("type", describedType);
        summary.put("use", use.name());
        if (keyAlg != null) {
            summary.put("alg", keyAlg);
        }
        summary.put("format", format.name());
        summary.put("out", out.toString());
        if (publicOut != null) {
            summary.put("publicOut", publicOut.toString());
        }
        summary.put("thumbprint", thumbprint);
        spec.commandLine().getOut().append(Json.write(summary)).append('\n').flush();
        return 0;
    }

    private void checkOptions() {
        switch (type) {
            case rsa -> {
                requireNoCurve();
                if (size != null && (size < 2048 || size > 16384)) {
                    throw new UsageException("--size", "RSA keys need 2048 to 16384 bits, not " + size);
                }
            }
            case ec -> {
                if (size != null) {
                    throw new UsageException("--size", "not for ec keys; choose the curve with --curve");
                }
                if (curve != null) {
                    try {
                        Jwks.curveParameters(curve);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--curve", e.getMessage());
                    }
                }
            }
            case oct -> {
                requireNoCurve();
                if (size != null && !OCT_BITS.contains(size)) {
                    throw new UsageException("--size", "secret keys have 128, 192, 256, 384 or 512 bits, not " + size);
                }
                if (publicOut != null) {
                    throw new UsageException("--public-out", "a secret (oct) key has no public half");
                }
                if (format == Format.pem) {
                    throw new UsageException("--format", "pem holds only rsa and ec keys; use jwks for oct");
                }
            }
            default -> throw new IllegalStateException(String.valueOf(type));
        }
        if (format == Format.pem && kid != null) {
            throw new UsageException("--kid", "PEM files carry no key id (readers use the RFC 7638 thumbprint);"
                    + " use --format jwks to keep a key id");
        }
        if (alg != null && use != Use.enc) {
            throw new UsageException("--alg", "names the key-management algorithm of an enc key; a sig key's"
                    + " algorithm comes from the signing configuration");
        }
        if (alg != null && format == Format.pem) {
            throw new UsageException("--alg", "PEM files carry no alg (the JWKS servlet publishes the accepted one);"
                    + " use --format jwks to keep an alg");
        }
        if (publicOut != null && publicOut.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new UsageException("--public-out", "must not be the same file as --out");
        }
    }

    /**
     * The {@code alg} to write: the one given, checked against the key by core's table (so the
     * CLI accepts exactly what the validator can), else the default for an RSA or EC enc key;
     * none for sig keys, oct keys and PEM files.
     */
    private String keyAlgorithm(Key key) {
        if (use != Use.enc || format == Format.pem) {
            return null;
        }
        if (alg == null) {
            return type == Type.oct ? null : Jwks.defaultKeyManagement(key);
        }
        try {
            return Jwks.checkKeyManagement(alg, key);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--alg", e.getMessage());
        }
    }

    private void requireNoCurve() {
        if (curve != null) {
            throw new UsageException("--curve", "only for ec keys");
        }
    }

    private String curveName() {
        return curve == null ? "P-256" : curve;
    }

    private KeyPair generatePair() {
        try {
            if (type == Type.rsa) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(size == null ? 2048 : size);
                return g.generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(Jwks.curveParameters(curveName()));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate " + type + " keys", e);
        }
    }

    private void checkTarget(Path file, String option) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UsageException(option, "the directory of " + file + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new UsageException(option, file + " is a directory");
        }
        if (Files.exists(file) && !force) {
            throw new UsageException(option, file + " exists; use --force to overwrite it");
        }
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /**
     * Writes through a temporary file in the same directory, created owner-only, then moved into
     * place, so a private key is never readable by others, not even while it is being written.
     */
    private void write(Path file, String content, boolean secret) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
        Path tmp = posix
                ? Files.createTempFile(dir, ".jwe-", ".tmp", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".jwe-", ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            if (posix && !secret) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void move(Path tmp, Path target) throws IOException {
        try {
            if (force) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(tmp, target);
            }
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new UsageException(target.equals(out.toAbsolutePath()) ? "--out" : "--public-out",
                    target + " exists; use --force to overwrite it");
        }
    }
}

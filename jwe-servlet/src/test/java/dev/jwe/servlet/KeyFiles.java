package dev.jwe.servlet;

import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Base64;

/**
 * Keys generated per run and written as PEM files, the way an operator would deploy them:
 * the RSA decryption key (PKCS#8) and the issuer's EC verification key (SPKI). The entries are
 * read back through {@link KeySource#load}, so their key ids are the ones the filter sees.
 *
 * @param decryptionKeyFile the private RSA key
 * @param verificationKeyFile the issuer's public EC key
 * @param decryption the decryption key as loaded (private and public halves)
 * @param signing the issuer's signing key, with the key id the verifier derives
 */
record KeyFiles(Path decryptionKeyFile, Path verificationKeyFile, KeyEntry decryption, KeyEntry signing) {

    static KeyFiles create(Path dir, int rsaBits) {
        try {
            Files.createDirectories(dir);
            KeyEntry rsa = TestKeys.rsa(null, rsaBits);
            KeyEntry ec = TestKeys.ec(null, "P-256");
            Path enc = writePem(dir.resolve("enc.pem"), "PRIVATE KEY", rsa.key().getEncoded());
            Path sig = writePem(dir.resolve("sig.pub.pem"), "PUBLIC KEY", ec.publicKey().orElseThrow().getEncoded());
            KeyEntry decryption = KeySource.load(enc.toString(), null).keys().all().get(0);
            String sigKid = KeySource.load(sig.toString(), null).keys().all().get(0).kid().orElseThrow();
            return new KeyFiles(enc, sig, decryption, KeyEntry.of(sigKid, ec.key(), ec.publicKey().orElseThrow()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Rotates the decryption key as an operator would: a new RSA key written to a temporary file
     * and moved over the old one in one step, with a later modification time (so that even a
     * file system with coarse timestamps sees the change).
     *
     * @param rsaBits the new key's size
     * @return these key files with the new decryption key
     */
    KeyFiles withNewDecryptionKey(int rsaBits) {
        return withNewDecryptionKey(TestKeys.rsa(null, rsaBits));
    }

    /**
     * The same rotation to a key of any type (e.g. from RSA to EC).
     *
     * @param key the new private key
     * @return these key files with the new decryption key
     */
    KeyFiles withNewDecryptionKey(KeyEntry key) {
        try {
            Path tmp = writePem(decryptionKeyFile.resolveSibling("enc.pem.tmp"), "PRIVATE KEY", key.key().getEncoded());
            FileTime before = Files.getLastModifiedTime(decryptionKeyFile);
            Files.setLastModifiedTime(tmp, FileTime.fromMillis(before.toMillis() + 2000));
            Files.move(tmp, decryptionKeyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            KeyEntry decryption = KeySource.load(decryptionKeyFile.toString(), null).keys().all().get(0);
            return new KeyFiles(decryptionKeyFile, verificationKeyFile, decryption, signing);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        String pem = "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
        return Files.write(file, pem.getBytes(StandardCharsets.US_ASCII));
    }
}

package dev.jwe.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKey;

/**
 * Test-only self-signed X.509 certificates, built at test time (the JDK has no public API that
 * makes one). A minimal DER encoder for a v1 certificate signed with SHA256withRSA, SHA256withECDSA
 * or Ed25519, and PKCS#12 stores holding them; shared with other modules through jwe-core's
 * test-jar.
 */
public final class TestCertificates {
    private static final String RSA_SHA256 = "1.2.840.113549.1.1.11";
    private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    private static final String ED25519 = "1.3.101.112";
    private static final String COMMON_NAME = "2.5.4.3";

    private TestCertificates() {
    }

    /**
     * A self-signed certificate for a key pair, valid 2025-2035, subject {@code CN=<cn>}.
     *
     * @param entry a key entry with private and public halves (RSA, EC or Ed25519)
     * @param cn the common name
     * @return the certificate
     */
    public static X509Certificate selfSigned(KeyEntry entry, String cn) {
        PrivateKey key = (PrivateKey) entry.key();
        String oid;
        String jca;
        byte[] algorithmParams;
        if (key instanceof RSAKey) {
            oid = RSA_SHA256;
            jca = "SHA256withRSA";
            algorithmParams = new byte[] {0x05, 0x00};
        } else if (key instanceof ECKey) {
            oid = ECDSA_SHA256;
            jca = "SHA256withECDSA";
            algorithmParams = new byte[0];
        } else {
            oid = ED25519;
            jca = "Ed25519";
            algorithmParams = new byte[0];
        }
        byte[] algorithm = seq(oid(oid), algorithmParams);
        byte[] name = seq(tlv(0x31, seq(oid(COMMON_NAME), tlv(0x0C, cn.getBytes(StandardCharsets.UTF_8)))));
        byte[] validity = seq(tlv(0x17, ascii("250101000000Z")), tlv(0x17, ascii("350101000000Z")));
        byte[] tbs = seq(new byte[] {0x02, 0x01, 0x01}, algorithm, name, validity, name,
                entry.publicKey().orElseThrow().getEncoded());
        try {
            Signature signer = Signature.getInstance(jca);
            signer.initSign(key);
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bits = new byte[signature.length + 1];
            System.arraycopy(signature, 0, bits, 1, signature.length);
            byte[] der = seq(tbs, algorithm, tlv(0x03, bits));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * PEM text of one block: {@code -----BEGIN <type>-----}, base64 in 64-character lines.
     *
     * @param type the block type, e.g. {@code CERTIFICATE}
     * @param der the DER bytes
     * @return the PEM text
     */
    public static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /**
     * Writes a PKCS#12 key store: each private key with a self-signed certificate and each secret
     * key under its kid as alias, plus trusted certificates under {@code trusted-<n>}.
     *
     * @param file where to write
     * @param password the store and key password
     * @param keys private or secret keys, each with a kid
     * @param trusted certificates to add as trusted entries
     * @return the file
     */
    public static Path pkcs12(Path file, char[] password, List<KeyEntry> keys, List<X509Certificate> trusted) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (KeyEntry k : keys) {
                String alias = k.kid().orElseThrow();
                if (k.key() instanceof SecretKey secret) {
                    ks.setEntry(alias, new KeyStore.SecretKeyEntry(secret), new KeyStore.PasswordProtection(password));
                } else {
                    ks.setKeyEntry(alias, k.key(), password, new Certificate[] {selfSigned(k, alias)});
                }
            }
            for (int i = 0; i < trusted.size(); i++) {
                ks.setCertificateEntry("trusted-" + (i + 1), trusted.get(i));
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                ks.store(out, password);
            }
            return file;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, parts);
    }

    private static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        int n = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xFF);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    private static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int shift = 63 - Long.numberOfLeadingZeros(arc | 1);
            for (int s = shift / 7 * 7; s > 0; s -= 7) {
                out.write((int) ((arc >> s) & 0x7F) | 0x80);
            }
            out.write((int) (arc & 0x7F));
        }
        return tlv(0x06, out.toByteArray());
    }
}

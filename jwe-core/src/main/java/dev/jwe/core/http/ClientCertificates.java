package dev.jwe.core.http;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * The TLS client certificate of a request for certificate-bound tokens (RFC 8705 §3): the one the
 * container saw, or, when {@code jwe.mtls.certificate-header} is set, the one a TLS-terminating
 * proxy put in that header (RFC 9440 {@code Client-Cert} {@code :base64:}, URL-encoded PEM as nginx's
 * {@code $ssl_client_escaped_cert}, or plain base64 DER). Stateless.
 */
final class ClientCertificates {
    private ClientCertificates() {
    }

    /**
     * The RFC 8705 §3.1 thumbprint of the request's client certificate: base64url SHA-256 of its
     * DER encoding, or {@code null} when there is none (or the header is not exactly one readable
     * certificate).
     */
    static String thumbprint(RequestView request, String header) {
        X509Certificate cert;
        if (header != null) {
            List<String> values = request.headers(header);
            cert = values.size() == 1 ? parse(values.get(0)) : null;
        } else {
            cert = request.clientCertificate();
        }
        if (cert == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return null;
        }
    }

    static X509Certificate parse(String value) {
        String v = value.trim();
        try {
            if (v.indexOf('%') >= 0) {
                v = percentDecode(v);
            }
            byte[] der;
            if (v.length() > 2 && v.startsWith(":") && v.endsWith(":")) {
                der = Base64.getDecoder().decode(v.substring(1, v.length() - 1));
            } else if (v.startsWith("-----BEGIN CERTIFICATE-----")) {
                der = v.getBytes(StandardCharsets.US_ASCII);
            } else {
                der = Base64.getMimeDecoder().decode(v);
            }
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
            return null;
        }
    }

    /** %XX escapes only: a {@code +} in base64 stays a {@code +} (unlike form decoding). */
    private static String percentDecode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

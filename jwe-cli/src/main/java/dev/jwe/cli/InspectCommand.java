package dev.jwe.cli;

import dev.jwe.core.AuditListener;
import dev.jwe.core.TokenMetadata;
import dev.jwe.core.TokenRejectedException;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.VerifiedToken;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jwe inspect}: the operator's "why was this token rejected?" tool. Without settings it shows
 * the protected header, the segment count and each segment's decoded size, without decrypting.
 * With settings ({@code --config}, {@code --set}, or {@code jwe.decryption.keys} from the
 * environment) it adds the validator's verdict and, for a valid token, the decrypted claims.
 */
@Command(name = "inspect", sortOptions = false,
        description = {"Show a token's protected header and segment sizes without decrypting it; with settings"
                + " (--config/--set), also the validator's verdict and, when valid, the claims.",
            "Exit status: 0 well-formed (and valid, when checked), 1 malformed or rejected, 2 usage or"
                    + " configuration error."})
final class InspectCommand implements Callable<Integer> {
    /** RFC 7516 §7.1: the five parts of the compact serialization. */
    private static final List<String> PARTS = List.of("protectedHeader", "encryptedKey", "iv", "ciphertext", "tag");
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder B64URL_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int MAX_HEADER_DEPTH = 16;

    @Mixin
    SettingsOptions settings;

    @Parameters(paramLabel = "TOKEN", arity = "0..1",
            description = "The compact JWE; without it (or with -) the first non-blank line of standard input.")
    String token;

    @Spec
    CommandSpec spec;

    private final Context context;

    InspectCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        TokenValidator validator = null;
        var bound = settings.bind(context.environment());
        if (settings.given() || bound.get("jwe.decryption.keys").isPresent()) {
            validator = context.validators().create(bound, context.clock(), AuditListener.NOOP);
        }
        String text = token == null || token.equals("-") ? readToken() : token.trim();

        Map<String, Object> report = new LinkedHashMap<>();
        String problem = describe(text, report);
        boolean ok = problem == null;
        if (validator != null) {
            try {
                VerifiedToken verified = validator.validate(text);
                Map<String, Object> verdict = Verdicts.accepted(verified);
                verdict.put("protection", protection(verified.metadata()));
                report.put("verdict", verdict);
            } catch (TokenRejectedException e) {
                report.put("verdict", Verdicts.rejected(e));
                ok = false;
            }
        }
        spec.commandLine().getOut().append(Json.writePretty(report)).append('\n').flush();
        return ok ? 0 : 1;
    }

    private String readToken() throws IOException {
        String line = new TokenLines(new InputStreamReader(context.stdin(), StandardCharsets.UTF_8),
                TokenLines.MAX_CHARS).next();
        if (line == null) {
            throw new UsageException("TOKEN", "no token given and none on standard input");
        }
        return line;
    }

    /**
     * Fills in what can be seen without keys.
     *
     * @return the reason the token is malformed, or {@code null} when it is well-formed
     */
    private static String describe(String text, Map<String, Object> report) {
        String[] segments = text.split("\\.", -1);
        report.put("wellFormed", false);
        report.put("length", text.length());
        report.put("segmentCount", segments.length);
        if (segments.length != 5) {
            return malformed(report, "a compact JWE has 5 segments, this has " + segments.length
                    + (segments.length == 3 ? " (a JWS: signed, not encrypted)" : ""));
        }
        Map<String, Object> sizes = new LinkedHashMap<>();
        byte[] header = null;
        for (int i = 0; i < segments.length; i++) {
            byte[] decoded = strictBase64url(segments[i]);
            if (decoded == null) {
                return malformed(report, "segment " + (i + 1) + " (" + PARTS.get(i) + ") is not strict base64url");
            }
            sizes.put(PARTS.get(i), decoded.length);
            if (i == 0) {
                header = decoded;
            }
        }
        report.put("decodedSizes", sizes);
        String headerText = utf8(header);
        if (headerText == null) {
            return malformed(report, "the protected header is not UTF-8");
        }
        try {
            report.put("header", Json.parseObject(headerText, MAX_HEADER_DEPTH));
        } catch (Json.ParseException e) {
            return malformed(report, "the protected header is not a JSON object (" + e.getMessage() + ")");
        }
        report.put("wellFormed", true);
        return null;
    }

    private static String malformed(Map<String, Object> report, String problem) {
        report.put("problem", problem);
        return problem;
    }

    /** RFC 7515 §2 base64url: URL alphabet, no padding, and the one canonical encoding of its bytes. */
    private static byte[] strictBase64url(String segment) {
        if (segment.indexOf('=') >= 0) {
            return null;
        }
        try {
            byte[] bytes = B64URL_DECODER.decode(segment);
            return B64URL_ENCODER.encodeToString(bytes).equals(segment) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Map<String, Object> protection(TokenMetadata m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kid", m.keyId());
        out.put("alg", m.keyManagementAlgorithm());
        out.put("enc", m.contentEncryptionAlgorithm());
        out.put("signingKid", m.signingKeyId());
        out.put("sigAlg", m.signatureAlgorithm());
        return out;
    }
}

package dev.jwe.samples.spring;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /dev/token} (form: {@code sub}, {@code roles}, {@code scopes} comma-separated,
 * {@code ttl} in seconds, at most one hour, default ten minutes): a token from the development
 * keys. 404 when the sample runs with configured keys.
 */
@RestController
class DevTokenController {
    private final ObjectProvider<DevTokens> devTokens;

    DevTokenController(ObjectProvider<DevTokens> devTokens) {
        this.devTokens = devTokens;
    }

    @PostMapping("/dev/token")
    ResponseEntity<?> token(@RequestParam(name = "sub", required = false) String sub,
            @RequestParam(name = "roles", defaultValue = "") String roles,
            @RequestParam(name = "scopes", defaultValue = "") String scopes,
            @RequestParam(name = "ttl", defaultValue = "600") long ttl) {
        DevTokens tokens = devTokens.getIfAvailable();
        if (tokens == null) {
            return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "Development keys are off: this sample runs with configured keys.")).build();
        }
        if (sub == null || sub.isBlank() || sub.length() > 128 || ttl < 1 || ttl > DevTokens.MAX_TTL.toSeconds()) {
            return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "sub is required (at most 128 characters); ttl is 1 to " + DevTokens.MAX_TTL.toSeconds()
                            + " seconds.")).build();
        }
        String token = tokens.mint(sub, list(roles), list(scopes), Duration.ofSeconds(ttl));
        return ResponseEntity.ok(Map.of("access_token", token, "token_type", "Bearer", "expires_in", ttl));
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}

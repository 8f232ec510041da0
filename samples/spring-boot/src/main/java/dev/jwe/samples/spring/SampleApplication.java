package dev.jwe.samples.spring;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The jwe Spring Boot sample: a resource server that accepts encrypted access tokens through
 * {@code jwe-spring-boot-starter}.
 * <pre>
 * java -jar samples/spring-boot/target/jwe-spring-boot-sample.jar [--server.port=N]
 * </pre>
 * {@link ApiController} serves {@code /api/whoami} (any valid token), {@code /api/orders}
 * ({@code @PreAuthorize} on the scope {@code orders:read}) and {@code /api/admin} (on the role
 * {@code admin}); {@code /actuator/health} shows the {@code jwe} key health without a token. The
 * {@code jwe.*} settings come from {@code application.yml}, environment variables and
 * {@code -D} options; without {@code jwe.decryption.keys}, {@link DevelopmentKeys} makes keys at
 * start and {@link DevTokenController} mints tokens. It listens on the loopback interface only.
 */
@SpringBootApplication
@EnableMethodSecurity
public class SampleApplication {

    /**
     * Starts the sample.
     *
     * @param args Spring Boot arguments, e.g. {@code --server.port=0}
     */
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(SampleApplication.class);
        app.addInitializers(new DevelopmentKeys());
        app.run(args);
    }

    /**
     * The security configuration a user copies: health open, the token endpoint open (it exists only
     * with development keys), everything else needs a token; the decoder, the authorities and the
     * answers come from the starter.
     */
    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/dev/token").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o.jwt(withDefaults()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.ignoringRequestMatchers("/dev/token"));
        return http.build();
    }
}

package dev.jwe.spring;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** An application's own chain, as the README shows it: URL rules, then the resource server. */
@Configuration(proxyBeanMethods = false)
class UserSecurity {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**").permitAll()
                        .requestMatchers("/reports/**").hasAuthority("SCOPE_reports:read")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o.jwt(withDefaults()));
        return http.build();
    }
}

package dev.jwe.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * The test application: auto-configuration, method security, {@link OrdersController} and an
 * {@link AuditEvents} listener. No component scan, so that each test adds exactly the security
 * configuration it is about.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableMethodSecurity
@Import(OrdersController.class)
class OrdersApplication {

    @Bean
    AuditEvents auditEvents() {
        return new AuditEvents();
    }
}

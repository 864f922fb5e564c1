package dev.holdfast.lock.server.security;

import dev.holdfast.lock.server.LockServerProperties;
import dev.holdfast.lock.server.LockServerProperties.ApiKey;
import dev.holdfast.lock.server.LockServerProperties.User;
import jakarta.servlet.DispatcherType;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationProvider;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.authentication.preauth.RequestHeaderAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * Who may call what. Clients authenticate with HTTP Basic ({@code holdfast.server.users.*}) or the {@code X-Api-Key}
 * header ({@code holdfast.server.api-keys.*}); no session is kept, every request carries its credentials. GETs need
 * READ, lock and permit operations need LOCK in the path's namespace, sessions need LOCK, force-release and semaphore
 * administration need ADMIN (which allows everything). Health and the dashboard page are open.
 *
 * <p>CSRF protection is off: no cookie authenticates a request, and every state-changing call takes a JSON body, which
 * a cross-site form cannot send without a CORS preflight that this server does not allow.
 */
@Configuration(proxyBeanMethods = false)
class ServerSecurityConfiguration {

    static final String API_KEY_HEADER = "X-Api-Key";

    @Bean
    SecurityFilterChain lockServerSecurity(
            HttpSecurity http, LockServerProperties properties, ObjectProvider<Customizer<HttpSecurity>> customizers) {
        AuthorizationManager<RequestAuthorizationContext> lockInNamespace =
                (client, context) -> new AuthorizationDecision(isAuthenticated(client.get())
                        && ClientAuthorities.mayLock(
                                client.get(), context.getVariables().get("ns")));
        http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(
                                DispatcherType.ASYNC, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/dashboard", "/dashboard/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/locks/{ns}/*/*", "/api/v1/semaphores/{ns}/*/*")
                        .access(lockInNamespace)
                        .requestMatchers("/api/v1/sessions", "/api/v1/sessions/**")
                        .hasAnyRole("LOCK", "ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/**", "/v3/**", "/actuator/**")
                        .hasAnyRole("READ", "ADMIN")
                        .anyRequest()
                        .hasRole("ADMIN"))
                .httpBasic(Customizer.withDefaults())
                .addFilterAt(apiKeyFilter(properties), AbstractPreAuthenticatedProcessingFilter.class)
                .sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf((csrf) -> csrf.disable());
        // Further ways in, such as an OAuth2 resource server (see the README), come as Customizer<HttpSecurity> beans.
        for (Customizer<HttpSecurity> customizer : customizers.orderedStream().toList()) {
            customizer.customize(http);
        }
        return http.build();
    }

    @Bean
    InMemoryUserDetailsManager lockServerUsers(LockServerProperties properties) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (Map.Entry<String, User> entry : properties.getUsers().entrySet()) {
            String password = entry.getValue().getPassword();
            if (password == null || password.isEmpty()) {
                throw new IllegalStateException("Lock server user '" + entry.getKey()
                        + "' has no password: set holdfast.server.users." + entry.getKey() + ".password");
            }
            users.createUser(org.springframework.security.core.userdetails.User.withUsername(entry.getKey())
                    .password(password.startsWith("{") ? password : "{noop}" + password)
                    .authorities(ClientAuthorities.of(entry.getValue()))
                    .build());
        }
        return users;
    }

    private static boolean isAuthenticated(Authentication client) {
        return client != null && client.isAuthenticated() && !"anonymousUser".equals(client.getName());
    }

    private static RequestHeaderAuthenticationFilter apiKeyFilter(LockServerProperties properties) {
        Map<String, ApiKey> keys = properties.getApiKeys();
        keys.forEach((key, client) -> {
            if (client.getClient() == null || client.getClient().isBlank()) {
                throw new IllegalStateException("Lock server API key '" + key.substring(0, Math.min(4, key.length()))
                        + "…' names no client: set holdfast.server.api-keys.<key>.client");
            }
        });
        PreAuthenticatedAuthenticationProvider provider = new PreAuthenticatedAuthenticationProvider();
        provider.setPreAuthenticatedUserDetailsService((PreAuthenticatedAuthenticationToken token) -> {
            ApiKey client = keys.get(String.valueOf(token.getPrincipal()));
            if (client == null) {
                throw new org.springframework.security.authentication.BadCredentialsException("Unknown API key");
            }
            UserDetails details = org.springframework.security.core.userdetails.User.withUsername(
                            String.valueOf(client.getClient()))
                    .password("")
                    .authorities(ClientAuthorities.of(client))
                    .build();
            return details;
        });
        RequestHeaderAuthenticationFilter filter = new RequestHeaderAuthenticationFilter();
        filter.setPrincipalRequestHeader(API_KEY_HEADER);
        filter.setExceptionIfHeaderMissing(false);
        filter.setAuthenticationManager(new ProviderManager(provider));
        filter.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
        return filter;
    }
}

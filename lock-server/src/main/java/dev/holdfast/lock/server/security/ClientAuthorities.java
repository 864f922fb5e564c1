package dev.holdfast.lock.server.security;

import dev.holdfast.lock.server.LockServerProperties.Grants;
import dev.holdfast.lock.server.LockServerProperties.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authorities a client's roles and namespaces become: {@code ROLE_READ}, {@code ROLE_LOCK}, {@code ROLE_ADMIN},
 * and {@code NAMESPACE_<ns>} (or {@code NAMESPACE_*}) for each namespace it may lock in.
 */
final class ClientAuthorities {

    static final String NAMESPACE_PREFIX = "NAMESPACE_";

    private ClientAuthorities() {}

    static List<GrantedAuthority> of(Grants grants) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Role role : grants.getRoles()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
        }
        for (String namespace : grants.getNamespaces()) {
            authorities.add(new SimpleGrantedAuthority(NAMESPACE_PREFIX + namespace));
        }
        return authorities;
    }

    /**
     * Return whether a client may lock in a namespace: an administrator, or a client with the LOCK role granted that
     * namespace or every namespace.
     */
    static boolean mayLock(Authentication client, String namespace) {
        Collection<? extends GrantedAuthority> authorities = client.getAuthorities();
        boolean admin = has(authorities, "ROLE_ADMIN");
        boolean lock = has(authorities, "ROLE_LOCK")
                && (has(authorities, NAMESPACE_PREFIX + "*") || has(authorities, NAMESPACE_PREFIX + namespace));
        return admin || lock;
    }

    private static boolean has(Collection<? extends GrantedAuthority> authorities, String name) {
        for (GrantedAuthority authority : authorities) {
            if (name.equals(authority.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}

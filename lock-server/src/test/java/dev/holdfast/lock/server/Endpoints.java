package dev.holdfast.lock.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The endpoints the server's own controllers map, read from Spring MVC's handler mapping: nothing listed by hand. */
record Endpoints(HttpMethod method, String pattern) {

    static List<Endpoints> of(RequestMappingHandlerMapping mapping) {
        List<Endpoints> endpoints = new ArrayList<>();
        mapping.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("dev.holdfast.lock.server")) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    endpoints.add(new Endpoints(HttpMethod.valueOf(method.name()), pattern));
                }
            }
        });
        return endpoints;
    }

    /** Return the path with every variable filled in: {ns} with the given namespace, the others with a fixed id. */
    String path(String namespace) {
        return pattern.replace("{ns}", namespace).replaceAll("\\{[^}]+}", "x-1");
    }

    /** Return the OpenAPI operation name: the method in lower case. */
    String operation() {
        return method.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return method + " " + pattern;
    }
}

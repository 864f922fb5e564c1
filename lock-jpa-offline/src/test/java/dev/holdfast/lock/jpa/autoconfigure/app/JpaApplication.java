package dev.holdfast.lock.jpa.autoconfigure.app;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** An application whose entities live in this package, found through the auto-configuration package. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class JpaApplication {}

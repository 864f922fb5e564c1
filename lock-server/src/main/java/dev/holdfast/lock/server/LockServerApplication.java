package dev.holdfast.lock.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The lock server's entry point: {@code java -jar lock-server.jar}. */
@SpringBootApplication
@EnableConfigurationProperties(LockServerProperties.class)
public class LockServerApplication {

    /**
     * Start the server.
     *
     * @param args command-line arguments, Spring Boot's {@code --property=value} among them
     */
    public static void main(String[] args) {
        SpringApplication.run(LockServerApplication.class, args);
    }
}

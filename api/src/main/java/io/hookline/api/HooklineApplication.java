package io.hookline.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication(scanBasePackages = "io.hookline")
@ConfigurationPropertiesScan("io.hookline")
@org.springframework.scheduling.annotation.EnableScheduling
public class HooklineApplication {

    public static void main(String[] args) {
        SpringApplication.run(HooklineApplication.class, args);
    }
}

package io.hookline.api.portal;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The portal's entry points; its scripts and styles are plain static resources. Hidden from the
 * OpenAPI contract: the portal is a client of the API, not part of it.
 */
@RestController
@Hidden
class PortalController {

    private static final Resource INDEX = new ClassPathResource("static/portal/index.html");

    private final PortalSettings settings;

    PortalController(PortalSettings settings) {
        this.settings = settings;
    }

    /** Relative module and style URLs in the page resolve against {@code /portal/}, so the slash matters. */
    @GetMapping("/portal")
    ResponseEntity<Void> redirect(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create(request.getContextPath() + "/portal/"))
                .build();
    }

    @GetMapping("/portal/")
    ResponseEntity<Resource> index() {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .body(INDEX);
    }

    @GetMapping(path = "/portal/config.json", produces = "application/json")
    ResponseEntity<PortalConfig> config() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(settings.config());
    }
}

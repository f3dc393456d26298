package clipcast.contacts;

import clipcast.web.ApiProblems;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * Consent-proof bundles over the API: JSON by default, an HTML page fit to print with {@code Accept: text/html}.
 * For a contact, an import, or an audience (contact ids and/or a list).
 */
@Controller
class ProofController {

    private final ProofBundles proofs;
    private final ApiProblems problems;

    ProofController(ProofBundles proofs, ApiProblems problems) {
        this.proofs = proofs;
        this.problems = problems;
    }

    record AudienceRequest(List<UUID> contactIds, String list) {}

    @GetMapping(value = "/api/v1/contacts/{id}/proof", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<?> contactJson(@PathVariable UUID id) {
        return proofs.forContact(id)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND"));
    }

    @GetMapping(value = "/api/v1/contacts/{id}/proof", produces = MediaType.TEXT_HTML_VALUE)
    String contactPage(@PathVariable UUID id, Model model) {
        model.addAttribute("proof", proofs.forContact(id).orElseThrow(ProofController::notFound));
        return "contacts/proof";
    }

    @GetMapping(value = "/api/v1/imports/{id}/proof", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<?> importJson(@PathVariable UUID id) {
        return proofs.forImport(id)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND"));
    }

    @GetMapping(value = "/api/v1/imports/{id}/proof", produces = MediaType.TEXT_HTML_VALUE)
    String importPage(@PathVariable UUID id, Model model) {
        model.addAttribute("proof", proofs.forImport(id).orElseThrow(ProofController::notFound));
        return "contacts/proof";
    }

    @PostMapping(value = "/api/v1/proofs", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<?> audienceJson(@RequestBody AudienceRequest request) {
        return ResponseEntity.ok(proofs.forAudience(request.contactIds(), request.list()));
    }

    @PostMapping(value = "/api/v1/proofs", produces = MediaType.TEXT_HTML_VALUE)
    String audiencePage(@RequestBody AudienceRequest request, Model model) {
        model.addAttribute("proof", proofs.forAudience(request.contactIds(), request.list()));
        return "contacts/proof";
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}

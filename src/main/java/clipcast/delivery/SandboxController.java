package clipcast.delivery;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The dashboard pages of the sandbox transport: every message that would have been sent, as it would have read, and
 * for email each message in full, headers and DKIM signature included.
 */
@Controller
class SandboxController {

    private final SandboxMessages messages;

    SandboxController(SandboxMessages messages) {
        this.messages = messages;
    }

    @GetMapping("/app/sandbox")
    String page(Model model) {
        model.addAttribute("messages", messages.newest());
        model.addAttribute("shown", SandboxMessages.SHOWN);
        return "delivery/sandbox";
    }

    @GetMapping("/app/sandbox/{id}")
    String message(@PathVariable UUID id, Model model) {
        var message = messages.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("message", message);
        model.addAttribute("wire", message.raw() == null ? null : WireMessage.read(message.raw()));
        return "delivery/sandbox-message";
    }
}

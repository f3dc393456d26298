package clipcast.contacts;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard page of the sandbox transport: every message that would have been sent, as it would have read. */
@Controller
class SandboxOutboxController {

    private final SandboxOutbox outbox;

    SandboxOutboxController(SandboxOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/app/sandbox")
    String page(Model model) {
        model.addAttribute("messages", outbox.newest());
        model.addAttribute("shown", SandboxOutbox.SHOWN);
        return "contacts/sandbox";
    }
}

package clipcast.campaigns;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The page of an email sender's confirmation link: its GET only asks, its button (a POST) confirms. */
@Controller
class SenderConfirmationController {

    private final Senders senders;

    SenderConfirmationController(Senders senders) {
        this.senders = senders;
    }

    @GetMapping("/senders/confirm/{token}")
    String ask(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("outcome", senders.confirm(token, false).name());
        return "campaigns/sender-confirm";
    }

    @PostMapping("/senders/confirm/{token}")
    String confirm(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("outcome", senders.confirm(token, true).name());
        return "campaigns/sender-confirm";
    }
}

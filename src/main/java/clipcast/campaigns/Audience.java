package clipcast.campaigns;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who a campaign is for: members of any of the lists or tags (one set of labels), or the contacts named; narrowed,
 * when given, to contacts whose attributes contain every pair of {@code attributes}.
 */
public record Audience(List<String> lists, List<String> tags, List<UUID> contactIds, Map<String, Object> attributes) {

    public Audience {
        lists = lists == null ? List.of() : List.copyOf(lists);
        tags = tags == null ? List.of() : List.copyOf(tags);
        contactIds = contactIds == null ? List.of() : List.copyOf(contactIds);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** The lists and tags together. */
    List<String> labels() {
        var labels = new java.util.ArrayList<String>(lists);
        labels.addAll(tags);
        return labels;
    }

    boolean empty() {
        return lists.isEmpty() && tags.isEmpty() && contactIds.isEmpty() && attributes.isEmpty();
    }
}

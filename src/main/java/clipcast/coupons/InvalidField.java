package clipcast.coupons;

/** A command refused at construction because one named field is wrong. */
public final class InvalidField extends IllegalArgumentException {

    private final String field;

    public InvalidField(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

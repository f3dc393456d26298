package clipcast.web;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.HttpApi.Reply;
import clipcast.support.TestTenants;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad input of every kind gets a 4xx problem that names what was wrong, and never a stack trace. */
@ClipcastTest
class ApiErrorsTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    HttpApi api;

    @BeforeEach
    void signIn() {
        api = new HttpApi(port, tenants.create("Errors").apiKey());
    }

    @Test
    void malformed_json_is_a_400_naming_line_and_column() {
        var reply = api.postRaw("/api/v1/api-keys", "application/json", "{\"name\": \"x\",\n  oops}");

        assertProblem(reply, 400, "MALFORMED_JSON");
        assertThat(reply.json().get("detail").asString()).contains("line 2");
    }

    @Test
    void an_unknown_field_is_a_400_naming_the_field() {
        var reply = api.post("/api/v1/api-keys", HttpApi.json("name", "x", "colour", "red"));

        assertProblem(reply, 400, "UNKNOWN_FIELD");
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("colour");
    }

    @Test
    void a_value_of_the_wrong_kind_is_a_400_naming_the_field() {
        var reply = api.post("/api/v1/api-keys", HttpApi.json("name", "x", "scope", "EVERYTHING"));

        assertProblem(reply, 400, "INVALID_FIELD");
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("scope");
        assertThat(reply.json().get("errors").get(0).get("code").asString()).isEqualTo("INVALID_FORMAT");
    }

    @Test
    void an_object_where_text_belongs_is_a_400_naming_the_field() {
        var reply = api.post("/api/v1/api-keys", HttpApi.json("name", HttpApi.json("a", 1)));

        assertProblem(reply, 400, "INVALID_FIELD");
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
    }

    @Test
    void a_missing_required_field_is_a_400_with_a_field_error() {
        var reply = api.post("/api/v1/api-keys", HttpApi.json("scope", "FULL"));

        assertProblem(reply, 400, "VALIDATION_FAILED");
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(reply.json().get("errors").get(0).get("code").asString()).isEqualTo("REQUIRED");
    }

    @Test
    void a_nul_character_in_any_text_is_a_400_naming_the_field_and_stores_nothing() {
        var reply = api.post("/api/v1/api-keys", HttpApi.json("name", "till\u0000one"));

        assertProblem(reply, 400, "INVALID_FIELD");
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(api.get("/api/v1/api-keys").json().get("items")).hasSize(1);
    }

    @Test
    void a_nul_character_inside_free_form_json_is_a_400_not_a_500() {
        var reply = api.post(
                "/api/v1/contacts",
                HttpApi.json("email", "nul@example.org", "attributes", HttpApi.json("note", "a\u0000b")));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(api.get("/api/v1/contacts?email=nul@example.org").json().get("items"))
                .isEmpty();
    }

    @Test
    void a_query_parameter_that_does_not_decode_is_a_400_naming_it() {
        var reply = api.get("/api/v1/contacts?cursor=%FF%FE");

        assertProblem(reply, 400, "INVALID_PARAMETER");
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("cursor");
    }

    @Test
    void a_multipart_body_without_a_boundary_is_a_400() {
        assertProblem(
                api.postRaw("/api/v1/imports", "multipart/form-data", "--x\r\n\r\n--x--"), 400, "MALFORMED_MULTIPART");
    }

    @Test
    void an_empty_body_is_a_400() {
        assertProblem(api.postRaw("/api/v1/api-keys", "application/json", ""), 400, "BODY_REQUIRED");
    }

    @Test
    void a_body_over_the_limit_is_a_413() {
        var huge = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        assertProblem(api.postRaw("/api/v1/api-keys", "application/json", huge), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_chunked_body_over_the_limit_is_a_413() {
        var body = ("{\"name\":\"" + " ".repeat(3 * 1024 * 1024) + "\"}").getBytes();
        // An input stream has no known length, so the client sends it chunked, without Content-Length.
        var unsized = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body));

        var reply = api.send(api.request("/api/v1/api-keys")
                .header("Content-Type", "application/json")
                .POST(unsized));

        assertProblem(reply, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_body_that_is_not_json_is_a_415() {
        assertProblem(api.postRaw("/api/v1/api-keys", "text/plain", "name=x"), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void an_unknown_path_is_a_404_problem() {
        assertProblem(api.get("/api/v1/nothing-here"), 404, "NOT_FOUND");
    }

    @Test
    void an_id_that_is_no_id_is_a_400_naming_the_parameter() {
        var reply = api.get("/api/v1/api-keys/not-a-uuid");

        assertProblem(reply, 400, "INVALID_PARAMETER");
        assertThat(reply.json().get("errors").get(0).get("field").asString()).isEqualTo("id");
    }

    @Test
    void a_wrong_method_is_a_405_problem() {
        assertProblem(api.postRaw("/api/v1/tenant", "application/json", "{}"), 405, "METHOD_NOT_ALLOWED");
    }

    private static void assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        var problem = reply.json();
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(reply.body()).doesNotContain("Exception", "at clipcast.", "at org.", "tools.jackson");
    }
}

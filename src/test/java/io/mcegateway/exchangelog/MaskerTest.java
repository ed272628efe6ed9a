package io.mcegateway.exchangelog;

import static io.mcegateway.exchangelog.TestMasking.hashOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Masker masker = TestMasking.masker();

    @Test
    void authorization_headers_keep_their_scheme_and_lose_their_credentials_in_any_case() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("AUTHORIZATION", "Bearer fake-token-value-1");
        headers.put("proxy-authorization", List.of("Basic ZmFrZTpmYWtl"));
        headers.put("authorization", "fake-token-without-scheme");

        assertThat(masker.maskHeaders(headers)).containsExactly(
                Map.entry("AUTHORIZATION", List.of("Bearer ***")),
                Map.entry("proxy-authorization", List.of("Basic ***")),
                Map.entry("authorization", List.of("***")));
    }

    @Test
    void other_secret_headers_are_masked_whole_and_plain_ones_kept() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Cookie", "session=fake-1; theme=dark");
        headers.put("Set-Cookie", new String[] {"a=fake-2", "b=fake-3"});
        headers.put("X-Api-Key", "fake-key");
        headers.put("Content-Type", "application/json");
        headers.put("Retry-After", 5);
        headers.put("X-Mc-Contact", "jane@example.com");

        assertThat(masker.maskHeaders(headers)).containsExactly(
                Map.entry("Cookie", List.of("***")),
                Map.entry("Set-Cookie", List.of("***", "***")),
                Map.entry("X-Api-Key", List.of("***")),
                Map.entry("Content-Type", List.of("application/json")),
                Map.entry("Retry-After", List.of("5")),
                Map.entry("X-Mc-Contact", List.of(hashOf("jane@example.com"))));
    }

    @Test
    void url_valued_headers_are_masked_as_urls() {
        assertThat(masker.maskHeaders(Map.of("Location", "https://h.example/cb?access_token=fake-1&x=1")))
                .containsEntry("Location", List.of("https://h.example/cb?access_token=***&x=1"));
    }

    @Test
    void a_token_request_loses_its_client_secret_and_keeps_everything_else() {
        String body = "{\"grant_type\":\"client_credentials\",\"client_id\":\"fake-client-id\","
                + "\"Client_Secret\":\"fake-client-secret\",\"scope\":\"email_send\",\"account_id\":\"12345\"}";

        assertThat(masker.maskBody(body, "application/json")).isEqualTo("{\"grant_type\":\"client_credentials\","
                + "\"client_id\":\"fake-client-id\",\"Client_Secret\":\"***\",\"scope\":\"email_send\","
                + "\"account_id\":\"12345\"}");
    }

    @Test
    void a_token_response_loses_its_access_token_and_keeps_expiry_and_urls() {
        String body = "{\n  \"ACCESS_TOKEN\": \"eyJfake.fake.fake\",\n  \"token_type\": \"Bearer\",\n"
                + "  \"expires_in\": 1079,\n  \"rest_instance_url\": \"https://mcfake.rest.marketingcloudapis.com/\"\n}";

        assertThat(masker.maskBody(body, null)).isEqualTo("{\"ACCESS_TOKEN\":\"***\",\"token_type\":\"Bearer\","
                + "\"expires_in\":1079,\"rest_instance_url\":\"https://mcfake.rest.marketingcloudapis.com/\"}");
    }

    @Test
    void a_batch_send_keeps_its_shape_and_ids_and_hashes_every_recipient() throws Exception {
        String body = """
                {"definitionKey": "order_confirm",
                 "recipients": [
                   {"contactKey": "c-1", "to": "Jane@Example.com", "messageKey": "100000000001",
                    "attributes": {"FirstName": "Jane", "lastName": "Doe", "OrderTotal": 12.50,
                                   "Note": "call +1 415 555 0100", "Address": {"street": "1 Main St", "zip": 94105}}},
                   {"contactKey": "c-2", "to": "+14155550101", "messageKey": "nFL4ULgheUeaGbPIMzJJSw",
                    "attributes": {"FirstName": "John", "Tags": ["vip", "john@example.com"]}}
                 ],
                 "attributes": {"Campaign": "Winter"}}
                """;

        String masked = masker.maskBody(body, "application/json; charset=utf-8");

        JsonNode before = JSON.readTree(body);
        JsonNode after = JSON.readTree(masked);
        assertThat(shape(after)).isEqualTo(shape(before));
        assertThat(after.at("/definitionKey").asText()).isEqualTo("order_confirm");
        assertThat(after.at("/recipients/0/messageKey").asText()).isEqualTo("100000000001");
        assertThat(after.at("/recipients/1/messageKey").asText()).isEqualTo("nFL4ULgheUeaGbPIMzJJSw");
        assertThat(after.at("/recipients/0/to").asText()).isEqualTo(hashOf("jane@example.com"));
        assertThat(after.at("/recipients/0/contactKey").asText()).isEqualTo(hashOf("c-1"));
        assertThat(after.at("/recipients/0/attributes/FirstName").asText()).isEqualTo(hashOf("Jane"));
        assertThat(after.at("/recipients/0/attributes/lastName").asText()).isEqualTo(hashOf("Doe"));
        assertThat(after.at("/recipients/0/attributes/OrderTotal").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(after.at("/recipients/0/attributes/Note").asText()).isEqualTo("call " + hashOf("+14155550100"));
        assertThat(after.at("/recipients/0/attributes/Address/street").asText()).isEqualTo(hashOf("1 Main St"));
        assertThat(after.at("/recipients/0/attributes/Address/zip").asText()).isEqualTo(hashOf("94105"));
        assertThat(after.at("/recipients/1/to").asText()).isEqualTo(hashOf("+14155550101"));
        assertThat(after.at("/recipients/1/attributes/Tags/1").asText()).isEqualTo(hashOf("john@example.com"));
        assertThat(after.at("/attributes/Campaign").asText()).isEqualTo("Winter");
        assertThat(masked).doesNotContain("Jane", "Doe", "John", "555", "Main St");
    }

    @Test
    void numbers_keep_their_exact_text() {
        assertThat(masker.maskBody("{\"a\":1.10,\"b\":1e5,\"c\":-0,\"errorcode\":109001}", "application/json"))
                .isEqualTo("{\"a\":1.10,\"b\":1e5,\"c\":-0,\"errorcode\":109001}");
    }

    @Test
    void an_mce_error_response_is_kept_readable() {
        String body = "{\"requestId\":\"c261d918-e99e-460c-94dc-3bbfda154c88\",\"errorcode\":109001,"
                + "\"message\":\"MCMS_UTM_ResponsesHasErrors: 1 subscribers failed to queue out of 2\","
                + "\"responses\":[{\"messageKey\":\"gHQ3VLsfCEOuAC2sl-CV1Q\",\"errorcode\":109106,"
                + "\"message\":\"MCMS_UTM_Validation_MissingRequiredField_to: Invalid subscriber\"}]}";

        assertThat(masker.maskBody(body, "application/json")).isEqualTo(body);
    }

    @Test
    void truncated_json_falls_back_to_text_masking_and_still_hides_secrets_and_people() {
        String body = "{\"client_secret\":\"fake-secret-9\",\"recipient\":{\"to\":\"jane@example.com\",\"FirstName\":\"Ja";

        String masked = masker.maskBody(body, "application/json");

        assertThat(masked).isEqualTo("{\"client_secret\":\"***\",\"recipient\":{\"to\":\""
                + hashOf("jane@example.com") + "\",\"FirstName\":\"" + hashOf("Ja"));
    }

    @Test
    void form_bodies_are_masked_pair_by_pair() {
        String body = "grant_type=client_credentials&client_id=fake-id&client_secret=fake%2Bsecret&email=jane%40example.com";

        assertThat(masker.maskBody(body, "application/x-www-form-urlencoded")).isEqualTo(
                "grant_type=client_credentials&client_id=fake-id&client_secret=***&email="
                        + hashOf("jane@example.com"));
        assertThat(masker.maskBody(body, null)).as("recognised without a content type").contains("client_secret=***");
    }

    @Test
    void query_strings_are_masked_and_paths_stay_readable() {
        String url = "https://mcfake.rest.marketingcloudapis.com/messaging/v1/email/messages/123456789012"
                + "?type=notSent&$pageSize=20&email=jane%40example.com&ACCESS_TOKEN=fake-1&lastEventId=1234567890123";

        assertThat(masker.maskUrl(url)).isEqualTo(
                "https://mcfake.rest.marketingcloudapis.com/messaging/v1/email/messages/123456789012"
                        + "?type=notSent&$pageSize=20&email=" + hashOf("jane@example.com")
                        + "&ACCESS_TOKEN=***&lastEventId=1234567890123");
    }

    @Test
    void user_info_and_fragments_in_urls_are_masked() {
        assertThat(masker.maskUrl("https://user:fake-pass@proxy.example:8443/p#access_token=fake-2&state=1"))
                .isEqualTo("https://***@proxy.example:8443/p#access_token=***&state=1");
    }

    @Test
    void html_bodies_are_masked_as_text() {
        assertThat(masker.maskBody("<html><body>Mail jane@example.com</body></html>", "text/html"))
                .isEqualTo("<html><body>Mail " + hashOf("jane@example.com") + "</body></html>");
    }

    @Test
    void nothing_throws_and_nothing_comes_back_unmasked_whatever_the_input() {
        assertThat(masker.maskBody(null, null)).isNull();
        assertThat(masker.maskBody("", "application/json")).isEmpty();
        assertThat(masker.maskBody("{{{{", "application/json")).isEqualTo("{{{{");
        assertThat(masker.maskBody("[".repeat(5000), "application/json")).isEqualTo("[".repeat(5000));
        assertThat(masker.maskUrl("%%%?a=%zz&b")).isEqualTo("%%%?a=%zz&b");
        assertThat(masker.maskHeaders(null)).isEmpty();
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("X-Empty", null);
        assertThat(masker.maskHeaders(withNull)).containsEntry("X-Empty", List.of());
    }

    /** Field names and array sizes, depth first: what "same shape" means. */
    private static List<String> shape(JsonNode node) {
        List<String> out = new ArrayList<>();
        shape(node, "", out);
        return out;
    }

    private static void shape(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                out.add(path + "/" + name);
                shape(node.get(name), path + "/" + name, out);
            }
        } else if (node.isArray()) {
            out.add(path + "[" + node.size() + "]");
            for (int i = 0; i < node.size(); i++) {
                shape(node.get(i), path + "/" + i, out);
            }
        }
    }
}

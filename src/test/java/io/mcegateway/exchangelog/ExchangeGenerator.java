package io.mcegateway.exchangelog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Random MCE exchanges (token, single send, batch send, status, not-sent list) that carry fake secrets and fake
 * personal data in varied places and letter cases, and remember which values must not survive masking and which
 * non-sensitive values must survive unchanged. All values are obviously fake and made up per case.
 * <p>
 * Personal data also turns up where only knowing the request can find it: names bare in MCE's {@code message}, in
 * prose, in a proxy's HTML cells and in the failure text, in any letter case, echoing what the request sent; and
 * phone numbers in national format ({@code 020 7946 0958}) in prose. Non-sensitive text that looks a little like
 * them (timestamps, times, dates, versions, errorcodes) sits beside them and must come through unchanged.
 */
final class ExchangeGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOWER = "ghijklmnopqrstuvwxyz";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String B64 = ALNUM + "+/";
    private static final String B64URL = ALNUM + "-_";

    private static final List<String> SECRET_NAMES = List.of("client_secret", "Client_Secret", "CLIENT_SECRET",
            "clientSecret", "ClientSecret", "client-secret");
    private static final List<String> TOKEN_NAMES = List.of("access_token", "ACCESS_TOKEN", "Access_Token",
            "accessToken", "AccessToken");
    private static final List<String> TO_NAMES = List.of("to", "To", "TO");
    private static final List<String> CONTACT_NAMES = List.of("contactKey", "ContactKey", "CONTACTKEY",
            "contact_key", "subscriberKey");
    private static final List<String> FIRST_NAMES = List.of("FirstName", "firstName", "FIRSTNAME", "first_name",
            "First_Name");
    private static final List<String> LAST_NAMES = List.of("LastName", "lastName", "LASTNAME", "last_name");
    private static final List<String> AUTH_HEADERS = List.of("Authorization", "authorization", "AUTHORIZATION",
            "AuThOrIzAtIoN");
    private static final List<Integer> ERRORCODES = List.of(0, 10000, 10002, 30001, 50100, 50200, 109001, 109106);
    /** Text beside the personal data that no rule may touch. */
    private static final List<String> LOOKALIKES = List.of("at 2026-12-03 18:40:11.000", "between 09 00 and 17 30",
            "took 0 ms, 12 ms, 4500 ms", "on 03 12 2026", "version 0.12.3 build 0042", "ref 109001 port 8443",
            "lastEventId 0035759 of 00035774", "retry after 30 s (errorcode 50200)");

    /** One generated exchange and what masking must do to it. */
    record Case(String kind, RawExchange raw, Set<String> sensitive, Map<String, String> requestPlain,
            Map<String, String> responsePlain, List<String> urlPlain, List<String> knownSecrets) {
    }

    /** A made-up person, placed wherever a recipient goes. */
    private record Person(String email, String phone, String first, String last, String contactKey) {
    }

    private final Random random;
    private final boolean unlabelledSecrets;

    /**
     * @param unlabelledSecrets also put the client secret and token where only the known-secrets list can find them
     *                          (bare in prose); the case then lists them as known secrets
     */
    ExchangeGenerator(long seed, boolean unlabelledSecrets) {
        this.random = new Random(seed);
        this.unlabelledSecrets = unlabelledSecrets;
    }

    Case next() {
        return switch (random.nextInt(5)) {
            case 0 -> token();
            case 1 -> singleSend();
            case 2 -> batchSend();
            case 3 -> status();
            default -> notSentList();
        };
    }

    // ---------------------------------------------------------------- the five kinds of exchange

    private Case token() {
        Set<String> sensitive = new LinkedHashSet<>();
        String secret = secret(sensitive);
        String accessToken = accessToken(sensitive);
        Map<String, String> requestPlain = new LinkedHashMap<>();
        Map<String, String> responsePlain = new LinkedHashMap<>();
        String clientId = "fakeclientid" + text(ALNUM, 10);
        String requestBody;
        String contentType;
        if (random.nextBoolean()) {
            ObjectNode body = JSON.createObjectNode();
            body.put("grant_type", "client_credentials");
            body.put("client_id", clientId);
            body.put(pick(SECRET_NAMES), secret);
            body.put("account_id", "514000123");
            requestBody = write(body);
            contentType = "application/json";
            requestPlain.put("/client_id", clientId);
            requestPlain.put("/account_id", "514000123");
        } else {
            requestBody = "grant_type=client_credentials&client_id=" + clientId + "&" + pick(SECRET_NAMES) + "="
                    + URLEncoder.encode(secret, StandardCharsets.UTF_8) + "&account_id=514000123";
            contentType = "application/x-www-form-urlencoded";
        }
        RawExchange.Builder raw = base("POST", "https://mcfakeauth.auth.marketingcloudapis.com/v2/token")
                .requestHeaders(headers(contentType, null, sensitive))
                .requestBody(requestBody)
                .route("fetch-token");
        int roll = random.nextInt(4);
        if (roll == 0) {
            raw.status(401).responseHeaders(Map.of("Content-Type", "application/json"))
                    .responseBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication "
                            + "failed" + (unlabelledSecrets ? " for " + secret : "") + "\",\"error_uri\":"
                            + "\"https://developer.salesforce.com/docs\"}");
            responsePlain.put("/error", "invalid_client");
        } else if (roll == 1) {
            raw.failure(failure(accessToken, secret, List.of(), sensitive));
        } else {
            ObjectNode body = JSON.createObjectNode();
            body.put(pick(TOKEN_NAMES), accessToken);
            body.put("token_type", "Bearer");
            body.put("expires_in", 1079);
            body.put("scope", "email_read email_send");
            body.put("rest_instance_url", "https://mcfakerest.rest.marketingcloudapis.com/");
            if (random.nextBoolean()) {
                body.put("refresh_token", "fakerefresh" + text(B64URL, 30));
                sensitive.add(body.get("refresh_token").asText());
            }
            raw.status(200).responseHeaders(responseHeaders(sensitive)).responseBody(pretty(body));
            responsePlain.put("/expires_in", "1079");
            responsePlain.put("/rest_instance_url", "https://mcfakerest.rest.marketingcloudapis.com/");
        }
        return new Case("token", raw.build(), sensitive, requestPlain, responsePlain, List.of("/v2/token"),
                List.of(secret, accessToken));
    }

    private Case singleSend() {
        Set<String> sensitive = new LinkedHashSet<>();
        String accessToken = accessToken(sensitive);
        String secret = secret(sensitive);
        Person person = person(sensitive);
        String messageKey = messageKey();
        String definitionKey = "fake_def_" + text(ALNUM, 8);
        ObjectNode body = JSON.createObjectNode();
        body.put("definitionKey", definitionKey);
        ObjectNode recipient = body.putObject("recipient");
        fill(recipient, person);
        String url = "https://mcfakerest.rest.marketingcloudapis.com/messaging/v1/email/messages/" + messageKey;
        RawExchange.Builder raw = base("POST", url)
                .requestHeaders(headers("application/json", accessToken, sensitive))
                .requestBody(pretty(wrapped(body)))
                .route("send-email")
                .messageKeys(List.of(messageKey));
        Map<String, String> requestPlain = new LinkedHashMap<>();
        requestPlain.put(prefix + "/definitionKey", definitionKey);
        Map<String, String> responsePlain = new LinkedHashMap<>();
        respondToSend(raw, List.of(messageKey), List.of(person), accessToken, secret, sensitive, responsePlain);
        return new Case("single-send", raw.build(), sensitive, requestPlain, responsePlain,
                List.of("/messages/" + messageKey), List.of(secret, accessToken));
    }

    private Case batchSend() {
        Set<String> sensitive = new LinkedHashSet<>();
        String accessToken = accessToken(sensitive);
        String secret = secret(sensitive);
        String definitionKey = "fake_def_" + text(ALNUM, 8);
        ObjectNode body = JSON.createObjectNode();
        body.put("definitionKey", definitionKey);
        ArrayNode recipients = body.putArray("recipients");
        List<String> keys = new ArrayList<>();
        List<Person> people = new ArrayList<>();
        Map<String, String> requestPlain = new LinkedHashMap<>();
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            Person person = person(sensitive);
            String messageKey = messageKey();
            ObjectNode recipient = recipients.addObject();
            fill(recipient, person);
            recipient.put("messageKey", messageKey);
            keys.add(messageKey);
            people.add(person);
        }
        body.putObject("attributes").put("Campaign", "Winter").put(pick(FIRST_NAMES), people.get(0).first());
        ObjectNode root = wrapped(body);
        requestPlain.put(prefix + "/definitionKey", definitionKey);
        for (int i = 0; i < count; i++) {
            requestPlain.put(prefix + "/recipients/" + i + "/messageKey", keys.get(i));
        }
        RawExchange.Builder raw = base("POST", "https://mcfakerest.rest.marketingcloudapis.com/messaging/v1/email/messages/")
                .requestHeaders(headers("application/json", accessToken, sensitive))
                .requestBody(pretty(root))
                .route("send-email-batch")
                .messageKeys(keys);
        Map<String, String> responsePlain = new LinkedHashMap<>();
        respondToSend(raw, keys, people, accessToken, secret, sensitive, responsePlain);
        return new Case("batch-send", raw.build(), sensitive, requestPlain, responsePlain, List.of("/messages/"),
                List.of(secret, accessToken));
    }

    private Case status() {
        Set<String> sensitive = new LinkedHashSet<>();
        String accessToken = accessToken(sensitive);
        String secret = secret(sensitive);
        Person person = person(sensitive);
        String messageKey = messageKey();
        String requestId = UUID.randomUUID().toString();
        ObjectNode body = JSON.createObjectNode();
        body.put("requestId", requestId);
        body.put("eventCategoryType", "TransactionalSendEvents.EmailNotSent");
        body.put("timestamp", "2018-07-24T06:26:58.463");
        body.put("compositeId", "56941A9F-3A8F-E811-80E0-1402EC6B9529.4647028.622338.1.318768528");
        ObjectNode info = body.putObject("info");
        info.put("messageKey", messageKey);
        info.put(pick(CONTACT_NAMES), person.contactKey());
        info.put(pick(TO_NAMES), random.nextBoolean() ? person.email() : person.phone());
        info.put("statusCode", 16);
        info.put("statusMessage", "InvalidAttributeValue");
        RawExchange.Builder raw = base("GET",
                "https://mcfakerest.rest.marketingcloudapis.com/messaging/v1/email/messages/" + messageKey)
                .requestHeaders(headers(null, accessToken, sensitive))
                .route("status-check")
                .messageKeys(List.of(messageKey))
                .status(200)
                .responseHeaders(responseHeaders(sensitive))
                .responseBody(pretty(body));
        Map<String, String> responsePlain = new LinkedHashMap<>();
        responsePlain.put("/requestId", requestId);
        responsePlain.put("/info/messageKey", messageKey);
        responsePlain.put("/info/statusCode", "16");
        responsePlain.put("/timestamp", "2018-07-24T06:26:58.463");
        responsePlain.put("/compositeId", "56941A9F-3A8F-E811-80E0-1402EC6B9529.4647028.622338.1.318768528");
        return new Case("status", raw.build(), sensitive, Map.of(), responsePlain, List.of("/messages/" + messageKey),
                List.of(secret, accessToken));
    }

    private Case notSentList() {
        Set<String> sensitive = new LinkedHashSet<>();
        String accessToken = accessToken(sensitive);
        String secret = secret(sensitive);
        Person person = person(sensitive);
        String definitionKey = "fake_def_" + text(ALNUM, 8);
        String query = "type=notSent&$pageSize=20&lastEventId=35759&definitionKey=" + definitionKey
                + "&" + pick(List.of("email", "Email", "EMAIL_ADDRESS", "q")) + "="
                + URLEncoder.encode(person.email(), StandardCharsets.UTF_8)
                + "&" + pick(List.of("phone", "Mobile", "q", "filter")) + "="
                + URLEncoder.encode(person.phone(), StandardCharsets.UTF_8)
                + "&" + pick(TOKEN_NAMES) + "=" + URLEncoder.encode(accessToken, StandardCharsets.UTF_8);
        RawExchange.Builder raw = base("GET",
                "https://mcfakerest.rest.marketingcloudapis.com/messaging/v1/email/messages/?" + query)
                .requestHeaders(headers(null, accessToken, sensitive))
                .route("not-sent");
        Map<String, String> responsePlain = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            raw.status(200).responseHeaders(Map.of("Content-Type", "application/json")).responseBody(
                    "{\"lastEventID\":35774,\"messages\":[{\"statusCode\":24,\"statusMessage\":\"ListDetectiveExclusion\","
                            + "\"definitionKey\":\"" + definitionKey + "\",\"eventID\":35760,"
                            + "\"info\":{\"messageKey\":\"2iQNfGHj2UqTalK9x2gPow\"}}],\"count\":1}");
            responsePlain.put("/messages/0/definitionKey", definitionKey);
            responsePlain.put("/messages/0/info/messageKey", "2iQNfGHj2UqTalK9x2gPow");
            responsePlain.put("/lastEventID", "35774");
        } else {
            proxyPage(raw, List.of(person), false, accessToken, sensitive);
        }
        return new Case("not-sent", raw.build(), sensitive, Map.of(), responsePlain,
                List.of("type=notSent", "lastEventId=35759", "definitionKey=" + definitionKey),
                List.of(secret, accessToken));
    }

    // ---------------------------------------------------------------- responses

    private void respondToSend(RawExchange.Builder raw, List<String> keys, List<Person> people, String accessToken,
            String secret, Set<String> sensitive, Map<String, String> responsePlain) {
        int roll = random.nextInt(5);
        String requestId = UUID.randomUUID().toString();
        if (roll == 0) {
            ObjectNode body = JSON.createObjectNode();
            body.put("requestId", requestId);
            body.put("errorcode", 0);
            ArrayNode responses = body.putArray("responses");
            keys.forEach(key -> responses.addObject().put("messageKey", key));
            raw.status(202).responseHeaders(responseHeaders(sensitive)).responseBody(pretty(body));
            responsePlain.put("/requestId", requestId);
            responsePlain.put("/errorcode", "0");
            for (int i = 0; i < keys.size(); i++) {
                responsePlain.put("/responses/" + i + "/messageKey", keys.get(i));
            }
        } else if (roll == 1) {
            int errorcode = pick(ERRORCODES);
            int status = errorcode == 50100 || errorcode == 50200 ? 429 : errorcode == 0 ? 500 : 400;
            Person person = people.get(0);
            ObjectNode body = JSON.createObjectNode();
            body.put("message", mceMessage(person));
            body.put("errorcode", errorcode);
            body.put("documentation", "https://developer.salesforce.com/docs/atlas.en-us.mc-apis.meta/mc-apis/error-handling.htm");
            String note = pick(LOOKALIKES);
            body.put("detail", note);
            raw.status(status).responseHeaders(responseHeaders(sensitive)).responseBody(pretty(body));
            responsePlain.put("/errorcode", String.valueOf(errorcode));
            responsePlain.put("/detail", note);
        } else if (roll == 2) {
            proxyPage(raw, people, true, accessToken, sensitive);
        } else if (roll == 3) {
            raw.failure(failure(accessToken, secret, people, sensitive));
        } else {
            // Truncated JSON: the masker must fall back to free text and still find everything.
            Person person = people.get(0);
            String body = "{\"requestId\":\"" + requestId + "\",\"echo\":{\"" + pick(TO_NAMES) + "\":\""
                    + person.email() + "\",\"" + pick(FIRST_NAMES) + "\":\"" + person.first() + "\",\""
                    + pick(TOKEN_NAMES) + "\":\"" + accessToken + "\",\"note\":\"call " + person.phone()
                    + " and ask for " + vary(person.first()) + " " + vary(person.last()) + "\"";
            raw.status(500).responseHeaders(Map.of("Content-Type", "application/json")).responseBody(body);
        }
    }

    /**
     * An HTML error page from a proxy, naming people and maybe echoing the token.
     *
     * @param namesInRequest whether the request carried the people's names, so that the page may show them bare
     */
    private void proxyPage(RawExchange.Builder raw, List<Person> people, boolean namesInRequest, String accessToken,
            Set<String> sensitive) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
                + "<body><h1>502 Bad Gateway</h1>\n<p>ref 109001, port 8443, " + pick(LOOKALIKES) + "</p>");
        for (Person person : people) {
            page.append("<p>Request for <b>").append(person.email()).append("</b> (tel. ").append(person.phone())
                    .append(") blocked.</p>\n");
            if (namesInRequest) {
                page.append("<tr><td>").append(vary(person.first())).append("</td><td>").append(vary(person.last()))
                        .append("</td><td>").append(person.contactKey()).append("</td></tr>");
            } else {
                page.append("<td>FirstName: ").append(person.first()).append("</td>");
            }
        }
        if (unlabelledSecrets) {
            page.append("<pre>echo ").append(accessToken).append("</pre>");
        } else {
            page.append("<pre>Authorization: Bearer ").append(accessToken).append("</pre>");
        }
        page.append("<hr><center>nginx/1.25.3</center></body></html>");
        raw.status(pick(List.of(502, 503, 504, 403)))
                .responseHeaders(Map.of("Server", "nginx/1.25.3", "Content-Type", "text/html",
                        "Set-Cookie", "proxysession=" + cookie(sensitive)))
                .responseBody(page.toString());
    }

    /** What MCE says about a recipient it refused: its {@code message}, naming them as the request did. */
    private String mceMessage(Person person) {
        return switch (random.nextInt(5)) {
            case 0 -> "MCMS_UTM_Validation_InvalidValue: subscriber " + person.email() + " (phone " + person.phone()
                    + ") rejected";
            case 1 -> "Invalid attribute value '" + vary(person.first()) + "' for FirstName";
            case 2 -> "InvalidValue for subscriber " + vary(person.first()) + " " + vary(person.last());
            case 3 -> "Subscriber name=" + person.first() + " " + person.last() + " is on a suppression list";
            default -> "Recipient " + person.contactKey() + " (" + vary(person.last()) + ", " + vary(person.first())
                    + ") unknown";
        };
    }

    private Exception failure(String accessToken, String secret, List<Person> people, Set<String> sensitive) {
        StringBuilder message = new StringBuilder("I/O error on POST https://mcfake.example/x?access_token=")
                .append(accessToken).append(" with \"").append(pick(SECRET_NAMES)).append("\":\"").append(secret)
                .append("\"");
        for (Person person : people) {
            String landline = nationalPhone();
            sensitive.add(landline);
            sensitive.add(digitsOf(landline));
            message.append("; recipient ").append(person.email()).append(", tel:").append(person.phone())
                    .append(", ").append(pick(FIRST_NAMES)).append(": ").append(person.first())
                    .append(", known as ").append(vary(person.first())).append(" ").append(vary(person.last()))
                    .append(" (call ").append(landline).append(")");
        }
        if (unlabelledSecrets) {
            message.append("; upstream echoed ").append(secret).append(" and ").append(accessToken);
        }
        return random.nextBoolean() ? new SocketTimeoutException(message.toString())
                : new ConnectException(message.toString());
    }

    // ---------------------------------------------------------------- parts

    /** The JSON pointer prefix of the wrapped body, set by {@link #wrapped}. */
    private String prefix = "";

    /** Sometimes nests the send body one or two levels deeper, to vary where fields sit. */
    private ObjectNode wrapped(ObjectNode body) {
        int depth = random.nextInt(3);
        prefix = "";
        ObjectNode root = body;
        for (int i = 0; i < depth; i++) {
            ObjectNode outer = JSON.createObjectNode();
            String name = pick(List.of("payload", "data", "request"));
            outer.set(name, root);
            root = outer;
            prefix = "/" + name + prefix;
        }
        return root;
    }

    private void fill(ObjectNode recipient, Person person) {
        recipient.put(pick(CONTACT_NAMES), person.contactKey());
        recipient.put(pick(TO_NAMES), random.nextInt(3) == 0 ? person.phone() : person.email());
        ObjectNode attributes = recipient.putObject(pick(List.of("attributes", "Attributes")));
        attributes.put(pick(FIRST_NAMES), person.first());
        attributes.put(pick(LAST_NAMES), person.last());
        attributes.put("OrderNumber", "A-" + random.nextInt(100000));
        attributes.put("Note", "Reach me at " + person.phone() + " or " + person.email() + " please");
        if (random.nextBoolean()) {
            ArrayNode contacts = attributes.putArray("Contacts");
            contacts.addObject().put(pick(List.of("Email", "emailAddress", "Billing_Email__c")), person.email());
            contacts.addObject().put(pick(List.of("Mobile", "mobileNumber", "Phone")), person.phone());
        }
    }

    private Map<String, Object> headers(String contentType, String accessToken, Set<String> sensitive) {
        Map<String, Object> headers = new LinkedHashMap<>();
        if (accessToken != null) {
            headers.put(pick(AUTH_HEADERS), pick(List.of("Bearer ", "bearer ", "BEARER ")) + accessToken);
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        headers.put("Accept", "application/json");
        if (random.nextBoolean()) {
            String apiKey = "fakeApiKey" + text(ALNUM, 20);
            headers.put(pick(List.of("X-Api-Key", "x-api-key", "API_KEY")), apiKey);
            sensitive.add(apiKey);
        }
        if (random.nextBoolean()) {
            headers.put(pick(List.of("Cookie", "COOKIE")), List.of("sid=" + cookie(sensitive) + "; theme=dark"));
        }
        return headers;
    }

    private Map<String, Object> responseHeaders(Set<String> sensitive) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("X-Mashery-Responder", "prod-j-worker-us-west-1b-70.mashery.com");
        if (random.nextBoolean()) {
            headers.put("Set-Cookie", List.of("BIGipServer=" + cookie(sensitive) + "; path=/"));
        }
        return headers;
    }

    private RawExchange.Builder base(String method, String url) {
        return RawExchange.builder()
                .startedAt(Instant.parse("2026-12-03T18:40:12.345Z").plusMillis(random.nextInt(3_600_000)))
                .method(method)
                .url(url)
                .durationMs(random.nextInt(60_000))
                .attempt(1 + random.nextInt(4))
                .businessUnit("default");
    }

    // ---------------------------------------------------------------- values

    private String secret(Set<String> sensitive) {
        String secret = "fakeSecret" + text(B64, 14 + random.nextInt(10)) + (random.nextBoolean() ? "==" : "");
        sensitive.add(secret);
        return secret;
    }

    private String accessToken(Set<String> sensitive) {
        String token = random.nextBoolean()
                ? "eyJ" + text(B64URL, 20) + "." + text(B64URL, 40) + "." + text(B64URL, 30)
                        + (random.nextBoolean() ? "." + text(B64URL, 20) : "")
                : "fakeToken" + text(ALNUM, 40);
        sensitive.add(token);
        return token;
    }

    private String cookie(Set<String> sensitive) {
        String value = "fakeCookie" + text(ALNUM, 16);
        sensitive.add(value);
        return value;
    }

    private Person person(Set<String> sensitive) {
        String first = name();
        String last = name();
        String local = (random.nextBoolean() ? first : first.toLowerCase()) + pick(List.of(".", "_", "+", "")) + last
                + random.nextInt(1000);
        String email = local + "@" + text(LOWER, 5 + random.nextInt(5)) + pick(List.of(".example", ".example.com",
                ".test", ".co.uk"));
        Person person = new Person(email, phone(), first, last, "fakeContact" + text(ALNUM, 12));
        sensitive.add(person.email());
        sensitive.add(person.phone());
        sensitive.add(digitsOf(person.phone()));
        sensitive.add(person.first());
        sensitive.add(person.last());
        sensitive.add(person.contactKey());
        return person;
    }

    /** Names from letters that cannot occur in a hex hash, so a hash never looks like a leaked name. */
    private String name() {
        return Character.toUpperCase(LOWER.charAt(random.nextInt(LOWER.length()))) + text(LOWER, 5 + random.nextInt(5));
    }

    /** Phone numbers in the shapes the phone rule promises to find, with random digits. */
    private String phone() {
        if (random.nextInt(3) == 0) {
            return nationalPhone();
        }
        String area = String.valueOf(200 + random.nextInt(800));
        String exchange = String.valueOf(200 + random.nextInt(800));
        String line = String.format("%04d", random.nextInt(10000));
        return switch (random.nextInt(8)) {
            case 0 -> "+1 " + area + " " + exchange + " " + line;
            case 1 -> "+1" + area + exchange + line;
            case 2 -> "(" + area + ") " + exchange + "-" + line;
            case 3 -> area + "-" + exchange + "-" + line;
            case 4 -> area + exchange + line;
            case 5 -> "+44 20 " + String.format("%04d", random.nextInt(10000)) + " " + line;
            case 6 -> "+447" + String.format("%09d", random.nextInt(1_000_000_000));
            default -> "+1-" + area + "-" + exchange + "-" + line;
        };
    }

    /** A phone number in national format: a trunk 0, then groups of digits. */
    private String nationalPhone() {
        String phone = switch (random.nextInt(6)) {
            case 0 -> "0" + (10 + random.nextInt(90)) + " " + digits(4) + " " + digits(4);
            case 1 -> "(0" + (100 + random.nextInt(900)) + ") " + digits(3) + " " + digits(4);
            case 2 -> "07" + digits(3) + " " + digits(6);
            case 3 -> "0" + (10 + random.nextInt(90)) + "-" + digits(4) + "-" + digits(4);
            case 4 -> "0" + (30 + random.nextInt(60)) + " " + digits(8);
            default -> "0" + (1 + random.nextInt(9)) + " " + digits(2) + " " + digits(2) + " " + digits(2) + " "
                    + digits(2);
        };
        return phone;
    }

    private String digits(int count) {
        return text("0123456789", count);
    }

    /** The same value as the request had it, in upper, lower or its own case. */
    private String vary(String value) {
        return switch (random.nextInt(3)) {
            case 0 -> value.toUpperCase(Locale.ROOT);
            case 1 -> value.toLowerCase(Locale.ROOT);
            default -> value;
        };
    }

    private String messageKey() {
        return switch (random.nextInt(3)) {
            case 0 -> UUID.randomUUID().toString();
            case 1 -> text(B64URL, 22);
            default -> text("0123456789", 6 + random.nextInt(15));
        };
    }

    static String digitsOf(String phone) {
        return phone.replaceAll("[^0-9]", "");
    }

    private String text(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private String pretty(JsonNode node) {
        try {
            return random.nextBoolean() ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node)
                    : JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

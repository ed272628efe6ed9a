package io.mcegateway.api;

import org.apache.camel.builder.RouteBuilder;

/**
 * {@code GET /api/v1/support/bundle}: what Salesforce support asks for about an MCE API error, masked and ready to
 * attach. Behind the gateway API key like every {@code /api/} path ({@link ApiKeyFilter}); failures become the
 * gateway API's JSON errors ({@link GatewayApiErrors}). Java DSL: operators call it, nobody needs to edit it.
 */
public final class SupportBundleRoutes extends RouteBuilder {

    private final SupportBundleReplies replies;

    public SupportBundleRoutes(SupportBundleReplies replies) {
        this.replies = replies;
    }

    @Override
    public void configure() {
        rest("/api/v1/support").id("support-api")
                .get("/bundle").id("get-support-bundle").produces("application/json")
                .to("direct:read-support-bundle");

        // Called by GET /api/v1/support/bundle?signature=... or ?messageKey=..., by an operator.
        from("direct:read-support-bundle").routeId("read-support-bundle")
                .description("Builds the support bundle for one error signature or one messageKey")
                .routeConfigurationId(GatewayApiErrors.ID)
                .process(replies::reply).id("reply-support-bundle");
    }
}

/**
 * An embedded simulator ("sandbox") of the Marketing Cloud Engagement REST APIs the gateway calls: the OAuth
 * token endpoint and Transactional Messaging (email and SMS send, status, not-sent list), following the wire
 * reference {@code mce-api-wire.md}. Tests and local runs start it with
 * {@link io.mcegateway.sandbox.MceSandbox#start(io.mcegateway.sandbox.SandboxSettings)}, assert on its
 * {@link io.mcegateway.sandbox.SandboxLedger} and script failures with the
 * {@link io.mcegateway.sandbox.FaultInjector}; {@link io.mcegateway.sandbox.SandboxMain} runs it standalone.
 *
 * <p>Plain Java and Jackson only, no Spring: the sandbox must start inside any test, including ones that
 * start the gateway's Spring context against it.
 */
package io.mcegateway.sandbox;

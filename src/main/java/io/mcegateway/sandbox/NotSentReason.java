package io.mcegateway.sandbox;

/** A subscriber error code and name reported as {@code statusCode}/{@code statusMessage} of a NotSent message. */
record NotSentReason(int statusCode, String statusMessage) {
}

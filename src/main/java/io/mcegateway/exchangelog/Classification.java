package io.mcegateway.exchangelog;

/**
 * What a failed MCE exchange was, in the terms a support case needs: who produced the error, whether retrying
 * can help, and a signature that groups the same error across exchanges.
 *
 * @param source    who produced the error
 * @param retryable whether the same request may succeed later (5xx, 429, timeouts, network faults)
 * @param signature {@code status/errorcode/source}, {@code -} for a missing part: {@code 500/0/MCE},
 *                  {@code 502/-/INTERMEDIARY}, {@code -/-/CLIENT_TIMEOUT}
 * @param reason    one line on why this source was chosen, for the operator reading the record
 */
public record Classification(Source source, boolean retryable, String signature, String reason) {

    /** Where an error came from (guidance, support section: "Discrepancies in Error Counts"). */
    public enum Source {
        /** MCE answered with its own error body. */
        MCE,
        /** A proxy, WAF, load balancer or API gateway on the way answered instead of MCE. */
        INTERMEDIARY,
        /** The gateway stopped waiting: MCE may still have processed the request. */
        CLIENT_TIMEOUT,
        /** No HTTP answer: refused, reset or dropped connection, DNS, TLS. */
        NETWORK,
        /** Not an error, or a failure inside the gateway with no remote party involved. */
        NONE
    }

    static String signature(Integer status, String errorcode, Source source) {
        return (status == null ? "-" : status.toString()) + "/" + (errorcode == null ? "-" : errorcode) + "/"
                + source.name();
    }
}

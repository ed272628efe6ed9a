package io.mcegateway.token;

/** Asks MCE's auth API for a new token. One call is one token flight, retries included. */
@FunctionalInterface
public interface TokenClient {

    /**
     * @throws CredentialsRejectedException when MCE refuses the credentials
     * @throws TokenUnavailableException when retries are exhausted
     */
    AccessToken fetch(BusinessUnit businessUnit);
}

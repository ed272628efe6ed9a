package io.mcegateway.send;

/**
 * A message as accepted from an internal client, before it is stored.
 *
 * @param recipientJson  MCE's recipient object (contactKey, to, attributes) as compact JSON
 * @param attributesJson request-level attributes as compact JSON, or null
 * @param batchGroup     messages with the same group can travel in one MCE batch request
 */
public record NewMessage(Channel channel, String messageKey, String businessUnit, String definitionKey,
        String recipientJson, String attributesJson, String batchGroup) {

    @Override
    public String toString() {
        return "NewMessage[" + channel.path() + "/" + messageKey + "]";
    }
}

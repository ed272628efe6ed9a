package io.mcegateway.send;

/** The gateway has no message with this key on this channel; becomes a 404. */
public class MessageNotFoundException extends RuntimeException {

    public MessageNotFoundException(Channel channel, String messageKey) {
        super("No " + channel.path() + " message with messageKey '" + messageKey + "'");
    }
}

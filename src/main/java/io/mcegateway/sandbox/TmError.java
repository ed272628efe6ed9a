package io.mcegateway.sandbox;

/**
 * Transactional Messaging error codes the sandbox answers with (reference §2.9 and §3.2).
 * Messages follow MCE's observed form {@code "<NAME>: <detail>"}.
 */
enum TmError {
    VALIDATION(10000, "MCMS_UTM_Validation"),
    INVALID_DATA_TYPE(10001, "MCMS_UTM_Validation_InvalidDataType"),
    // 10004 is a platform code ("Invalid Message Format") with no MCMS_UTM name in the TM table,
    // so its message carries the description instead of an invented MCMS_UTM name.
    INVALID_MESSAGE_FORMAT(10004, "Invalid Message Format"),
    INVALID_VALUE(10005, "MCMS_UTM_Validation_InvalidValue"),
    OBJECT_NOT_FOUND(30003, "MCMS_UTM_Runtime_ObjectNotFound"),
    RESPONSES_HAS_ERRORS(109001, "MCMS_UTM_ResponsesHasErrors"),
    TOO_MANY_SUBSCRIBERS(109101, "MCMS_UTM_Validation_TooManySubscribers"),
    NO_SUBSCRIBERS(109102, "MCMS_UTM_Validation_NoSubscribers"),
    MISSING_SUBSCRIBER_KEY(109105, "MCMS_UTM_Validation_MissingRequiredField_subscriberKey"),
    MISSING_TO(109106, "MCMS_UTM_Validation_MissingRequiredField_to"),
    MISSING_DEFINITION_KEY(109107, "MCMS_UTM_Validation_MissingRequiredField_definitionKey"),
    INVALID_MESSAGE_KEY(109108, "MCMS_UTM_Validation_InvalidValue_messageKey"),
    DUPLICATE_MESSAGE_KEY(109110, "MCMS_UTM_Validation_DuplicateMessageKey");

    private final int code;
    private final String errorName;

    TmError(int code, String errorName) {
        this.code = code;
        this.errorName = errorName;
    }

    int code() {
        return code;
    }

    String message(String detail) {
        return errorName + ": " + detail;
    }
}

package io.mcegateway.token;

import io.mcegateway.config.MceProperties;
import io.mcegateway.config.Secret;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The configured business units by name. {@code default} comes from the top-level {@code mce.*} settings (or, with
 * the sandbox on and no client id, the sandbox's own credentials); further ones from {@code mce.business-units.NAME}.
 */
public final class BusinessUnits {

    public static final String DEFAULT = "default";
    /** The message store's business_unit column: every stored message names its business unit. */
    static final int MAX_NAME_LENGTH = 64;

    private final Map<String, BusinessUnit> units;

    private BusinessUnits(Map<String, BusinessUnit> units) {
        this.units = Collections.unmodifiableMap(units);
    }

    /**
     * @param sandbox the running sandbox's URL and credentials, or null when the sandbox is off
     */
    public static BusinessUnits from(MceProperties mce, SandboxAccess sandbox) {
        Map<String, BusinessUnit> units = new LinkedHashMap<>();
        boolean useSandboxCredentials = sandbox != null && (mce.clientId() == null || mce.clientId().isBlank());
        String authUrl = firstText(mce.authUrl(), sandbox == null ? null : sandbox.baseUrl());
        BusinessUnit fallback = new BusinessUnit(DEFAULT, authUrl, mce.restUrl(),
                useSandboxCredentials ? sandbox.clientId() : mce.clientId(),
                useSandboxCredentials ? sandbox.clientSecret() : mce.clientSecret(),
                mce.accountId(), mce.scope());
        units.put(DEFAULT, fallback);
        mce.businessUnits().forEach((name, unit) -> {
            if (DEFAULT.equals(name)) {
                throw new IllegalArgumentException("mce.business-units.default is reserved: the top-level mce.* "
                        + "settings describe the default business unit");
            }
            if (name.length() > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException("mce.business-units: the name '" + name + "' is longer than "
                        + MAX_NAME_LENGTH + " characters, which the message store keeps per message");
            }
            // One installed package often serves several business units: only the MID differs.
            boolean ownPackage = unit.clientId() != null && !unit.clientId().isBlank();
            units.put(name, new BusinessUnit(name, firstText(unit.authUrl(), authUrl),
                    firstText(unit.restUrl(), mce.restUrl()),
                    ownPackage ? unit.clientId() : fallback.clientId(),
                    ownPackage ? unit.clientSecret() : fallback.clientSecret(),
                    unit.accountId(), firstText(unit.scope(), mce.scope())));
        });
        return new BusinessUnits(units);
    }

    /** @throws UnknownBusinessUnitException for a name that is not configured */
    public BusinessUnit resolve(String name) {
        String key = name == null || name.isBlank() ? DEFAULT : name.trim();
        BusinessUnit unit = units.get(key);
        if (unit == null) {
            throw new UnknownBusinessUnitException(key, units.keySet());
        }
        return unit;
    }

    public Set<String> names() {
        return units.keySet();
    }

    /**
     * The business units that would reach something other than the embedded sandbox: a token request to another
     * auth URL, REST calls to another base URL, or credentials other than the sandbox's (which would then be real
     * ones). All of them when the sandbox does not run; none when every one talks to the sandbox alone.
     *
     * @param sandbox the running sandbox, or null
     */
    public List<String> notOnSandbox(SandboxAccess sandbox) {
        return units.values().stream().filter(unit -> sandbox == null || !sandbox.serves(unit))
                .map(BusinessUnit::name).toList();
    }

    private static String firstText(String preferred, String fallback) {
        return preferred != null && !preferred.isBlank() ? preferred : fallback;
    }

    /** Where the embedded sandbox listens and which credentials it accepts. */
    public record SandboxAccess(String baseUrl, String clientId, Secret clientSecret) {

        /** Whether every call of this business unit, with its credentials, goes to this sandbox. */
        boolean serves(BusinessUnit unit) {
            boolean restHere = unit.restUrlOverride() == null || unit.restUrlOverride().isBlank()
                    || sameUrl(unit.restUrlOverride(), baseUrl);
            return sameUrl(unit.authUrl(), baseUrl) && restHere && clientId.equals(unit.clientId())
                    && Objects.equals(clientSecret, unit.clientSecret());
        }

        private static boolean sameUrl(String url, String other) {
            return trimmed(url).equalsIgnoreCase(trimmed(other));
        }

        private static String trimmed(String url) {
            String text = url.trim();
            while (text.endsWith("/")) {
                text = text.substring(0, text.length() - 1);
            }
            return text;
        }
    }

    /** A request named a business unit the gateway does not know. */
    public static final class UnknownBusinessUnitException extends IllegalArgumentException {
        public UnknownBusinessUnitException(String name, Set<String> known) {
            super("Unknown business unit '" + name + "'; configured: " + known);
        }
    }
}

package com.partnersync.sync;

/**
 * A credential from the environment (token, password, client secret). Settings records hold it as this type so that
 * their toString, a log line or an error message shows a mask, never the value; {@link #reveal()} is called only
 * where the value is sent. Spring binds it from a plain string (its one-argument constructor).
 */
public record Secret(String value) {
    private static final String MASK = "******";

    /** Set and not blank (unset environment variables arrive as empty strings). */
    public boolean present() {
        return value != null && !value.isBlank();
    }

    public String reveal() {
        return value;
    }

    public static boolean present(Secret secret) {
        return secret != null && secret.present();
    }

    @Override
    public String toString() {
        return present() ? MASK : "(unset)";
    }
}

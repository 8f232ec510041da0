package dev.jwe.core.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code jwe.*} setting, declared once: its name, type, typed default, description, the
 * module that owns it, and whether its value is secret. Read a value with
 * {@code JweSettings.get(setting)}, which applies the default; the declarations are the only
 * place a default is written, so code that needs one (a builder's field, a store's constant)
 * reads {@link #defaultValue()}.
 *
 * <pre>{@code
 * private static final Setting.Declarer MINE = Setting.declaredBy("my-module");
 * public static final Setting<Duration> TIMEOUT = MINE.duration("jwe.my.timeout", Duration.ofSeconds(2),
 *         "How long to wait.");
 * }</pre>
 * Immutable and thread-safe; the withers ({@link #asSecret()}, {@link #documentedDefault(String)},
 * {@link #onlyWith(Setting, String, String)}) return new declarations.
 *
 * @param <T> the type of the value
 */
public final class Setting<T> {

    /** How a value is written and read. Every parser trims; no parse error contains the value. */
    public enum Type {
        /** Any text. */
        STRING,
        /** {@code true} or {@code false}, case-insensitive. */
        BOOLEAN,
        /** A whole number (an {@code int}). */
        INTEGER,
        /** An ISO-8601 duration such as {@code PT30S}. */
        DURATION,
        /** Comma-separated values, trimmed, empty ones dropped. */
        LIST;

        /**
         * Reads a value of this type.
         *
         * @param value the text as configured
         * @return a {@link String}, {@link Boolean}, {@link Integer}, {@link Duration} or {@code List<String>}
         * @throws IllegalArgumentException saying what was expected (never echoing the value)
         */
        public Object parse(String value) {
            String v = Objects.requireNonNull(value, "value").trim();
            switch (this) {
                case BOOLEAN -> {
                    if (v.equalsIgnoreCase("true")) {
                        return Boolean.TRUE;
                    }
                    if (v.equalsIgnoreCase("false")) {
                        return Boolean.FALSE;
                    }
                    throw new IllegalArgumentException("expected true or false");
                }
                case INTEGER -> {
                    try {
                        return Integer.valueOf(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("expected a whole number");
                    }
                }
                case DURATION -> {
                    try {
                        return Duration.parse(v);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("expected an ISO-8601 duration such as PT30S");
                    }
                }
                case LIST -> {
                    List<String> out = new ArrayList<>();
                    for (String part : v.split(",")) {
                        if (!part.isBlank()) {
                            out.add(part.trim());
                        }
                    }
                    return List.copyOf(out);
                }
                default -> {
                    return v;
                }
            }
        }
    }

    /**
     * The setting applies only while another (string) setting has one value, e.g.
     * {@code jwe.revocation.jcache.uri} only with {@code jwe.revocation.store=jcache}; set
     * otherwise it would do nothing, so it is an error.
     *
     * @param selector the other setting
     * @param value the value it must have (its default counts)
     * @param note why, added to the error message, or {@code null}
     */
    public record Condition(Setting<String> selector, String value, String note) {
        /** Checks the arguments. */
        public Condition {
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(value, "value");
        }
    }

    private final String name;
    private final Type type;
    private final T defaultValue;
    private final String documentedDefault;
    private final String description;
    private final String owner;
    private final boolean secret;
    private final Condition condition;

    private Setting(String name, Type type, T defaultValue, String documentedDefault, String description, String owner,
            boolean secret, Condition condition) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.documentedDefault = documentedDefault;
        this.description = description;
        this.owner = owner;
        this.secret = secret;
        this.condition = condition;
    }

    /**
     * Declares the settings of one module.
     *
     * @param module the module's artifact id, e.g. {@code jwe-servlet}
     * @return a declarer whose settings name that module as their owner
     */
    public static Declarer declaredBy(String module) {
        return new Declarer(module);
    }

    /** The key, e.g. {@code jwe.clock-skew}. */
    public String name() {
        return name;
    }

    /** How the value is written. */
    public Type type() {
        return type;
    }

    /**
     * The value used when the setting is not set, or {@code null} when there is none (the setting
     * is optional, or its default depends on other settings: see {@link #defaultText()}).
     *
     * @return the default
     */
    public T defaultValue() {
        return defaultValue;
    }

    /**
     * The default as the documentation shows it: the typed default written as it would be
     * configured, or a phrase such as {@code from the keys} for a default derived from other
     * settings; empty when there is no default.
     *
     * @return the text
     */
    public Optional<String> defaultText() {
        if (documentedDefault != null) {
            return Optional.of(documentedDefault);
        }
        if (defaultValue == null) {
            return Optional.empty();
        }
        return Optional.of(defaultValue instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf)
                .toList()) : defaultValue.toString());
    }

    /** What the setting does, one sentence or two. */
    public String description() {
        return description;
    }

    /** The module that declares and reads the setting, e.g. {@code jwe-core}. */
    public String owner() {
        return owner;
    }

    /** Whether the value must never be logged or shown. */
    public boolean isSecret() {
        return secret;
    }

    /**
     * When the setting applies only together with a value of another one.
     *
     * @return the condition, if any
     */
    public Optional<Condition> condition() {
        return Optional.ofNullable(condition);
    }

    /**
     * Reads a configured value.
     *
     * @param value the text as configured
     * @return the typed value
     * @throws IllegalArgumentException saying what was expected (never echoing the value)
     */
    @SuppressWarnings("unchecked")
    public T parse(String value) {
        return (T) type.parse(value);
    }

    /**
     * This setting with a secret value: never logged, masked by {@code JweSettings.describe()}.
     *
     * @return a new declaration
     */
    public Setting<T> asSecret() {
        return new Setting<>(name, type, defaultValue, documentedDefault, description, owner, true, condition);
    }

    /**
     * This setting with its default documented as a phrase, for a default that depends on other
     * settings (e.g. {@code from the keys}).
     *
     * @param text the phrase
     * @return a new declaration
     */
    public Setting<T> documentedDefault(String text) {
        requireText(text, "documentedDefault");
        return new Setting<>(name, type, defaultValue, text, description, owner, secret, condition);
    }

    /**
     * This setting, applying only while {@code selector} has {@code value}.
     *
     * @param selector the other setting
     * @param value its value
     * @param note why, for the error message, or {@code null}
     * @return a new declaration
     */
    public Setting<T> onlyWith(Setting<String> selector, String value, String note) {
        return new Setting<>(name, type, defaultValue, documentedDefault, description, owner, secret,
                new Condition(selector, value, note));
    }

    /**
     * This declaration under another name: for the per-issuer settings, declared once with a
     * placeholder ({@code jwe.issuers.<name>.issuer}) and read under each issuer's name.
     *
     * @param newName the key
     * @return a new declaration
     */
    Setting<T> renamed(String newName) {
        return new Setting<>(requireText(newName, "name"), type, defaultValue, documentedDefault, description, owner,
                secret, condition);
    }

    /** The name. */
    @Override
    public String toString() {
        return name;
    }

    private static String requireText(String s, String what) {
        if (Objects.requireNonNull(s, what).isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return s;
    }

    /** Makes the declarations of one module; see {@link Setting#declaredBy(String)}. Immutable. */
    public static final class Declarer {
        private final String module;

        private Declarer(String module) {
            this.module = requireText(module, "module");
        }

        private <T> Setting<T> declare(String name, Type type, T defaultValue, String description) {
            requireText(name, "name");
            if (!name.matches("jwe(\\.[a-z0-9]+(-[a-z0-9]+)*)+")) {
                throw new IllegalArgumentException("not a jwe.* setting name (lower case, dots and dashes): " + name);
            }
            return new Setting<>(name, type, defaultValue, null, requireText(description, "description"), module,
                    false, null);
        }

        /**
         * @param name the key
         * @param defaultValue the default, or {@code null}
         * @param description what it does
         * @return the declaration
         */
        public Setting<String> string(String name, String defaultValue, String description) {
            return declare(name, Type.STRING, defaultValue, description);
        }

        /**
         * @param name the key
         * @param defaultValue the default
         * @param description what it does
         * @return the declaration
         */
        public Setting<Boolean> bool(String name, boolean defaultValue, String description) {
            return declare(name, Type.BOOLEAN, defaultValue, description);
        }

        /**
         * @param name the key
         * @param defaultValue the default, or {@code null}
         * @param description what it does
         * @return the declaration
         */
        public Setting<Integer> integer(String name, Integer defaultValue, String description) {
            return declare(name, Type.INTEGER, defaultValue, description);
        }

        /**
         * @param name the key
         * @param defaultValue the default, or {@code null}
         * @param description what it does
         * @return the declaration
         */
        public Setting<Duration> duration(String name, Duration defaultValue, String description) {
            return declare(name, Type.DURATION, defaultValue, description);
        }

        /**
         * A comma-separated list; unset, it reads as an empty list.
         *
         * @param name the key
         * @param description what it does
         * @return the declaration
         */
        public Setting<List<String>> list(String name, String description) {
            return declare(name, Type.LIST, null, description);
        }
    }
}

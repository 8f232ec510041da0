package dev.jwe.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys from a local file, re-read when the file changes (checked at most once per interval, by
 * one request thread, with a cheap {@code stat}). A broken new file keeps the old keys and logs
 * an error naming the file, so a bad deployment of a key file never takes the service down.
 * Thread-safe: readers see one immutable snapshot at a time.
 */
final class ReloadingKeyFile implements KeySource {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyFile.class);

    private record State(KeySet keys, Instant modified, long size, Instant checkedAt, Instant loadedAt) {
    }

    private final String location;
    private final Path path;
    private final char[] password;
    private final String passwordSetting;
    private final Duration interval;
    private final Clock clock;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile State state;
    private volatile Instant lastFailure;
    private volatile String lastError;

    /**
     * Loads the file now.
     *
     * @param location the file path as configured
     * @param password PKCS#12 password or {@code null}
     * @param passwordSetting the setting that holds the password, for messages
     * @param interval how often to look for changes
     * @param clock the clock
     * @throws KeySourceException when the file cannot be loaded at start
     */
    ReloadingKeyFile(String location, char[] password, String passwordSetting, Duration interval, Clock clock) {
        this.location = location;
        this.path = location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location);
        this.password = password == null ? null : password.clone();
        this.passwordSetting = passwordSetting;
        this.interval = interval;
        this.clock = clock;
        BasicFileAttributes attrs = attributes();
        Instant now = clock.instant();
        this.state = new State(load(), attrs == null ? Instant.EPOCH : attrs.lastModifiedTime().toInstant(),
                attrs == null ? -1 : attrs.size(), now, now);
    }

    private KeySet load() {
        List<KeyEntry> keys = KeyLoading.load(location, password, passwordSetting);
        return KeySet.of(keys);
    }

    private BasicFileAttributes attributes() {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public KeySet keys() {
        State s = state;
        Instant now = clock.instant();
        if (!now.isBefore(s.checkedAt().plus(interval)) && checking.compareAndSet(false, true)) {
            try {
                state = check(s, now);
            } finally {
                checking.set(false);
            }
        }
        return state.keys();
    }

    private State check(State s, Instant now) {
        BasicFileAttributes attrs = attributes();
        if (attrs == null) {
            return failed(s, now, "the key file is missing or unreadable");
        }
        Instant modified = attrs.lastModifiedTime().toInstant();
        if (modified.equals(s.modified()) && attrs.size() == s.size()) {
            return new State(s.keys(), s.modified(), s.size(), now, s.loadedAt());
        }
        try {
            KeySet keys = load();
            LOG.info("jwe: reloaded keys from {}: {}", location, keys.keyIds());
            lastError = null;
            return new State(keys, modified, attrs.size(), now, now);
        } catch (KeySourceException e) {
            // Remember the broken version so that it is reported once, not on every check.
            State kept = failed(s, now, e.getMessage());
            return new State(kept.keys(), modified, attrs.size(), now, s.loadedAt());
        }
    }

    private State failed(State s, Instant now, String what) {
        lastFailure = now;
        lastError = what;
        LOG.error("jwe: keeping the previous keys; cannot reload {}: {}", location, what);
        return new State(s.keys(), s.modified(), s.size(), now, s.loadedAt());
    }

    @Override
    public List<KeySourceHealth> health() {
        State s = state;
        return List.of(new KeySourceHealth(location, s.keys().keyIds(), s.loadedAt(), lastFailure, lastError,
                !s.keys().isEmpty()));
    }
}

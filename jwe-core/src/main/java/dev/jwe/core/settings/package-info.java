/**
 * The declarations of the {@code jwe.*} settings: each setting once, with its type, default,
 * description and owning module ({@link dev.jwe.core.settings.Setting}). Core declares
 * {@link dev.jwe.core.settings.CoreSettings} and {@link dev.jwe.core.settings.AdapterSettings};
 * other modules add theirs through {@link dev.jwe.core.settings.SettingsDeclaration}, and
 * {@link dev.jwe.core.settings.SettingsCatalog} gathers them. Reading values is
 * {@code dev.jwe.core.JweSettings}'s job; this package depends on nothing else in the project.
 */
package dev.jwe.core.settings;

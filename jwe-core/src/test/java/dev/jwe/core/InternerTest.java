package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InternerTest {
    private final Interner shared = new Interner();

    @Test
    void setWhenSameMembersInSameOrderThenOneSharedInstance() {
        Set<String> first = shared.set(new LinkedHashSet<>(List.of("user", "admin")));
        Set<String> second = shared.set(new LinkedHashSet<>(List.of("user", "admin")));
        assertThat(second).isSameAs(first).containsExactly("user", "admin");
    }

    @Test
    void setWhenSameMembersInAnotherOrderThenEachKeepsItsOrder() {
        Set<String> ab = shared.set(new LinkedHashSet<>(List.of("a", "b")));
        Set<String> ba = shared.set(new LinkedHashSet<>(List.of("b", "a")));
        assertThat(List.copyOf(ab)).containsExactly("a", "b");
        assertThat(List.copyOf(ba)).containsExactly("b", "a");
    }

    @Test
    void listAndStringWhenEqualValuesThenSharedAndUnmodifiable() {
        List<String> aud = shared.list(List.of(new String("api://orders")));
        assertThat(shared.list(List.of(new String("api://orders")))).isSameAs(aud);
        assertThat(aud.get(0)).isSameAs(shared.string(new String("api://orders")));
        assertThat(shared.set(new LinkedHashSet<>(List.of("api://orders")))).isNotSameAs(aud);
    }

    @Test
    void protectionWhenOtherKeyObjectWithSameContentThenNotShared() {
        KeyEntry key = TestKeys.rsa("enc-1", 2048);
        KeyEntry reloaded = KeyEntry.of("enc-1", key.key(), key.publicKey().orElseThrow());
        TokenFacts.Protection p = shared.protection(new TokenFacts.Protection("enc-1", "RSA-OAEP-256", "A256GCM",
                null, null, key, null));
        TokenFacts.Protection q = shared.protection(new TokenFacts.Protection("enc-1", "RSA-OAEP-256", "A256GCM",
                null, null, reloaded, null));
        assertThat(q.decryptedWith()).isSameAs(reloaded);
        assertThat(shared.protection(new TokenFacts.Protection("enc-1", "RSA-OAEP-256", "A256GCM", null, null, key,
                null))).isSameAs(p);
    }
}
